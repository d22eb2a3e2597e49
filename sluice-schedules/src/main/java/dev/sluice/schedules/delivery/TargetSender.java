package dev.sluice.schedules.delivery;

import dev.sluice.schedules.rules.Target;
import java.util.concurrent.CompletableFuture;

/**
 * Delivers one payload to one kind of target (SQS queues, Lambda functions). Implementations must
 * not block the calling thread (it may be a timer thread) and must complete the future
 * exceptionally with a {@link TargetDeliveryException} when the target did not take the event;
 * any other exception counts as a retryable internal error.
 */
public interface TargetSender {

  /** True if this sender handles targets with this ARN. */
  boolean handles(String targetArn);

  /**
   * @param eventId the event's id; FIFO queues use it as the deduplication id
   */
  CompletableFuture<Void> send(Target target, String payload, String eventId);
}
