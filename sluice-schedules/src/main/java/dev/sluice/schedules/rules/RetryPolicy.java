package dev.sluice.schedules.rules;

/**
 * How long EventBridge keeps trying a target. AWS's defaults: 185 attempts, 24 hours; the limits
 * are 0-185 retries and 60-86400 seconds.
 */
public record RetryPolicy(int maximumRetryAttempts, int maximumEventAgeInSeconds) {

  public static final int MAX_RETRY_ATTEMPTS = 185;
  public static final int MAX_EVENT_AGE_SECONDS = 86_400;
  public static final int MIN_EVENT_AGE_SECONDS = 60;

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(MAX_RETRY_ATTEMPTS, MAX_EVENT_AGE_SECONDS);
}
