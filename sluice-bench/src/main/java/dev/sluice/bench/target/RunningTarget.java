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

  /** The last lines the process wrote, for error messages; empty for external endpoints. */
  String recentLog();

  @Override
  void close();
}
