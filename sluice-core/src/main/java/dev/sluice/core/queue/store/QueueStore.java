package dev.sluice.core.queue.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Where queues and messages live. Implemented by the in-memory store (tests, {@code --store
 * memory}), the embedded durable store and, later, a PostgreSQL store that several Sluice servers
 * share; one conformance suite ({@code sluice-store-conformance}) holds them all to the same
 * behaviour.
 *
 * <p>The core validates every request and computes every derived value before calling the store;
 * the store owns what must be atomic across concurrent callers (and, for a shared store, across
 * servers): message state (visibility, receive counts, FIFO group locks, de-duplication, sequence
 * numbers) and moves between queues.
 *
 * <p>Durability contract: a future returned by a mutating method completes only once the change
 * would survive a crash of the process ({@code kill -9}). Receives are the exception: the store may
 * persist the lease they take (receive count, visibility) lazily, since a lost lease only makes a
 * message visible early, which SQS's at-least-once delivery allows.
 *
 * <p>Futures may complete on a store thread: callers must not block in their continuations.
 * Errors: methods naming a queue that does not exist fail with {@code SqsException} ({@code
 * QUEUE_DOES_NOT_EXIST}); nothing else is expected to fail but I/O.
 */
public interface QueueStore extends AutoCloseable {

  /**
   * Creates the queue unless one of that name exists. Completes with the queue as it now is: the
   * given record if it was created, the existing one otherwise (the caller compares attributes).
   */
  CompletableFuture<QueueRecord> createQueue(QueueRecord queue);

  /** The queue, from memory: no I/O on this path. */
  Optional<QueueRecord> queue(String name);

  /** Every queue, sorted by name. */
  List<QueueRecord> queues();

  /** Replaces the queue's record with {@code change}'s result, atomically. */
  CompletableFuture<QueueRecord> updateQueue(String name, UnaryOperator<QueueRecord> change);

  /** Deletes the queue and its messages. Completes with false if there was no such queue. */
  CompletableFuture<Boolean> deleteQueue(String name);

  /**
   * Appends messages, in order. On FIFO queues the store assigns sequence numbers and drops
   * duplicates: a message whose de-duplication id (scoped to the queue, or to its group when the
   * queue's DeduplicationScope is messageGroup) was accepted in the last five minutes.
   */
  CompletableFuture<List<SendOutcome>> send(String queueName, List<NewMessage> messages);

  /**
   * Takes up to {@code spec.maxMessages()} receivable messages without waiting. Messages past
   * their retention period are dropped, never delivered. A message that has already been received
   * the queue's RedrivePolicy maxReceiveCount times moves to the dead-letter queue (keeping its
   * id, body and attributes, with DeadLetterQueueSourceArn set) instead of being delivered.
   *
   * <p>FIFO queues deliver each group in order and skip groups with a message in flight.
   */
  CompletableFuture<List<Delivery>> receive(String queueName, ReceiveSpec spec);

  CompletableFuture<DeleteOutcome> delete(String queueName, String receiptHandle);

  /**
   * Deletes with each handle in turn, as {@link #delete} would, as one write: the outcomes come in
   * the handles' order, and the future completes once all of the deletes are kept (DeleteMessageBatch
   * waits for one write, not ten).
   */
  CompletableFuture<List<DeleteOutcome>> deleteAll(String queueName, List<String> receiptHandles);

  /** Makes the message visible again {@code visibilityTimeoutSeconds} from now (0: at once). */
  CompletableFuture<VisibilityOutcome> changeVisibility(
      String queueName, String receiptHandle, int visibilityTimeoutSeconds);

  /** Deletes every message in the queue. */
  CompletableFuture<Void> purge(String queueName);

  /** Approximate counts, from memory where the store can. */
  QueueCounts counts(String queueName);

  /**
   * Moves up to {@code maxMessages} visible messages out of {@code sourceQueueName}, oldest first:
   * to {@code destinationQueueName}, or, when it is null, each back to the queue named by its
   * DeadLetterQueueSourceArn. A moved message keeps its id, body and attributes, loses its
   * DeadLetterQueueSourceArn and starts with a receive count of 0. Completes with how many moved.
   */
  CompletableFuture<Integer> moveMessages(
      String sourceQueueName, String destinationQueueName, int maxMessages);

  /** Long-poll wake-ups for this store's queues. */
  MessageAvailability availability();

  /** A short name for health checks and logs: "memory", "embedded", "postgresql". */
  String kind();

  /** Flushes and releases everything; what was acknowledged stays durable. */
  @Override
  void close();
}
