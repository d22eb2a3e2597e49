package dev.sluice.functions.async;

import java.util.concurrent.CompletableFuture;

/**
 * Sends asynchronous invocation records to SQS queue destinations ({@code arn:aws:sqs:...}).
 * The server implements it with its queue service; the functions module knows no queue API.
 * Function destinations are invoked by the function service itself.
 */
public interface DestinationSender {

  /** A sender for a server without queues: every send fails with a clear message. */
  DestinationSender NONE = (queueArn, record) -> CompletableFuture.failedFuture(
      new IllegalStateException("No queue service is wired: cannot send to " + queueArn));

  /**
   * Sends {@code record} (JSON) as one message to the queue named by {@code queueArn}. The future
   * fails when the queue does not exist or refuses the message.
   */
  CompletableFuture<Void> sendToQueue(String queueArn, String record);

  /**
   * Sends a dead letter (DeadLetterConfig) to the queue named by {@code queueArn}, with AWS's
   * message attributes. The future fails when the queue does not exist or refuses the message.
   */
  default CompletableFuture<Void> sendDeadLetter(String queueArn, DeadLetter letter) {
    return CompletableFuture.failedFuture(new IllegalStateException(
        "This sender cannot send dead letters: cannot send to " + queueArn));
  }
}
