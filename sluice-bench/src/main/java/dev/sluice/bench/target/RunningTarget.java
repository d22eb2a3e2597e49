package dev.sluice.bench.target;

import java.net.URI;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** A started target. Closing it stops what the bench started (idempotent). */
public interface RunningTarget extends AutoCloseable {

  String name();

  URI endpoint();

  /** Resident memory of the server process in bytes, when the bench started it and can see it. */
  OptionalLong residentBytes();

  /**
   * CPU time the server process (and any process it started) has used so far, user plus system,
   * in nanoseconds; empty when the bench cannot see it (an endpoint someone else runs).
   */
  default OptionalLong cpuNanos() {
    return OptionalLong.empty();
  }

  /** Seconds the target's JIT has spent compiling, when it is a HotSpot JVM the bench can see. */
  default OptionalDouble compileSeconds() {
    return OptionalDouble.empty();
  }

  /**
   * Stops the server's processes (SIGSTOP) while another target is measured, so that nothing it
   * does in the background (timers, collections, compactions) takes the shared server CPU from
   * the target under measurement. Does nothing for a server the bench did not start.
   */
  default void freeze() {}

  /** Lets a {@link #freeze frozen} server run again (SIGCONT); harmless when it is not frozen. */
  default void thaw() {}

  /** The last lines the process wrote, for error messages; empty for external endpoints. */
  String recentLog();

  @Override
  void close();
}
