package dev.sluice.bench.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * CPU time of a process tree from {@code /proc/PID/stat} (Linux): user + system, in clock ticks
 * (usually 10 ms each). Far less sensitive to a busy machine than messages per second: a server
 * that waits for the CPU uses no CPU while it waits.
 */
public final class ProcessCpu {

  private static final long TICK_NANOS = 1_000_000_000L / clockTicksPerSecond();

  private ProcessCpu() {}

  /** The process's and its live descendants' CPU time; empty when /proc cannot be read. */
  public static OptionalLong nanos(ProcessHandle process) {
    OptionalLong own = ticks(process.pid());
    if (own.isEmpty()) {
      return own;
    }
    long total = own.getAsLong();
    for (ProcessHandle descendant : process.descendants().toList()) {
      total += ticks(descendant.pid()).orElse(0);
    }
    return OptionalLong.of(total * TICK_NANOS);
  }

  /**
   * utime + stime of one process (all its threads) plus cutime + cstime (its children that ended
   * and were waited for), in clock ticks: when a function runtime ends during a measurement, its
   * CPU time moves into its parent's counters instead of vanishing from the sum.
   */
  static OptionalLong ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) is in parentheses and may hold spaces: count after its end.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      // fields[0] is field 3 (state); utime, stime, cutime, cstime are fields 14 to 17.
      return OptionalLong.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12])
          + Long.parseLong(fields[13]) + Long.parseLong(fields[14]));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty(); // not Linux, or the process is gone
    }
  }

  private static long clockTicksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(getconf.getInputStream().readAllBytes()).trim();
      if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
        return Long.parseLong(out);
      }
    } catch (IOException | RuntimeException e) {
      // fall through: Linux's USER_HZ is 100 on every common architecture
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }
}
