package dev.sluice.functions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Deployment packages built in memory for tests. */
final class Zips {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes);

  static Zips builder() {
    return new Zips();
  }

  /** A package with one Python file, {@code handler.py}. */
  static byte[] python(String source) {
    return builder().file("handler.py", source, 0644).build();
  }

  Zips file(String name, String content, int mode) {
    return entry(name, content, 0100000 | mode);
  }

  Zips symlink(String name, String target) {
    return entry(name, target, 0120777);
  }

  private Zips entry(String name, String content, int unixMode) {
    try {
      ZipArchiveEntry entry = new ZipArchiveEntry(name);
      entry.setUnixMode(unixMode);
      zip.putArchiveEntry(entry);
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.closeArchiveEntry();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] build() {
    try {
      zip.close();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
