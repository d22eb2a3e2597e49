package dev.sluice.bench.scenario;

import java.util.List;

/** A benchmark scenario: one or more cases measured on one target per call. */
public interface Scenario {

  /** Command-line name, e.g. {@code send}. */
  String id();

  /** Heading in reports. */
  String title();

  /** Whether the results are throughput (messages/s) or latency only. */
  boolean measuresThroughput();

  /** Whether the chart shows throughput (else latency percentiles). */
  default boolean chartsThroughput() {
    return measuresThroughput();
  }

  /** Whether the latency chart needs a logarithmic axis (cases milliseconds and seconds apart). */
  default boolean chartsLogarithmic() {
    return false;
  }

  /** Heading of the latency table. */
  default String latencyLabel() {
    return "Latency per request, ms (closed loop)";
  }

  /**
   * Whether the cases run on the target the run started (and warmed up), rather than only on
   * instances of their own or on a clock.
   */
  default boolean measuresSharedTarget() {
    return true;
  }

  /** How many cases {@link #run} measures (for the progress bar). */
  int caseCount(ScenarioContext context);

  /** Measures every case on the context's target. Never returns partial garbage: errors counted. */
  List<CaseResult> run(ScenarioContext context);
}
