package dev.sluice.functions.async;

/**
 * An asynchronous (Event) invocation as stored until it has run.
 *
 * @param attempt how many times it has run already (0 before the first)
 * @param notBeforeMillis when it may run next (epoch millis): retries wait as AWS's do
 * @param clientContext decoded ClientContext JSON, or null
 * @param qualifier the version or alias invoked, or null for $LATEST
 */
public record QueuedEvent(
    String requestId,
    String functionName,
    byte[] payload,
    String clientContext,
    long enqueuedAtMillis,
    int attempt,
    long notBeforeMillis,
    String qualifier) {

  public QueuedEvent(String requestId, String functionName, byte[] payload, String clientContext,
      long enqueuedAtMillis, int attempt, long notBeforeMillis) {
    this(requestId, functionName, payload, clientContext, enqueuedAtMillis, attempt,
        notBeforeMillis, null);
  }

  public QueuedEvent retried(long notBefore) {
    return new QueuedEvent(requestId, functionName, payload, clientContext, enqueuedAtMillis,
        attempt + 1, notBefore, qualifier);
  }

  /** Run again later after a throttle: not an attempt. */
  public QueuedEvent throttled(long notBefore) {
    return new QueuedEvent(requestId, functionName, payload, clientContext, enqueuedAtMillis,
        attempt, notBefore, qualifier);
  }
}
