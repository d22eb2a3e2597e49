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
import dev.sluice.core.queue.move.MessageMoveTasks;
import dev.sluice.core.queue.poll.LongPolls;
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

  private final String accountId;
  private final String region;
  private final QueueArns arns;
  private final QueueCatalog catalog;
  private final MessageOperations messages;
  private final LongPolls longPolls;
  private final MessageMoveTasks moveTasks;

  public QueueService(QueueStore store, TimeSource time, String accountId, String region) {
    this.accountId = accountId;
    this.region = region;
    this.arns = new QueueArns(region, accountId);
    this.catalog = new QueueCatalog(store, time, arns, accountId);
    this.longPolls = new LongPolls(time);
    this.messages = new MessageOperations(store, time, catalog, longPolls, accountId);
    this.moveTasks = new MessageMoveTasks(store, time, arns);
  }

  public String accountId() {
    return accountId;
  }

  public String region() {
    return region;
  }

  /** {@code arn:aws:sqs:REGION:ACCOUNT:NAME}. */
  public String queueArn(String queueName) {
    return arns.of(queueName);
  }

  /** Completes with the queue's name; an existing queue with equal attributes is not an error. */
  public CompletableFuture<String> createQueue(
      String queueName, Map<String, String> attributes, Map<String, String> tags) {
    return Futures.attempt(() -> catalog.create(queueName, attributes, tags));
  }

  /** Completes with the queue's name if it exists (and belongs to {@code ownerAccountId}, if given). */
  public CompletableFuture<String> getQueueUrl(String queueName, String ownerAccountId) {
    return Futures.attempt(() -> done(catalog.queueUrl(queueName, ownerAccountId)));
  }

  public CompletableFuture<ListQueuesResult> listQueues(
      String queueNamePrefix, Integer maxResults, String nextToken) {
    return Futures.attempt(() -> done(catalog.list(queueNamePrefix, maxResults, nextToken)));
  }

  public CompletableFuture<Void> deleteQueue(String queueName) {
    return Futures.attempt(() -> catalog.delete(queueName));
  }

  /** {@code attributeNames} may hold {@code All}; an empty list returns no attributes. */
  public CompletableFuture<Map<String, String>> getQueueAttributes(
      String queueName, List<String> attributeNames) {
    return Futures.attempt(() -> done(catalog.attributes(queueName, attributeNames)));
  }

  public CompletableFuture<Void> setQueueAttributes(String queueName, Map<String, String> attributes) {
    return Futures.attempt(() -> catalog.setAttributes(queueName, attributes));
  }

  public CompletableFuture<Void> purgeQueue(String queueName) {
    return Futures.attempt(() -> catalog.purge(queueName));
  }

  public CompletableFuture<SendMessageResult> sendMessage(
      String queueName, SendMessageRequest request) {
    return Futures.attempt(() -> messages.send(queueName, request));
  }

  public CompletableFuture<BatchResult<SendMessageResult>> sendMessageBatch(
      String queueName, List<BatchEntry<SendMessageRequest>> entries) {
    return Futures.attempt(() -> messages.sendBatch(queueName, entries));
  }

  public CompletableFuture<List<ReceivedMessage>> receiveMessage(
      String queueName, ReceiveMessageRequest request) {
    // why: not wrapped by Futures.attempt, so that cancelling the returned future reaches the wait.
    try {
      return messages.receive(queueName, request);
    } catch (RuntimeException refused) {
      return CompletableFuture.failedFuture(refused);
    }
  }

  public CompletableFuture<Void> deleteMessage(String queueName, String receiptHandle) {
    return Futures.attempt(() -> messages.delete(queueName, receiptHandle));
  }

  public CompletableFuture<BatchResult<Void>> deleteMessageBatch(
      String queueName, List<BatchEntry<String>> receiptHandles) {
    return Futures.attempt(() -> messages.deleteBatch(queueName, receiptHandles));
  }

  public CompletableFuture<Void> changeMessageVisibility(
      String queueName, ChangeVisibilityRequest request) {
    return Futures.attempt(() -> messages.changeVisibility(queueName, request));
  }

  public CompletableFuture<BatchResult<Void>> changeMessageVisibilityBatch(
      String queueName, List<BatchEntry<ChangeVisibilityRequest>> entries) {
    return Futures.attempt(() -> messages.changeVisibilityBatch(queueName, entries));
  }

  public CompletableFuture<Void> tagQueue(String queueName, Map<String, String> tags) {
    return Futures.attempt(() -> catalog.tag(queueName, tags));
  }

  public CompletableFuture<Void> untagQueue(String queueName, List<String> tagKeys) {
    return Futures.attempt(() -> catalog.untag(queueName, tagKeys));
  }

  public CompletableFuture<Map<String, String>> listQueueTags(String queueName) {
    return Futures.attempt(() -> done(catalog.tags(queueName)));
  }

  public CompletableFuture<ListQueuesResult> listDeadLetterSourceQueues(
      String queueName, Integer maxResults, String nextToken) {
    return Futures.attempt(() -> done(catalog.deadLetterSources(queueName, maxResults, nextToken)));
  }

  /** Completes with the new task's handle. {@code destinationArn} null: back to original sources. */
  public CompletableFuture<String> startMessageMoveTask(
      String sourceArn, String destinationArn, Integer maxNumberOfMessagesPerSecond) {
    return Futures.attempt(
        () -> done(moveTasks.start(sourceArn, destinationArn, maxNumberOfMessagesPerSecond)));
  }

  public CompletableFuture<List<MessageMoveTask>> listMessageMoveTasks(
      String sourceArn, Integer maxResults) {
    return Futures.attempt(() -> done(moveTasks.list(sourceArn, maxResults)));
  }

  /** Completes with ApproximateNumberOfMessagesMoved. */
  public CompletableFuture<Long> cancelMessageMoveTask(String taskHandle) {
    return Futures.attempt(() -> done(moveTasks.cancel(taskHandle)));
  }

  public CompletableFuture<Void> addPermission(
      String queueName, String label, List<String> awsAccountIds, List<String> actions) {
    return Futures.attempt(() -> catalog.addPermission(queueName, label, awsAccountIds, actions));
  }

  public CompletableFuture<Void> removePermission(String queueName, String label) {
    return Futures.attempt(() -> catalog.removePermission(queueName, label));
  }

  /** How many long polls are waiting now (for metrics and tests). */
  public int waitingReceives() {
    return longPolls.waiting();
  }

  /** Ends pending long polls (they answer with no messages) and stops move tasks. */
  @Override
  public void close() {
    longPolls.close();
    moveTasks.close();
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
