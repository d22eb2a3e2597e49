package dev.sluice.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A progress bar on stderr: one step per measured case. On a terminal it redraws one line (and
 * ticks the clock twice a second); in a log (CI) it prints one line per step instead.
 */
final class Progress implements AutoCloseable {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService ticker;
  private int total;
  private int done;
  private String label = "starting";

  Progress(PrintStream out, boolean terminal, int total) {
    this.out = out;
    this.terminal = terminal;
    this.total = Math.max(1, total);
    if (terminal) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "bench-progress");
                thread.setDaemon(true);
                return thread;
              });
      ticker.scheduleAtFixedRate(this::redraw, 500, 500, TimeUnit.MILLISECONDS);
    } else {
      ticker = null;
    }
  }

  /** A new case starts; the previous one (if any) is done. */
  synchronized void step(String newLabel) {
    if (!"starting".equals(label)) {
      done = Math.min(total, done + 1);
    }
    label = newLabel;
    if (terminal) {
      redraw();
    } else {
      out.println(line());
      out.flush();
    }
  }

  /** A message that must not be overwritten by the bar (e.g. a skipped target). */
  synchronized void say(String message) {
    if (terminal) {
      out.print("\r\033[K");
    }
    out.println(message);
    if (terminal) {
      redraw();
    }
    out.flush();
  }

  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    done = total;
    label = "done";
    if (terminal) {
      out.print("\r\033[K" + line() + "\n");
    } else {
      out.println(line());
    }
    out.flush();
  }

  private synchronized void redraw() {
    out.print("\r\033[K" + line());
    out.flush();
  }

  private String line() {
    int filled = (int) ((long) WIDTH * done / total);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    return String.format(
        Locale.ROOT,
        "[%s%s] %d/%d %02d:%02d %s",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        done,
        total,
        seconds / 60,
        seconds % 60,
        label);
  }
}
