package dev.sluice.bench.report;

import dev.sluice.bench.target.SluiceTarget;
import java.util.ArrayList;
import java.util.List;

/** Throughput ratios of Sluice against the reference points, from the same run. */
final class Ratios {

  static final String SUBJECT = "sluice";
  private static final List<String> PEERS = List.of("elasticmq", "ceiling");

  private Ratios() {}

  /** ElasticMQ and the ceiling always; a baseline build of Sluice when the run measured one. */
  static List<String> references(BenchResults results) {
    List<String> references = new ArrayList<>(PEERS);
    if (results.targets().contains(SluiceTarget.BASELINE)) {
      references.add(SluiceTarget.BASELINE);
    }
    return references;
  }

  /** subject / reference of the median rates, NaN when either is missing or zero. */
  static double ratio(BenchResults results, String scenario, String caseName, String reference) {
    CaseSummary subject = results.summary(scenario, caseName, SUBJECT);
    CaseSummary other = results.summary(scenario, caseName, reference);
    if (subject == null || other == null) {
      return Double.NaN;
    }
    double denominator = other.medianRate();
    return denominator > 0 ? subject.medianRate() / denominator : Double.NaN;
  }
}
