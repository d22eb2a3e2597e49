package dev.sluice.bench.scenario;

/**
 * A single measured value that is neither a rate nor a latency distribution: resident memory,
 * the time a restart took (scenario 6).
 *
 * @param name what was measured, e.g. "RSS after fill"; a column heading in reports
 * @param value the figure, in {@code unit}
 * @param unit "MB", "ms", "messages"
 */
public record Figure(
    String scenario, String target, int round, String name, double value, String unit) {}
