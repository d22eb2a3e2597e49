package dev.sluice.server.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the repository's {@code ./sluice} (or a copy of it) and collects what it printed. */
final class LauncherScript {

  /** The launcher at the repository root (tests run in the sluice-server folder). */
  static Path inRepository() {
    return Path.of(System.getProperty("basedir", ""))
        .toAbsolutePath()
        .getParent()
        .resolve("sluice");
  }

  record Result(int exitCode, String stdout, String stderr) {}

  static ProcessBuilder builder(Path script, Map<String, String> environment, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("SLUICE_"));
    builder.environment().putAll(environment);
    return builder;
  }

  static Result run(Path script, Map<String, String> environment, String... args) {
    try {
      Process process = builder(script, environment, args).start();
      process.getOutputStream().close();
      var stdout = process.getInputStream().readAllBytes();
      var stderr = process.getErrorStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("./sluice " + String.join(" ", args) + " did not finish");
      }
      return new Result(
          process.exitValue(),
          new String(stdout, StandardCharsets.UTF_8),
          new String(stderr, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private LauncherScript() {}
}
