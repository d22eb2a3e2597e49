package dev.sluice.bench.scenario;

import org.HdrHistogram.Histogram;

/**
 * One measurement of one case (e.g. "send, concurrency 8") on one target in one round.
 *
 * @param messagesPerSecond throughput, NaN for latency-only cases
 * @param latencyMicros per-operation (or per-wake-up) latency, microseconds
 * @param errors failed operations
 * @param firstError the first failure's message, or null
 * @param cpuMillisPerThousand the server's CPU time (user + system) per 1,000 messages during the
 *     measurement, NaN when not measured
 */
public record CaseResult(
    String scenario,
    String caseName,
    String target,
    int round,
    double messagesPerSecond,
    Histogram latencyMicros,
    long errors,
    String firstError,
    double cpuMillisPerThousand) {

  public CaseResult(
      String scenario,
      String caseName,
      String target,
      int round,
      double messagesPerSecond,
      Histogram latencyMicros,
      long errors,
      String firstError) {
    this(scenario, caseName, target, round, messagesPerSecond, latencyMicros, errors, firstError,
        Double.NaN);
  }
}
