package dev.sluice.core.time;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A clock that moves only when a test says so. {@link #advance} runs every task that falls due, in
 * time order, with the clock set to each task's due time while it runs.
 */
public final class ManualTimeSource implements TimeSource {

  private final PriorityQueue<Scheduled> tasks =
      new PriorityQueue<>((a, b) -> a.dueMillis != b.dueMillis
          ? Long.compare(a.dueMillis, b.dueMillis)
          : Long.compare(a.order, b.order));
  private long nowMillis;
  private long nextOrder;

  public ManualTimeSource(long startMillis) {
    this.nowMillis = startMillis;
  }

  /** Starts at 2026-01-01T00:00:00Z: a fixed, readable instant. */
  public ManualTimeSource() {
    this(1_767_225_600_000L);
  }

  @Override
  public synchronized long nowMillis() {
    return nowMillis;
  }

  @Override
  public synchronized Cancellable schedule(long epochMillis, Runnable task) {
    Scheduled scheduled = new Scheduled(Math.max(epochMillis, nowMillis), nextOrder++, task);
    tasks.add(scheduled);
    return () -> {
      synchronized (this) {
        tasks.remove(scheduled);
      }
    };
  }

  /** Moves the clock forward, running due tasks along the way. */
  public void advance(Duration duration) {
    long target;
    synchronized (this) {
      target = nowMillis + duration.toMillis();
    }
    while (true) {
      Scheduled next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.dueMillis > target) {
          nowMillis = target;
          return;
        }
        tasks.poll();
        nowMillis = next.dueMillis;
      }
      next.task.run();
    }
  }

  public void advanceSeconds(long seconds) {
    advance(Duration.ofSeconds(seconds));
  }

  /** Runs tasks already due without moving the clock. */
  public void runDueTasks() {
    advance(Duration.ZERO);
  }

  private record Scheduled(long dueMillis, long order, Runnable task) {}
}
