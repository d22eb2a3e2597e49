package dev.sluice.bench.target;

import java.net.URI;
import java.time.Duration;

/** A running server that keeps its data on disk and can be stopped and started again on it. */
public interface RestartableTarget extends RunningTarget {

  /**
   * Stops the server the way an operator would (SIGTERM, then waits for it to exit) and starts it
   * again on the same data directory, returning once it printed its ready line. From then on
   * {@link #endpoint()} and {@link #residentBytes()} are the new process's.
   */
  Restart restart() throws TargetUnavailableException;

  /** Bytes the server's data directory holds on disk now. */
  long dataBytes();

  /**
   * Timings of one restart.
   *
   * @param stopped how long the old process took to exit after SIGTERM
   * @param killed true when it did not exit within 15 s and was killed (SIGKILL)
   * @param startedNanos {@link System#nanoTime()} just before the new process was spawned
   * @param readyNanos {@link System#nanoTime()} when its ready line was read
   * @param endpoint where the new process listens
   */
  record Restart(Duration stopped, boolean killed, long startedNanos, long readyNanos, URI endpoint) {

    public Duration toReadyLine() {
      return Duration.ofNanos(readyNanos - startedNanos);
    }
  }
}
