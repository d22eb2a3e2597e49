package dev.sluice.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Sluice server in a child JVM, started the way {@code ./sluice server} starts it, on port 0. For
 * tests that need a separate OS process: SIGTERM, SIGKILL, restart on the same data directory.
 *
 * <pre>{@code
 * try (SluiceProcess server = SluiceProcess.start(dataDir)) {
 *   URI endpoint = server.endpoint();
 *   ...
 *   assertThat(server.stop()).isZero();   // SIGTERM, graceful
 * }
 * }</pre>
 *
 * The child runs on this JVM's classpath ({@code java.class.path}: the test classpath), with the
 * parent's environment minus every {@code SLUICE_*} variable, so a developer's settings do not leak
 * into tests. Its stderr (the log) is kept for {@link #log()} and echoed to this process's stderr.
 */
public final class SluiceProcess implements AutoCloseable {

  public static final String MAIN_CLASS = "dev.sluice.server.cli.SluiceCommand";
  public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

  private static final Pattern READY = Pattern.compile("Sluice ready on (http://\\S+)");

  private final Process process;
  private final URI endpoint;
  private final List<String> stdout;
  private final StringBuffer log;
  private final List<Thread> pumps;

  private SluiceProcess(
      Process process, URI endpoint, List<String> stdout, StringBuffer log, List<Thread> pumps) {
    this.process = process;
    this.endpoint = endpoint;
    this.stdout = stdout;
    this.log = log;
    this.pumps = pumps;
  }

  /**
   * Starts {@code sluice server --port 0 --data-dir DATA_DIR [serverArgs]} and waits until it is
   * ready. Later {@code serverArgs} win over the defaults given here (picocli keeps the last
   * value).
   */
  public static SluiceProcess start(Path dataDir, String... serverArgs) {
    return start(List.of(), dataDir, serverArgs);
  }

  /** As {@link #start(Path, String...)}, with extra JVM options such as {@code -Xmx256m}. */
  public static SluiceProcess start(List<String> jvmOptions, Path dataDir, String... serverArgs) {
    List<String> command = new ArrayList<>(javaCommand(jvmOptions));
    command.addAll(List.of("server", "--port", "0", "--data-dir", dataDir.toString()));
    command.addAll(List.of(serverArgs));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("SLUICE_"));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + command, e);
    }
    List<String> stdout = new CopyOnWriteArrayList<>();
    StringBuffer log = new StringBuffer();
    CompletableFuture<URI> ready = new CompletableFuture<>();
    Thread stdoutPump =
        pump(
            process.getInputStream(),
            "sluice-stdout-" + process.pid(),
            line -> {
              stdout.add(line);
              Matcher matcher = READY.matcher(line);
              if (matcher.matches()) {
                ready.complete(URI.create(matcher.group(1)));
              }
            },
            () ->
                ready.completeExceptionally(
                    new IllegalStateException("stdout closed before ready")));
    long pid = process.pid();
    Thread stderrPump =
        pump(
            process.getErrorStream(),
            "sluice-stderr-" + pid,
            line -> {
              log.append(line).append('\n');
              System.err.println("[sluice " + pid + "] " + line);
            },
            () -> {});
    try {
      URI endpoint = ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return new SluiceProcess(process, endpoint, stdout, log, List.of(stdoutPump, stderrPump));
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      awaitExit(process);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException(
          "Sluice did not become ready ("
              + e
              + "); exit code "
              + (process.isAlive() ? "none" : process.exitValue())
              + "; log:\n"
              + log,
          e);
    }
  }

  /** {@code java -cp <this JVM's classpath> [jvmOptions] dev.sluice.server.cli.SluiceCommand}. */
  public static List<String> javaCommand(List<String> jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MAIN_CLASS);
    return command;
  }

  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return endpoint.getPort();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** What the server printed to stdout, line by line (the ready line, normally nothing else). */
  public List<String> stdout() {
    return List.copyOf(stdout);
  }

  /** What the server logged (stderr) so far. */
  public String log() {
    return log.toString();
  }

  /**
   * Sends SIGTERM and waits for the exit; returns the exit code. The signal is sent through {@link
   * ProcessHandle#destroy}, the same SIGTERM as {@link Process#destroy}, because the latter also
   * closes our end of the child's stdout and stderr, losing what it logs while shutting down.
   *
   * @throws IllegalStateException if it does not exit within {@link #EXIT_TIMEOUT} (it is then
   *     killed)
   */
  public int stop() {
    process.toHandle().destroy();
    return awaitExitOrKill();
  }

  /** Sends SIGKILL and waits; returns the exit code (137). */
  public int kill() {
    process.toHandle().destroyForcibly();
    int exitCode = awaitExit(process);
    drainOutput();
    return exitCode;
  }

  /** Waits for an exit the test caused some other way; returns the exit code. */
  public int awaitExitOrKill() {
    try {
      if (process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        drainOutput();
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kill();
    throw new IllegalStateException(
        "Sluice did not exit within " + EXIT_TIMEOUT.toSeconds() + " s; killed it. Log:\n" + log);
  }

  /** Stops the server if it still runs: SIGTERM, then SIGKILL if it hangs. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.toHandle().destroy();
      try {
        if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          kill();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
      }
    }
  }

  /** After the exit: lets the pumps read what the process wrote last, so log() holds all of it. */
  private void drainOutput() {
    for (Thread pump : pumps) {
      try {
        pump.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static int awaitExit(Process process) {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static Thread pump(
      InputStream stream, String name, Consumer<String> lines, Runnable atEnd) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  lines.accept(line);
                }
              } catch (IOException e) {
                // The process is gone; what it wrote so far is kept.
              } finally {
                atEnd.run();
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
