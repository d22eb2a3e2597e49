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
import java.util.UUID;
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
 * <p>Durability: a delivery that will be retried is saved to the {@link DeliveryJournal} before
 * its first retry is scheduled, updated (retries done, next attempt) before each further one, and
 * removed on success or dead-lettering. {@link #resume} re-arms what a previous run left, with the
 * budget it had left; a retry that fell due while the server was down runs at once.
 */
public final class TargetDelivery {

  /** First retry delay; each further retry doubles it up to {@link #MAX_BACKOFF}. */
  public static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  public static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(TargetDelivery.class);

  private final List<TargetSender> senders;
  private final SqsTargetSender deadLetters;
  private final TimeSource time;
  private final DeliveryJournal journal;

  public TargetDelivery(List<TargetSender> senders, SqsTargetSender deadLetters, TimeSource time) {
    this(senders, deadLetters, time, DeliveryJournal.inMemory());
  }

  public TargetDelivery(List<TargetSender> senders, SqsTargetSender deadLetters, TimeSource time,
      DeliveryJournal journal) {
    this.senders = List.copyOf(senders);
    this.deadLetters = deadLetters;
    this.time = time;
    this.journal = journal;
  }

  /**
   * Starts delivering {@code event} to {@code target}. The future reports the first attempt and
   * never fails; retries and the dead-letter queue follow in the background.
   */
  public CompletableFuture<DeliveryResult> deliver(Rule rule, Target target, JsonNode event) {
    // why: the event is written out only if it must be saved or dead-lettered, not per delivery.
    Attempt attempt = new Attempt(new PendingDelivery(UUID.randomUUID().toString(), rule.arn(),
        rule.name(), target, event.path("id").asText(), TargetInput.payload(rule, target, event),
        null, time.nowMillis(), 0, 0, null, null), event);
    return attempt.run(0);
  }

  /**
   * Re-arms the retries the journal holds (call once at start). Each runs when it was due, or now
   * if that has passed.
   *
   * @return how many were re-armed
   */
  public int resume() {
    List<PendingDelivery> pending;
    try {
      pending = journal.all();
    } catch (RuntimeException e) {
      log.error("Cannot read the pending target retries; they are lost", e);
      return 0;
    }
    for (PendingDelivery entry : pending) {
      Attempt attempt = new Attempt(entry, null);
      attempt.persisted = true;
      int retry = entry.retriesDone() + 1;
      time.schedule(Math.max(entry.nextAttemptMillis(), time.nowMillis()), () -> attempt.run(retry));
    }
    if (!pending.isEmpty()) {
      log.info("{} pending target retries re-armed", pending.size());
    }
    return pending.size();
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

  /** One event on its way to one target, across its retries (and restarts). */
  private final class Attempt {
    private final JsonNode event; // null once resumed: the saved state holds it as text
    private volatile PendingDelivery state;
    private volatile boolean persisted;

    Attempt(PendingDelivery state, JsonNode event) {
      this.state = state;
      this.event = event;
    }

    private String eventText() {
      return state.event() != null ? state.event() : Events.write(event);
    }

    CompletableFuture<DeliveryResult> run(int retry) {
      Target target = state.target();
      return sendOnce(target, state.payload(), state.eventId()).handle((ok, failure) -> {
        if (failure == null) {
          forget();
          return DeliveryResult.delivered(target.id(), target.arn());
        }
        TargetDeliveryException error = unwrap(failure);
        afterFailure(retry, error);
        return new DeliveryResult(
            target.id(), target.arn(), false, error.errorCode(), error.getMessage());
      });
    }

    private void afterFailure(int retriesDone, TargetDeliveryException error) {
      Target target = state.target();
      if (retriesDone == 0) {
        log.warn("Event {} of rule {} not delivered to target {} ({}): {} {}", state.eventId(),
            state.ruleName(), target.id(), target.arn(), error.errorCode(), error.getMessage());
      }
      RetryPolicy policy = target.effectiveRetryPolicy();
      if (!error.retryable() || retriesDone >= policy.maximumRetryAttempts()) {
        deadLetter(error, "MaximumRetryAttempts", retriesDone);
        return;
      }
      long next = time.nowMillis() + backoff(retriesDone + 1).toMillis();
      if (next - state.startedMillis() > policy.maximumEventAgeInSeconds() * 1000L) {
        deadLetter(error, "MaximumEventAgeInSeconds", retriesDone);
        return;
      }
      log.debug("Target {} of rule {} failed ({}); retry {} at {}",
          target.id(), state.ruleName(), error.getMessage(), retriesDone + 1, next);
      state = state.next(retriesDone, next, error.errorCode(), error.getMessage(), eventText());
      remember();
      time.schedule(next, () -> run(retriesDone + 1));
    }

    // why: saved before the retry is scheduled, so a crash between the two loses nothing.
    private void remember() {
      try {
        journal.save(state);
        persisted = true;
      } catch (RuntimeException e) {
        log.error("Cannot save the pending retry of event {} for target {}; it is kept in memory",
            state.eventId(), state.target().id(), e);
      }
    }

    private void forget() {
      if (!persisted) {
        return;
      }
      try {
        journal.remove(state.id());
      } catch (RuntimeException e) {
        log.warn("Cannot remove the pending retry {} (it may be retried once more after a "
            + "restart)", state.id(), e);
      }
    }

    private void deadLetter(TargetDeliveryException error, String condition, int retries) {
      Target target = state.target();
      if (target.deadLetterArn() == null) {
        log.warn("Dropped event {} for target {} of rule {} after {} retries: {} {}",
            state.eventId(), target.id(), state.ruleName(), retries, error.errorCode(),
            error.getMessage());
        forget();
        return;
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("RULE_ARN", state.ruleArn());
      attributes.put("TARGET_ARN", target.arn());
      attributes.put("ERROR_CODE", error.errorCode());
      attributes.put("ERROR_MESSAGE", error.getMessage());
      attributes.put("EXHAUSTED_RETRY_CONDITION", condition);
      attributes.put("RETRY_ATTEMPTS", Integer.toString(retries));
      deadLetters.sendDeadLetter(target.deadLetterArn(), eventText(), attributes)
          .whenComplete((ok, failure) -> {
            if (failure != null) {
              log.error("Lost event {} of rule {}: its dead-letter queue {} refused it ({})",
                  state.eventId(), state.ruleName(), target.deadLetterArn(),
                  unwrap(failure).getMessage());
            }
            forget();
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
