package dev.sluice.core.queue.engine;

import dev.sluice.core.time.TimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The long polls waiting on one queue, and at most one timer that wakes them when the earliest
 * delayed or in-flight message becomes visible. The timer exists only while someone waits. Guarded
 * by the QueueState's lock; futures are completed by the caller after it releases the lock, since
 * completing runs the waiters' continuations.
 */
final class Waiters {

  private final List<CompletableFuture<Void>> futures = new ArrayList<>();
  private TimeSource.Cancellable timer;
  private long timerAt = Long.MAX_VALUE;
  /** Identifies the current timer, so a cancelled timer that fires anyway is recognised. */
  private long timerGeneration;

  boolean isEmpty() {
    return futures.isEmpty();
  }

  void add(CompletableFuture<Void> future) {
    futures.add(future);
  }

  void forget(CompletableFuture<Void> future) {
    futures.remove(future);
    if (futures.isEmpty()) {
      cancelTimer();
    }
  }

  /** Everyone waiting, who the caller now completes; no timer is left. */
  List<CompletableFuture<Void>> takeAll() {
    cancelTimer();
    if (futures.isEmpty()) {
      return List.of();
    }
    List<CompletableFuture<Void>> all = new ArrayList<>(futures);
    futures.clear();
    return all;
  }

  /**
   * Makes sure a timer fires at {@code atMillis} at the latest (no-op for Long.MAX_VALUE). {@code
   * onFire} receives the generation to hand back to {@link #timerFired}.
   */
  void wakeBy(long atMillis, TimeSource time, java.util.function.LongConsumer onFire) {
    if (atMillis == Long.MAX_VALUE || (timer != null && timerAt <= atMillis)) {
      return;
    }
    cancelTimer();
    long generation = ++timerGeneration;
    timerAt = atMillis;
    timer = time.schedule(atMillis, () -> onFire.accept(generation));
  }

  /** True if the timer of this generation is the current one (which is then gone). */
  boolean timerFired(long generation) {
    if (generation != timerGeneration || timer == null) {
      return false;
    }
    timer = null;
    timerAt = Long.MAX_VALUE;
    return true;
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
      timerAt = Long.MAX_VALUE;
    }
  }
}
