package dev.sluice.functions.runtime;

import dev.sluice.functions.FunctionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * AWS runtime names mapped to what runs them on this machine. {@code python3.X} runs our
 * bootstrap (standard library only) with a Python 3.X interpreter found on the PATH ({@code
 * python3.X}, else {@code python3} if it is 3.X); {@code provided.al2}/{@code provided.al2023} run
 * the package's own {@code bootstrap}. Interpreter lookups are cached: they spawn a process.
 */
public final class Runtimes {

  /** Every runtime name AWS accepts, in the order AWS lists them in its validation message. */
  public static final List<String> AWS_RUNTIMES = List.of(
      "nodejs20.x", "python3.14", "provided.al2023", "python3.12", "python3.13", "nodejs24.x",
      "nodejs22.x", "java25", "python3.10", "python3.11", "java21", "ruby3.3", "ruby3.4",
      "ruby3.2", "python3.8", "python3.9", "java17", "nodejs16.x", "dotnet10", "dotnet8", "java11",
      "dotnet6", "nodejs18.x", "provided.al2", "java8.al2");

  private static final String PYTHON_BOOTSTRAP = "python_bootstrap.py";

  private final Path runtimesDir;
  // JVM-wide: what is installed on the machine does not change with the data directory.
  private static final Map<String, Optional<String>> pythonInterpreters =
      new ConcurrentHashMap<>();

  public Runtimes(Path runtimesDir) {
    this.runtimesDir = runtimesDir;
    installBootstrap(PYTHON_BOOTSTRAP);
  }

  public static boolean isProvided(String runtime) {
    return runtime.startsWith("provided.");
  }

  /**
   * Throws InvalidParameterValueException unless {@code runtime} is an AWS runtime that this
   * machine can run.
   */
  public void checkAvailable(String runtime) {
    if (!AWS_RUNTIMES.contains(runtime)) {
      throw FunctionException.invalidParameter("Value " + runtime + " at 'runtime' failed to"
          + " satisfy constraint: Member must satisfy enum value set: "
          + AWS_RUNTIMES.toString() + " or be a valid ARN");
    }
    if (isProvided(runtime)) {
      return;
    }
    if (runtime.startsWith("python3.")) {
      if (pythonInterpreter(runtime).isEmpty()) {
        throw FunctionException.invalidParameter("The runtime " + runtime + " is not available"
            + " on this Sluice host: no Python " + runtime.substring("python".length())
            + " interpreter (" + runtime + " or python3) was found on the PATH.");
      }
      return;
    }
    throw FunctionException.invalidParameter("The runtime " + runtime + " is not supported by"
        + " this version of Sluice yet; use python3.x, provided.al2 or provided.al2023.");
  }

  /** The command that starts an execution environment for the runtime. */
  public List<String> command(String runtime, Path taskRoot) {
    checkAvailable(runtime);
    List<String> command = new ArrayList<>();
    if (isProvided(runtime)) {
      command.add(taskRoot.resolve("bootstrap").toString());
    } else {
      command.add(pythonInterpreter(runtime).orElseThrow());
      command.add("-u"); // unbuffered: log lines reach the log file before the response is sent
      command.add(runtimesDir.resolve(PYTHON_BOOTSTRAP).toString());
    }
    return command;
  }

  private Optional<String> pythonInterpreter(String runtime) {
    return pythonInterpreters.computeIfAbsent(runtime, r -> {
      String version = r.substring("python".length());
      for (String candidate : List.of(r, "python3")) {
        Optional<String> found = probePython(candidate, version);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    });
  }

  // Runs the candidate once and asks for its version and real executable (a pyenv shim is a
  // shell script; the real binary starts faster and needs no pyenv variables).
  private static Optional<String> probePython(String candidate, String version) {
    try {
      Process process = new ProcessBuilder(candidate, "-c",
          "import sys; print('%d.%d' % sys.version_info[:2]); print(sys.executable)")
          .redirectErrorStream(true).start();
      String output;
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        return Optional.empty();
      }
      String[] lines = output.strip().split("\\R");
      return lines.length == 2 && lines[0].equals(version)
          ? Optional.of(lines[1]) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private void installBootstrap(String name) {
    try (InputStream in = Runtimes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      Files.createDirectories(runtimesDir);
      Path temporary = runtimesDir.resolve(name + ".tmp");
      Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
      Files.move(temporary, runtimesDir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot install the runtime bootstrap " + name, e);
    }
  }
}
