package dev.sluice.bench.report;

/** Throughput ratios of Sluice against the reference points, from the same run. */
final class Ratios {

  static final String SUBJECT = "sluice";
  static final String[] REFERENCES = {"elasticmq", "ceiling"};

  private Ratios() {}

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
