package dev.sluice.functions.mappings;

/**
 * Which failures of a run of them to report. why: a lasting failure (the mapping's queue deleted)
 * fails every retry, one each 5 s; logging each wrote 17,000 lines a day per mapping. The first
 * failure of a run is reported, then one every {@link #REPORT_EVERY_MILLIS} with the count.
 */
final class FailureRun {

  static final long REPORT_EVERY_MILLIS = 60_000;

  private int failures;
  private long lastReportMillis;

  /**
   * Records a failure at {@code nowMillis}; returns how many failures the run holds if this one
   * is to be reported, else 0.
   */
  synchronized int failed(long nowMillis) {
    failures++;
    if (failures == 1 || nowMillis - lastReportMillis >= REPORT_EVERY_MILLIS) {
      lastReportMillis = nowMillis;
      return failures;
    }
    return 0;
  }

  /** Records a success; returns the length of the run of failures it ends (0 if none). */
  synchronized int succeeded() {
    int ended = failures;
    failures = 0;
    return ended;
  }
}
