package dev.sluice.server;

import dev.sluice.core.queue.QueueService;
import dev.sluice.core.queue.model.SendMessageRequest;
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
  public CompletableFuture<Void> sendToQueue(String queueArn, String record) {
    String[] parts = queueArn.split(":", 6);
    if (parts.length != 6 || !parts[2].equals("sqs") || parts[5].isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("Not an SQS queue ARN: " + queueArn));
    }
    String queue = parts[5];
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
}
