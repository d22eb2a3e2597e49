package dev.sluice.schedules.delivery;

import dev.sluice.schedules.rules.Target;

/**
 * A failed target delivery waiting for its next retry: what a restart needs to carry on with the
 * remaining budget. The target is kept as it was when the event was sent (a later change to the
 * rule does not change an event already on its way, nor does deleting the rule stop it).
 *
 * @param id unique per (event, target) delivery
 * @param payload what the target receives (after Input, InputPath or InputTransformer)
 * @param event the original event, the body a dead-letter queue receives (null until the first
 *     failure: it is written out only when needed)
 * @param startedMillis the first attempt; MaximumEventAgeInSeconds counts from it
 * @param retriesDone retries made so far (the first attempt is not a retry)
 * @param nextAttemptMillis when the next retry is due
 */
public record PendingDelivery(
    String id,
    String ruleArn,
    String ruleName,
    Target target,
    String eventId,
    String payload,
    String event,
    long startedMillis,
    int retriesDone,
    long nextAttemptMillis,
    String lastErrorCode,
    String lastErrorMessage) {

  /** This delivery after a failed attempt: retries done, the next one's time, the event text. */
  public PendingDelivery next(
      int retries, long nextMillis, String errorCode, String errorMessage, String eventText) {
    return new PendingDelivery(id, ruleArn, ruleName, target, eventId, payload, eventText,
        startedMillis, retries, nextMillis, errorCode, errorMessage);
  }
}
