package dev.sluice.bench.load;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * What a load run measured.
 *
 * @param operations operations that succeeded
 * @param messages messages those operations moved
 * @param errors operations that failed (their latency is not recorded)
 * @param elapsed from the first request to the last answer
 * @param latencyMicros per-operation latency, microseconds
 * @param firstError the first failure's message, or null
 */
public record LoadResult(
    long operations,
    long messages,
    long errors,
    Duration elapsed,
    Histogram latencyMicros,
    String firstError) {

  public double messagesPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : messages / seconds;
  }

  public double operationsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : operations / seconds;
  }
}
