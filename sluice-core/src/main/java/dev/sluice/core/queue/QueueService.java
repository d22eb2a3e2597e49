package dev.sluice.core.queue;

import dev.sluice.core.queue.model.BatchEntry;
import dev.sluice.core.queue.model.BatchResult;
import dev.sluice.core.queue.model.ChangeVisibilityRequest;
import dev.sluice.core.queue.model.ListQueuesResult;
import dev.sluice.core.queue.model.MessageMoveTask;
import dev.sluice.core.queue.model.ReceiveMessageRequest;
import dev.sluice.core.queue.model.ReceivedMessage;
import dev.sluice.core.queue.model.SendMessageRequest;
import dev.sluice.core.queue.model.SendMessageResult;
import dev.sluice.core.queue.store.QueueStore;
import dev.sluice.core.time.TimeSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The SQS API as typed calls: what every wire protocol translates to. Validates every request with
 * AWS's rules and limits, computes what AWS computes (ids, MD5s, de-duplication ids), and leaves
 * atomic state changes to the {@link QueueStore}.
 *
 * <p>Queues are named, not addressed: the protocol layer maps URLs and ARNs to names. Every method
 * returns a future and never throws; refusals complete it exceptionally with an {@link
 * SqsException}. Long polls hold no thread: a waiting receive is a future completed by a store
 * wake-up or a timer. Cancelling a returned receive future stops its wait.
 */
public final class QueueService implements AutoCloseable {

  private final QueueStore store;
  private final TimeSource time;
  private final String accountId;
  private final String region;

  public QueueService(QueueStore store, TimeSource time, String accountId, String region) {
    this.store = store;
    this.time = time;
    this.accountId = accountId;
    this.region = region;
  }

  public String accountId() {
    return accountId;
  }

  public String region() {
    return region;
  }

  /** {@code arn:aws:sqs:REGION:ACCOUNT:NAME}. */
  public String queueArn(String queueName) {
    return "arn:aws:sqs:" + region + ":" + accountId + ":" + queueName;
  }

  /** Completes with the queue's name; an existing queue with equal attributes is not an error. */
  public CompletableFuture<String> createQueue(
      String queueName, Map<String, String> attributes, Map<String, String> tags) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Completes with the queue's name if it exists (and belongs to {@code ownerAccountId}, if given). */
  public CompletableFuture<String> getQueueUrl(String queueName, String ownerAccountId) {
    throw new UnsupportedOperationException("not yet");
  }

  public CompletableFuture<ListQueuesResult> listQueues(
      String queueNamePrefix, Integer maxResults, String nextToken) {
    throw new UnsupportedOperationException("not yet");
  }

  public CompletableFuture<Void> deleteQueue(String queueName) {
    throw new UnsupportedOperationException("not yet");
  }

  /** {@code attributeNames} may hold {@code All}; an empty list returns no attributes. */
  public CompletableFuture<Map<String, String>> getQueueAttributes(
      String queueName, List<String> attributeNames) {
    throw new UnsupportedOperationException("not yet");
  }

  public CompletableFuture<Void> setQueueAttributes(String queueName, Map<String, String> attributes) {
    throw new UnsupportedOperationException("not yet");
  }

  public CompletableFuture<Void> purgeQueue(String queueName) {
    throw new UnsupportedOperationException("not yet");
  }

  public CompletableFuture<SendMessageResult> sendMessage(
      String queueName, SendMessageRequest request) {
    throw new UnsupportedOperationException("not yet");
  }

  public CompletableFuture<BatchResult<SendMessageResult>> sendMessageBatch(
      String queueName, List<BatchEntry<SendMessageRequest>> entries) {
    throw new UnsupportedOperationException("not yet");
  }

  public CompletableFuture<List<ReceivedMessage>> receiveMessage(
      String queueName, ReceiveMessageRequest request) {
    throw new UnsupportedOperationException("not yet");
  }

  public CompletableFuture<Void> deleteMessage(String queueName, String receiptHandle) {
    throw new UnsupportedOperationException("not yet");
  }

  public CompletableFuture<BatchResult<Void>> deleteMessageBatch(
      String queueName, List<BatchEntry<String>> receiptHandles) {
    throw new UnsupportedOperationException("not yet");
  }

  public CompletableFuture<Void> changeMessageVisibility(
      String queueName, ChangeVisibilityRequest request) {
    throw new UnsupportedOperationException("not yet");
  }

  public CompletableFuture<BatchResult<Void>> changeMessageVisibilityBatch(
      String queueName, List<BatchEntry<ChangeVisibilityRequest>> entries) {
    throw new UnsupportedOperationException("not yet");
  }

  public CompletableFuture<Void> tagQueue(String queueName, Map<String, String> tags) {
    throw new UnsupportedOperationException("not yet");
  }

  public CompletableFuture<Void> untagQueue(String queueName, List<String> tagKeys) {
    throw new UnsupportedOperationException("not yet");
  }

  public CompletableFuture<Map<String, String>> listQueueTags(String queueName) {
    throw new UnsupportedOperationException("not yet");
  }

  public CompletableFuture<ListQueuesResult> listDeadLetterSourceQueues(
      String queueName, Integer maxResults, String nextToken) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Completes with the new task's handle. {@code destinationArn} null: back to original sources. */
  public CompletableFuture<String> startMessageMoveTask(
      String sourceArn, String destinationArn, Integer maxNumberOfMessagesPerSecond) {
    throw new UnsupportedOperationException("not yet");
  }

  public CompletableFuture<List<MessageMoveTask>> listMessageMoveTasks(
      String sourceArn, Integer maxResults) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Completes with ApproximateNumberOfMessagesMoved. */
  public CompletableFuture<Long> cancelMessageMoveTask(String taskHandle) {
    throw new UnsupportedOperationException("not yet");
  }

  public CompletableFuture<Void> addPermission(
      String queueName, String label, List<String> awsAccountIds, List<String> actions) {
    throw new UnsupportedOperationException("not yet");
  }

  public CompletableFuture<Void> removePermission(String queueName, String label) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Ends pending long polls (they answer with no messages) and stops move tasks. */
  @Override
  public void close() {}
}
