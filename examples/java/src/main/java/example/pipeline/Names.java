package example.pipeline;

/**
 * Names and limits the pipeline's pieces share; the same as examples/python/pipeline.py, so either
 * language's deployment replaces the other's.
 */
final class Names {
  static final String JOBS_QUEUE = "jobs";
  static final String JOBS_DLQ = "jobs-dlq";
  static final String RESULTS_QUEUE = "results";
  static final String CONSUMER_FUNCTION = "consumer";
  static final String WORKER_FUNCTION = "worker";
  static final String RULE = "consume-jobs-every-minute";

  /** A job is tried this many times before SQS moves it to the dead-letter queue. */
  static final int MAX_RECEIVE_COUNT = 5;
  /**
   * Longer than the worker's timeout: AWS refuses an event-source mapping otherwise, and in the
   * rule variant a job stays hidden while its asynchronous worker invocation waits and runs.
   */
  static final int JOBS_VISIBILITY_TIMEOUT = 60;
  static final int WORKER_TIMEOUT = 30;
  static final int CONSUMER_TIMEOUT = 55;
  /** At most this many workers at once (reserved concurrency, and the mapping's maximum). */
  static final int WORKER_CONCURRENCY = 3;

  /** A setting from the function's environment (deploy sets it), or the shared default. */
  static String fromEnvironment(String variable, String fallback) {
    String value = System.getenv(variable);
    return value == null || value.isEmpty() ? fallback : value;
  }

  private Names() {}
}
