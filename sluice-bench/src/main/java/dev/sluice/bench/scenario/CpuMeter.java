package dev.sluice.bench.scenario;

import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The server's CPU time across one measurement: read when created, again in {@link
 * #millisPerThousand}. The counter has clock-tick resolution (10 ms), so a measurement should
 * cost the server at least a few hundred milliseconds of CPU for the figure to mean much.
 */
public final class CpuMeter {

  private final Supplier<OptionalLong> cpuNanos;
  private final OptionalLong start;

  CpuMeter(Supplier<OptionalLong> cpuNanos) {
    this.cpuNanos = cpuNanos;
    this.start = cpuNanos.get();
  }

  /** CPU milliseconds the server used since creation per 1,000 messages; NaN when unknown. */
  public double millisPerThousand(long messages) {
    OptionalLong end = cpuNanos.get();
    if (start.isEmpty() || end.isEmpty() || messages <= 0) {
      return Double.NaN;
    }
    double millis = (end.getAsLong() - start.getAsLong()) / 1e6;
    return millis * 1000.0 / messages;
  }

  /** CPU milliseconds used since creation; NaN when unknown. */
  public double millisSoFar() {
    OptionalLong end = cpuNanos.get();
    return start.isEmpty() || end.isEmpty() ? Double.NaN
        : (end.getAsLong() - start.getAsLong()) / 1e6;
  }
}
