package dev.sluice.functions;

/**
 * How asynchronous invocations of one function (or one qualifier) are retried and where their
 * outcomes go. Null fields are "not set": AWS's defaults (2 retries, 6 hours) apply.
 *
 * @param onSuccess the ARN of the on-success destination (an SQS queue or a function), or null
 * @param onFailure the ARN of the on-failure destination, or null
 * @param lastModifiedMillis when it was last put or updated (epoch millis)
 */
public record EventInvokeConfig(
    Integer maximumRetryAttempts,
    Integer maximumEventAgeInSeconds,
    String onSuccess,
    String onFailure,
    long lastModifiedMillis) {

  public static final int DEFAULT_RETRIES = 2;
  public static final int DEFAULT_MAX_AGE_SECONDS = 6 * 60 * 60;

  public int retriesOrDefault() {
    return maximumRetryAttempts == null ? DEFAULT_RETRIES : maximumRetryAttempts;
  }

  public int maxAgeOrDefault() {
    return maximumEventAgeInSeconds == null ? DEFAULT_MAX_AGE_SECONDS : maximumEventAgeInSeconds;
  }

  /** This config with the given fields replaced where they are not null (UpdateFunction...). */
  public EventInvokeConfig mergedWith(EventInvokeConfig update) {
    return new EventInvokeConfig(
        update.maximumRetryAttempts != null ? update.maximumRetryAttempts : maximumRetryAttempts,
        update.maximumEventAgeInSeconds != null
            ? update.maximumEventAgeInSeconds : maximumEventAgeInSeconds,
        update.onSuccess != null ? update.onSuccess : onSuccess,
        update.onFailure != null ? update.onFailure : onFailure,
        update.lastModifiedMillis);
  }
}
