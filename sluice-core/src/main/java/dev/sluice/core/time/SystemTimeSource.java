package dev.sluice.core.time;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wall-clock time; scheduled tasks run on one shared daemon thread. */
public final class SystemTimeSource implements TimeSource, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SystemTimeSource.class);

  private final ScheduledThreadPoolExecutor timer;

  public SystemTimeSource() {
    timer =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "sluice-timer");
              thread.setDaemon(true);
              return thread;
            });
    // why: long polls schedule a timeout each and usually cancel it; keep cancelled tasks out of the heap.
    timer.setRemoveOnCancelPolicy(true);
  }

  @Override
  public long nowMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public Cancellable schedule(long epochMillis, Runnable task) {
    long delay = Math.max(0, epochMillis - nowMillis());
    var future = timer.schedule(() -> runGuarded(task), delay, TimeUnit.MILLISECONDS);
    return () -> future.cancel(false);
  }

  private static void runGuarded(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException | Error e) {
      // why: one failing task must not kill the timer thread that every long poll relies on.
      log.error("Scheduled task failed", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
