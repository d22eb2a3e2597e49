package dev.sluice.bench.report;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One case on one target over all rounds.
 *
 * @param roundRates messages/s per round (empty for latency-only cases)
 * @param latencyMicros every round's latencies merged
 * @param roundCpuMillisPerThousand the server's CPU ms per 1,000 messages per round (empty when
 *     not measured)
 * @param roundP99Millis each round's own p99 latency, ms (the merged one can hide which round
 *     held the tail)
 */
public record CaseSummary(
    String scenario,
    String caseName,
    String target,
    List<Double> roundRates,
    Histogram latencyMicros,
    long errors,
    String firstError,
    List<Double> roundCpuMillisPerThousand,
    List<Double> roundP99Millis) {

  /** Median over rounds: robust to one round disturbed by a neighbour on a shared machine. */
  public double medianRate() {
    return median(roundRates);
  }

  /** Server CPU ms per 1,000 messages, median over rounds; NaN when not measured. */
  public double medianCpuMillisPerThousand() {
    return median(roundCpuMillisPerThousand);
  }

  /** The median of the values (the mean of the middle two for an even count); NaN for none. */
  public static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  /** A latency percentile in milliseconds, NaN when nothing was recorded. */
  public double latencyMillis(double percentile) {
    if (latencyMicros.getTotalCount() == 0) {
      return Double.NaN;
    }
    return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
  }
}
