package dev.sluice.functions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The Python runtime name matching the python3 on this machine's PATH (tests need one). */
final class Python {

  private Python() {}

  static String runtime() {
    try {
      Process process = new ProcessBuilder("python3", "-c",
          "import sys; print('python%d.%d' % sys.version_info[:2])").start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      return out.strip();
    } catch (IOException e) {
      throw new IllegalStateException("the tests need python3 on the PATH", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
