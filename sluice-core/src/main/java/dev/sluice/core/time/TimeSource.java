package dev.sluice.core.time;

import java.time.Instant;

/**
 * The only way Sluice reads the time or waits for it. Production code uses {@link SystemTimeSource};
 * tests use {@link ManualTimeSource} and move the clock instead of sleeping.
 */
public interface TimeSource {

  /** Milliseconds since the epoch. */
  long nowMillis();

  default Instant now() {
    return Instant.ofEpochMilli(nowMillis());
  }

  /**
   * Runs {@code task} once, at or soon after {@code epochMillis}. Implementations must not hold a
   * thread per scheduled task. Tasks must be short and must not block.
   */
  Cancellable schedule(long epochMillis, Runnable task);

  /** A handle on something scheduled; cancelling twice or after it ran is harmless. */
  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }
}
