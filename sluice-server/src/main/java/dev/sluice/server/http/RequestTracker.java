package dev.sluice.server.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts requests between arrival and the end of their response's write, and says whether the
 * server is draining (shutting down), for every connection of one server.
 *
 * <p>Concurrency: event loops count with a lock-free atomic on every request; only the shutdown
 * thread ever waits, on a monitor it re-checks every few milliseconds, so a decrement never has to
 * take a lock to wake it.
 */
final class RequestTracker {

  private static final long RECHECK_MILLIS = 20;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object idle = new Object();
  private volatile boolean draining;

  void started() {
    inFlight.incrementAndGet();
  }

  void finished() {
    if (inFlight.decrementAndGet() == 0 && draining) {
      synchronized (idle) {
        idle.notifyAll();
      }
    }
  }

  int inFlight() {
    return inFlight.get();
  }

  boolean draining() {
    return draining;
  }

  void startDraining() {
    draining = true;
  }

  /** Waits until no request is in flight; false if {@code timeout} ran out first. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (inFlight.get() > 0) {
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
          return false;
        }
        idle.wait(Math.min(leftMillis, RECHECK_MILLIS));
      }
    }
    return true;
  }
}
