package dev.sluice.schedules.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.time.TimeSource;
import dev.sluice.schedules.rules.RetryPolicy;
import dev.sluice.schedules.rules.Rule;
import dev.sluice.schedules.rules.Target;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to targets: the first attempt at once, retries with exponential back-off on the
 * {@link TimeSource} while the target's RetryPolicy allows (MaximumRetryAttempts,
 * MaximumEventAgeInSeconds), then the target's dead-letter queue with AWS's attributes
 * (RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION, RETRY_ATTEMPTS).
 * Without a dead-letter queue the event is dropped and logged, as AWS drops it.
 *
 * <p>Retries are kept in memory: a restart forgets them (AWS's own retries are invisible to
 * clients, so nothing promises more).
 */
public final class TargetDelivery {

  /** First retry delay; each further retry doubles it up to {@link #MAX_BACKOFF}. */
  public static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  public static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(TargetDelivery.class);

  private final List<TargetSender> senders;
  private final SqsTargetSender deadLetters;
  private final TimeSource time;

  public TargetDelivery(List<TargetSender> senders, SqsTargetSender deadLetters, TimeSource time) {
    this.senders = List.copyOf(senders);
    this.deadLetters = deadLetters;
    this.time = time;
  }

  /**
   * Starts delivering {@code event} to {@code target}. The future reports the first attempt and
   * never fails; retries and the dead-letter queue follow in the background.
   */
  public CompletableFuture<DeliveryResult> deliver(Rule rule, Target target, JsonNode event) {
    Attempt attempt = new Attempt(rule, target, event, time.nowMillis());
    return attempt.run(0);
  }

  private CompletableFuture<Void> sendOnce(Target target, String payload, String eventId) {
    try {
      for (TargetSender sender : senders) {
        if (sender.handles(target.arn())) {
          return sender.send(target, payload, eventId);
        }
      }
      return CompletableFuture.failedFuture(new TargetDeliveryException(
          "UnsupportedTarget", "Sluice cannot deliver to target " + target.arn(), false));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  static Duration backoff(int retry) {
    long millis = FIRST_BACKOFF.toMillis() << Math.min(retry - 1, 20);
    return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
  }

  /** One event on its way to one target, across its retries. */
  private final class Attempt {
    private final Rule rule;
    private final Target target;
    private final JsonNode event;
    private final String eventId;
    private final long startedMillis;
    private final String payload;

    Attempt(Rule rule, Target target, JsonNode event, long startedMillis) {
      this.rule = rule;
      this.target = target;
      this.event = event;
      this.eventId = event.path("id").asText();
      this.startedMillis = startedMillis;
      this.payload = TargetInput.payload(rule, target, event);
    }

    CompletableFuture<DeliveryResult> run(int retry) {
      return sendOnce(target, payload, eventId).handle((ok, failure) -> {
        if (failure == null) {
          return DeliveryResult.delivered(target.id(), target.arn());
        }
        TargetDeliveryException error = unwrap(failure);
        afterFailure(retry, error);
        return new DeliveryResult(
            target.id(), target.arn(), false, error.errorCode(), error.getMessage());
      });
    }

    private void afterFailure(int retriesDone, TargetDeliveryException error) {
      if (retriesDone == 0) {
        // why: Lambda targets fail here until a function runtime is wired; say so where people look.
        log.warn("Event {} of rule {} not delivered to target {} ({}): {} {}", eventId,
            rule.name(), target.id(), target.arn(), error.errorCode(), error.getMessage());
      }
      RetryPolicy policy = target.effectiveRetryPolicy();
      if (!error.retryable()) {
        deadLetter(error, "MaximumRetryAttempts", retriesDone);
        return;
      }
      if (retriesDone >= policy.maximumRetryAttempts()) {
        deadLetter(error, "MaximumRetryAttempts", retriesDone);
        return;
      }
      long next = time.nowMillis() + backoff(retriesDone + 1).toMillis();
      if (next - startedMillis > policy.maximumEventAgeInSeconds() * 1000L) {
        deadLetter(error, "MaximumEventAgeInSeconds", retriesDone);
        return;
      }
      log.debug("Target {} of rule {} failed ({}); retry {} at {}",
          target.id(), rule.name(), error.getMessage(), retriesDone + 1, next);
      time.schedule(next, () -> run(retriesDone + 1));
    }

    private void deadLetter(TargetDeliveryException error, String condition, int retries) {
      if (target.deadLetterArn() == null) {
        log.warn("Dropped event {} for target {} of rule {} after {} retries: {} {}",
            eventId, target.id(), rule.name(), retries, error.errorCode(), error.getMessage());
        return;
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("RULE_ARN", rule.arn());
      attributes.put("TARGET_ARN", target.arn());
      attributes.put("ERROR_CODE", error.errorCode());
      attributes.put("ERROR_MESSAGE", error.getMessage());
      attributes.put("EXHAUSTED_RETRY_CONDITION", condition);
      attributes.put("RETRY_ATTEMPTS", Integer.toString(retries));
      deadLetters.sendDeadLetter(target.deadLetterArn(), Events.write(event), attributes)
          .whenComplete((ok, failure) -> {
            if (failure != null) {
              log.error("Lost event {} of rule {}: its dead-letter queue {} refused it ({})",
                  eventId, rule.name(), target.deadLetterArn(), unwrap(failure).getMessage());
            }
          });
    }
  }

  private static TargetDeliveryException unwrap(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof TargetDeliveryException e) {
      return e;
    }
    log.error("Target delivery failed unexpectedly", cause);
    return new TargetDeliveryException("InternalError", String.valueOf(cause), true);
  }
}
