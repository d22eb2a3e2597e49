package dev.sluice.schedules.delivery;

import dev.sluice.core.queue.QueueService;
import dev.sluice.core.queue.SqsError;
import dev.sluice.core.queue.SqsException;
import dev.sluice.core.queue.model.MessageAttributeValue;
import dev.sluice.core.queue.model.SendMessageRequest;
import dev.sluice.schedules.rules.Target;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * SQS queue targets ({@code arn:aws:sqs:REGION:ACCOUNT:NAME}) through sluice-core's {@link
 * QueueService}. FIFO queues get the target's SqsParameters.MessageGroupId; their deduplication
 * id is the event id unless the queue has content-based deduplication, as AWS does, so a retry of
 * the same event is not delivered twice.
 */
public final class SqsTargetSender implements TargetSender {

  private final QueueService queues;

  public SqsTargetSender(QueueService queues) {
    this.queues = queues;
  }

  @Override
  public boolean handles(String targetArn) {
    return targetArn.startsWith("arn:aws:sqs:");
  }

  @Override
  public CompletableFuture<Void> send(Target target, String payload, String eventId) {
    String queue = queueName(target.arn());
    if (!queue.endsWith(".fifo")) {
      return send(queue, new SendMessageRequest(payload, null, Map.of(), Map.of(), null, null, null));
    }
    return queues.getQueueAttributes(queue, List.of("ContentBasedDeduplication"))
        .thenCompose(attributes -> {
          String dedupId =
              "true".equals(attributes.get("ContentBasedDeduplication")) ? null : eventId;
          return send(queue, new SendMessageRequest(
              payload, null, Map.of(), Map.of(), dedupId, target.sqsMessageGroupId(), null));
        })
        .handle(SqsTargetSender::translate);
  }

  /** Sends an event that ran out of retries to a dead-letter queue, with AWS's attributes. */
  public CompletableFuture<Void> sendDeadLetter(
      String queueArn, String body, Map<String, String> attributes) {
    Map<String, MessageAttributeValue> values = new java.util.LinkedHashMap<>();
    attributes.forEach((name, value) -> values.put(name, MessageAttributeValue.string(value)));
    return send(queueName(queueArn),
        new SendMessageRequest(body, null, values, Map.of(), null, null, null));
  }

  private CompletableFuture<Void> send(String queue, SendMessageRequest request) {
    return queues.sendMessage(queue, request).handle(SqsTargetSender::translate);
  }

  static String queueName(String arn) {
    String[] parts = arn.split(":", 6);
    if (parts.length != 6 || parts[5].isEmpty()) {
      throw new TargetDeliveryException("SQS.InvalidArn", "Not an SQS queue ARN: " + arn, false);
    }
    return parts[5];
  }

  private static Void translate(Object ignored, Throwable failure) {
    if (failure == null) {
      return null;
    }
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof TargetDeliveryException e) {
      throw e;
    }
    if (cause instanceof SqsException e) {
      boolean missing = e.error() == SqsError.QUEUE_DOES_NOT_EXIST;
      throw new TargetDeliveryException("SQS." + e.error().queryCode(), e.getMessage(), !missing);
    }
    throw new TargetDeliveryException("InternalError", String.valueOf(cause), true);
  }
}
