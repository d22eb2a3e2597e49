package dev.sluice.server;

import dev.sluice.core.queue.QueueService;
import dev.sluice.core.queue.model.MessageAttributeValue;
import dev.sluice.core.queue.model.SendMessageRequest;
import dev.sluice.functions.async.DeadLetter;
import dev.sluice.functions.async.DestinationSender;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Lambda's SQS destinations ({@code arn:aws:sqs:REGION:ACCOUNT:NAME}) through the server's
 * queue service. FIFO queues get a group and, unless the queue deduplicates by content, a
 * deduplication id of their own so that records are never silently dropped as duplicates.
 */
final class SqsDestinationSender implements DestinationSender {

  private final QueueService queues;

  SqsDestinationSender(QueueService queues) {
    this.queues = queues;
  }

  @Override
  public CompletableFuture<Void> sendDeadLetter(String queueArn, DeadLetter letter) {
    String queue = queueName(queueArn);
    if (queue == null) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("Not an SQS queue ARN: " + queueArn));
    }
    Map<String, MessageAttributeValue> attributes = Map.of(
        "RequestID", MessageAttributeValue.string(letter.requestId()),
        "ErrorCode", MessageAttributeValue.number(Integer.toString(letter.errorCode())),
        "ErrorMessage", MessageAttributeValue.string(letter.errorMessage()));
    return queues.sendMessage(queue,
        new SendMessageRequest(letter.body(), null, attributes, Map.of(), null, null, null))
        .thenApply(sent -> null);
  }

  @Override
  public CompletableFuture<Void> sendToQueue(String queueArn, String record) {
    String queue = queueName(queueArn);
    if (queue == null) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("Not an SQS queue ARN: " + queueArn));
    }
    if (!queue.endsWith(".fifo")) {
      return queues.sendMessage(queue,
          new SendMessageRequest(record, null, Map.of(), Map.of(), null, null, null))
          .thenApply(sent -> null);
    }
    return queues.getQueueAttributes(queue, List.of("ContentBasedDeduplication"))
        .thenCompose(attributes -> queues.sendMessage(queue, new SendMessageRequest(record, null,
            Map.of(), Map.of(), "true".equals(attributes.get("ContentBasedDeduplication"))
                ? null : UUID.randomUUID().toString(), "lambda-destination", null)))
        .thenApply(sent -> null);
  }

  // arn:aws:sqs:REGION:ACCOUNT:NAME -> NAME, or null for anything else.
  private static String queueName(String queueArn) {
    String[] parts = queueArn.split(":", 6);
    if (parts.length != 6 || !parts[2].equals("sqs") || parts[5].isEmpty()) {
      return null;
    }
    return parts[5];
  }
}
