package dev.sluice.bench.target;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server the bench started as its own OS process. Keeps the last lines of its output for error
 * messages, reads its RSS from /proc, and stops it (SIGTERM, then SIGKILL) with its descendants.
 */
final class ChildProcess implements RunningTarget {

  private static final int KEPT_LINES = 60;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(5);

  private final String name;
  private final Process process;
  private final JitClock jitClock;
  private final Deque<String> recentLines = new ArrayDeque<>();
  private final CompletableFuture<URI> announced = new CompletableFuture<>();
  private volatile URI endpoint;
  private volatile long readyNanos;
  private volatile boolean killed;

  private ChildProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.jitClock = new JitClock(process.pid());
  }

  /**
   * Starts {@code command}. When {@code readyLine} is given, the endpoint is taken from its first
   * group once a stdout line matches it.
   */
  static ChildProcess start(
      String name, List<String> command, Map<String, String> environment, Pattern readyLine)
      throws TargetUnavailableException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new TargetUnavailableException(
          name + " cannot be started (" + command.get(0) + "): " + e.getMessage(), e);
    }
    ChildProcess child = new ChildProcess(name, process);
    child.pump(process.getInputStream(), "stdout", readyLine);
    child.pump(process.getErrorStream(), "stderr", null);
    return child;
  }

  /** Waits for the ready line given to {@link #start}. */
  URI awaitAnnouncedEndpoint(Duration timeout) throws TargetUnavailableException {
    try {
      endpoint = announced.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return endpoint;
    } catch (ExecutionException | TimeoutException e) {
      close();
      throw new TargetUnavailableException(
          name + " did not become ready within " + timeout.toSeconds() + " s; its output:\n"
              + recentLog());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new TargetUnavailableException(name + ": interrupted while starting");
    }
  }

  /** Waits until the endpoint answers an SQS request (for servers that print no usable line). */
  URI awaitAnswering(URI candidate, Duration timeout) throws TargetUnavailableException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastProblem = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new TargetUnavailableException(
            name + " exited with code " + process.exitValue() + " while starting; its output:\n"
                + recentLog());
      }
      String problem = Readiness.probe(candidate);
      if (problem == null) {
        endpoint = candidate;
        return candidate;
      }
      lastProblem = problem;
      sleep(100);
    }
    close();
    throw new TargetUnavailableException(
        name + " did not answer within " + timeout.toSeconds() + " s (" + lastProblem
            + "); its output:\n" + recentLog());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  /** {@link System#nanoTime()} when the ready line was read (0 before, or without one). */
  long readyNanos() {
    return readyNanos;
  }

  /** Whether {@link #close} had to SIGKILL the process because SIGTERM did not end it in time. */
  boolean killed() {
    return killed;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public OptionalLong residentBytes() {
    return residentBytes(process.pid());
  }

  /** VmRSS of a process, from /proc (Linux). */
  static OptionalLong residentBytes(long pid) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          String kilobytes = line.substring(6).trim().split("\\s+")[0];
          return OptionalLong.of(Long.parseLong(kilobytes) * 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or the process is gone: no figure rather than a wrong one.
    }
    return OptionalLong.empty();
  }

  /**
   * CPU time (user + system) of the process and its live descendants (moto's launcher may be a shim whose
   * child does the work; Sluice's function runtimes are its children), from /proc.
   */
  @Override
  public OptionalLong cpuNanos() {
    return ProcessCpu.nanos(process.toHandle());
  }

  @Override
  public OptionalDouble compileSeconds() {
    return jitClock.compileSeconds();
  }

  @Override
  public void freeze() {
    signal("-STOP");
  }

  @Override
  public void thaw() {
    signal("-CONT");
  }

  /** Sends a signal to the process and its descendants (Sluice's function runtimes, moto's). */
  private void signal(String signal) {
    if (!process.isAlive()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of("kill", signal, Long.toString(process.pid())));
    process.descendants().forEach(child -> command.add(Long.toString(child.pid())));
    try {
      Process kill = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!kill.waitFor(SIGNAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        kill.destroyForcibly();
      }
    } catch (IOException e) {
      // No kill(1): the server keeps running during others' turns, as it did before freezing.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the process is stopped by a signal now (state T in /proc; false if unknown). */
  boolean stopped() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      // why after the last ')': the command name in brackets may itself hold spaces or ')'
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public synchronized String recentLog() {
    return String.join("\n", recentLines);
  }

  @Override
  public void close() {
    thaw(); // a stopped process would act on SIGTERM only once continued
    List<ProcessHandle> descendants = process.descendants().toList();
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          killed = true;
          process.destroyForcibly();
          process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    // moto's launcher (a pyenv shim) or a server may leave workers behind.
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private synchronized void keep(String line) {
    recentLines.addLast(line);
    while (recentLines.size() > KEPT_LINES) {
      recentLines.removeFirst();
    }
  }

  private void pump(InputStream stream, String label, Pattern readyLine) {
    Function<String, URI> match =
        line -> {
          if (readyLine == null) {
            return null;
          }
          Matcher matcher = readyLine.matcher(line);
          return matcher.find() ? URI.create(matcher.group(1)) : null;
        };
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  keep(line);
                  URI ready = match.apply(line);
                  if (ready != null && !announced.isDone()) {
                    readyNanos = System.nanoTime();
                    announced.complete(ready);
                  }
                }
              } catch (IOException e) {
                // The process is gone; what it wrote is kept.
              } finally {
                if (readyLine != null) {
                  announced.completeExceptionally(new IllegalStateException(label + " closed"));
                }
              }
            },
            "bench-" + name + "-" + label);
    thread.setDaemon(true);
    thread.start();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
