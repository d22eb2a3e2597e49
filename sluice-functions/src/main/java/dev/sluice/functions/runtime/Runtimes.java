package dev.sluice.functions.runtime;

import dev.sluice.functions.FunctionDefinition;
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
 * the package's own {@code bootstrap}; {@code nodejs18.x}/{@code 20.x}/{@code 22.x} run our Node
 * bootstrap ({@code node_bootstrap.mjs}, standard library only) with the {@code node} on the PATH,
 * whatever its version (18 or later): a machine has one Node, and the three runtimes differ little
 * for handlers. {@code java8.al2}/{@code java11}/{@code java17}/{@code java21} run AWS's runtime
 * client on the {@code java} on the PATH ({@link JavaRuntime}). Every environment is limited to its
 * function's memory ({@link MemoryLimit}). Interpreter lookups are cached: they spawn a process.
 */
public final class Runtimes {

  /** Every runtime name AWS accepts, in the order AWS lists them in its validation message. */
  public static final List<String> AWS_RUNTIMES = List.of(
      "nodejs20.x", "python3.14", "provided.al2023", "python3.12", "python3.13", "nodejs24.x",
      "nodejs22.x", "java25", "python3.10", "python3.11", "java21", "ruby3.3", "ruby3.4",
      "ruby3.2", "python3.8", "python3.9", "java17", "nodejs16.x", "dotnet10", "dotnet8", "java11",
      "dotnet6", "nodejs18.x", "provided.al2", "java8.al2");

  private static final String PYTHON_BOOTSTRAP = "python_bootstrap.py";
  private static final String NODE_BOOTSTRAP = "node_bootstrap.mjs";
  /** The Node.js runtimes Sluice runs, all with the machine's one {@code node}. */
  public static final List<String> NODE_RUNTIMES = List.of("nodejs18.x", "nodejs20.x", "nodejs22.x");
  private static final int MIN_NODE_MAJOR = 18;

  private final Path runtimesDir;
  private final JavaRuntime java;
  // JVM-wide: what is installed on the machine does not change with the data directory.
  private static final Map<String, Optional<String>> pythonInterpreters =
      new ConcurrentHashMap<>();
  private static volatile Optional<String> nodeInterpreter;

  public Runtimes(Path runtimesDir) {
    this.runtimesDir = runtimesDir;
    installBootstrap(PYTHON_BOOTSTRAP);
    installBootstrap(NODE_BOOTSTRAP);
    this.java = new JavaRuntime(runtimesDir);
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
    if (JavaRuntime.isJava(runtime)) {
      java.checkAvailable(runtime);
      return;
    }
    if (NODE_RUNTIMES.contains(runtime)) {
      if (nodeInterpreter().isEmpty()) {
        throw FunctionException.invalidParameter("The runtime " + runtime + " is not available"
            + " on this Sluice host: no Node.js " + MIN_NODE_MAJOR + " or later (node) was found"
            + " on the PATH.");
      }
      return;
    }
    throw FunctionException.invalidParameter("The runtime " + runtime + " is not supported by"
        + " this version of Sluice yet; use python3.x, " + String.join(", ", NODE_RUNTIMES)
        + ", java8.al2, java11, java17, java21, provided.al2 or provided.al2023.");
  }

  /** The command that starts an execution environment for the runtime. */
  /**
   * The command that starts an execution environment of the function, limited to its memory: the
   * JVM by its heap flags, other runtimes by their address space ({@link MemoryLimit}).
   */
  public List<String> command(FunctionDefinition function, Path taskRoot) {
    if (JavaRuntime.isJava(function.runtime())) {
      return java.command(function.runtime(), function.handler(), function.memorySizeMb());
    }
    List<String> command = command(function.runtime(), taskRoot);
    if (!Files.isExecutable(Path.of(command.get(0)))) {
      return command; // starting it fails with its own clear error, not prlimit's exit status
    }
    return MemoryLimit.wrap(function.runtime(), function.memorySizeMb(), command);
  }

  /** The command that starts an execution environment for the runtime, without memory limit. */
  public List<String> command(String runtime, Path taskRoot) {
    checkAvailable(runtime);
    if (JavaRuntime.isJava(runtime)) {
      throw new IllegalArgumentException("A Java environment needs the function's handler and"
          + " memory: use command(FunctionDefinition, Path)");
    }
    List<String> command = new ArrayList<>();
    if (isProvided(runtime)) {
      command.add(taskRoot.resolve("bootstrap").toString());
    } else if (NODE_RUNTIMES.contains(runtime)) {
      command.add(nodeInterpreter().orElseThrow());
      command.add(runtimesDir.resolve(NODE_BOOTSTRAP).toString());
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

  private static Optional<String> nodeInterpreter() {
    Optional<String> found = nodeInterpreter;
    if (found == null) {
      found = probe(List.of("node", "-e",
          "console.log(process.versions.node.split('.')[0]); console.log(process.execPath)"))
          .filter(lines -> lines.length == 2 && lines[0].matches("\\d+")
              && Integer.parseInt(lines[0]) >= MIN_NODE_MAJOR)
          .map(lines -> lines[1]);
      nodeInterpreter = found;
    }
    return found;
  }

  // Runs the candidate once and asks for its version and real executable (a pyenv shim is a
  // shell script; the real binary starts faster and needs no pyenv variables).
  private static Optional<String> probePython(String candidate, String version) {
    return probe(List.of(candidate, "-c",
        "import sys; print('%d.%d' % sys.version_info[:2]); print(sys.executable)"))
        .filter(lines -> lines.length == 2 && lines[0].equals(version))
        .map(lines -> lines[1]);
  }

  // The output lines of a short command, if it ran and succeeded.
  private static Optional<String[]> probe(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output;
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return Optional.of(output.strip().split("\\R"));
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
