package dev.sluice.bench.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One core for the servers, another for the load generator ({@code taskset}), so that the two do
 * not steal each other's CPU and runs are comparable. Off when taskset is missing or the machine
 * has a single CPU.
 */
public final class Pinning {

  public static final int SERVER_CPU = 0;
  public static final int GENERATOR_CPU = 1;

  private final boolean enabled;

  private Pinning(boolean enabled) {
    this.enabled = enabled;
  }

  public static Pinning off() {
    return new Pinning(false);
  }

  /** Pinning when wanted and possible here. */
  public static Pinning detect(boolean wanted) {
    return new Pinning(
        wanted && Runtime.getRuntime().availableProcessors() >= 2 && taskset() != null);
  }

  public boolean enabled() {
    return enabled;
  }

  /** The command, prefixed with {@code taskset -c 0} when pinning. */
  public List<String> serverCommand(List<String> command) {
    List<String> full = new ArrayList<>();
    if (enabled) {
      full.addAll(List.of(taskset(), "-c", Integer.toString(SERVER_CPU)));
    }
    full.addAll(command);
    return full;
  }

  /**
   * Binds every thread of this JVM to the generator's CPU. Threads started later inherit it, so
   * this runs before the load generator creates its event loop.
   */
  public void pinThisProcessToGeneratorCpu() {
    if (!enabled) {
      return;
    }
    String pid = Long.toString(ProcessHandle.current().pid());
    try {
      Process process =
          new ProcessBuilder(taskset(), "-a", "-p", "-c", Integer.toString(GENERATOR_CPU), pid)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException("taskset failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String taskset() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(dir, "taskset");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }
}
