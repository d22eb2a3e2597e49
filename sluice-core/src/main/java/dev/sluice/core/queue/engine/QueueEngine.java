package dev.sluice.core.queue.engine;

import dev.sluice.core.queue.SqsException;
import dev.sluice.core.queue.engine.QueueState.Received;
import dev.sluice.core.queue.engine.QueueState.Transfer;
import dev.sluice.core.queue.store.DeleteOutcome;
import dev.sluice.core.queue.store.Delivery;
import dev.sluice.core.queue.store.MessageAvailability;
import dev.sluice.core.queue.store.MessageData;
import dev.sluice.core.queue.store.NewMessage;
import dev.sluice.core.queue.store.QueueCounts;
import dev.sluice.core.queue.store.QueueRecord;
import dev.sluice.core.queue.store.QueueSettings;
import dev.sluice.core.queue.store.QueueStore;
import dev.sluice.core.queue.store.ReceiveSpec;
import dev.sluice.core.queue.store.SendOutcome;
import dev.sluice.core.queue.store.VisibilityOutcome;
import dev.sluice.core.time.TimeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQS message semantics in memory: the engine behind the memory store and the embedded durable
 * store. It offers every {@link QueueStore} operation with the same contract, and hands each state
 * change to a {@link Journal} so a durable store can write it; with {@link Journal#NONE} and no
 * {@link PayloadSource} it is a complete memory store.
 *
 * <p>Concurrency: queues live in a concurrent map; each queue has its own lock (see {@link
 * QueueState}), so operations on different queues never wait for each other. No operation holds
 * two queue locks at once, so queues that are each other's dead-letter queue cannot deadlock:
 * moving a message detaches it under the source's lock and appends it under the target's.
 *
 * <p>Recovery: a durable store creates the engine, calls {@link #restoreQueue}, {@link
 * #restoreMessage} and {@link #restoreDedup} for what it found on disk, then {@link
 * #finishRecovery}, all before any other call and on one thread.
 */
public final class QueueEngine implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(QueueEngine.class);
  /** The payload budget the durable store runs with (see {@link RetainedPayloads}). */
  public static final long DEFAULT_RETAINED_PAYLOAD_BYTES = RetainedPayloads.DEFAULT_BYTES;

  private final TimeSource time;
  private final Journal journal;
  private final PayloadSource payloads;
  private final RetainedPayloads retained;
  private final ConcurrentHashMap<String, QueueState> queues = new ConcurrentHashMap<>();
  private final MessageAvailability availability = this::nextAvailable;
  private Map<Long, QueueState> restoring = new HashMap<>();
  private volatile boolean closed;
  private volatile TimeSource.Cancellable housekeeping;

  /**
   * @param payloads null to keep every payload in memory; otherwise the engine drops a payload
   *     once the journal wrote the message, and loads it from here when it needs it again
   */
  public QueueEngine(TimeSource time, Journal journal, PayloadSource payloads) {
    this(time, journal, payloads, 0);
  }

  /**
   * As above, keeping the payloads of the newest written messages in memory up to {@code
   * retainedPayloadBytes} (all queues together), so receives of recent messages need no load.
   */
  public QueueEngine(
      TimeSource time, Journal journal, PayloadSource payloads, long retainedPayloadBytes) {
    this.time = time;
    this.journal = journal;
    this.payloads = payloads;
    this.retained = new RetainedPayloads(retainedPayloadBytes);
  }

  /** The bytes of payloads held in memory now (tests). */
  long retainedPayloadBytes() {
    return retained.heldBytes();
  }

  // ---------------------------------------------------------------- queues

  /** See {@link QueueStore#createQueue}. */
  public CompletableFuture<QueueRecord> createQueue(QueueRecord queue) {
    return guarded(() -> {
      List<CompletableFuture<Void>> written = new ArrayList<>(1);
      QueueState state = queues.computeIfAbsent(queue.name(), name -> {
        QueueState created = newQueue(newQueueId(), queue);
        // Journaled before the queue is published, so its QueuePut precedes any of its messages.
        written.add(created.journalCreation());
        return created;
      });
      return written.isEmpty()
          ? CompletableFuture.completedFuture(state.record())
          : written.get(0).thenApply(v -> queue);
    });
  }

  /** See {@link QueueStore#queue}. */
  public Optional<QueueRecord> queue(String name) {
    QueueState state = queues.get(name);
    return state == null ? Optional.empty() : Optional.of(state.record());
  }

  /** See {@link QueueStore#queues}. */
  public List<QueueRecord> queues() {
    List<QueueRecord> all = new ArrayList<>(queues.size());
    for (QueueState state : queues.values()) {
      all.add(state.record());
    }
    all.sort(Comparator.comparing(QueueRecord::name));
    return all;
  }

  /** See {@link QueueStore#updateQueue}. */
  public CompletableFuture<QueueRecord> updateQueue(String name, UnaryOperator<QueueRecord> change) {
    return guarded(() -> require(name).update(change));
  }

  /** See {@link QueueStore#deleteQueue}. */
  public CompletableFuture<Boolean> deleteQueue(String name) {
    return guarded(() -> {
      QueueState state = queues.remove(name);
      return state == null
          ? CompletableFuture.completedFuture(false)
          : state.markDeleted().thenApply(v -> true);
    });
  }

  // ---------------------------------------------------------------- messages

  /** See {@link QueueStore#send}. */
  public CompletableFuture<List<SendOutcome>> send(String queueName, List<NewMessage> messages) {
    return guarded(() -> require(queueName).send(messages));
  }

  /** See {@link QueueStore#receive}. */
  public CompletableFuture<List<Delivery>> receive(String queueName, ReceiveSpec spec) {
    return guarded(() -> {
      if (closed) {
        // why: a receive changes state the closed journal can no longer write; and payloads kept
        // in memory would otherwise let it "succeed" where a disk read would fail.
        throw new IllegalStateException("The queue store is closed: no more receives");
      }
      QueueState source = require(queueName);
      QueueSettings.Redrive redrive = source.settings().redrive();
      QueueState deadLetter = redrive == null ? null : queues.get(redrive.deadLetterQueueName());
      if (deadLetter == source) {
        deadLetter = null;
      }
      Received received = source.receive(spec, deadLetter);
      if (!received.deadLetters().isEmpty()) {
        moveToDeadLetterQueue(source, deadLetter, redrive, received.deadLetters());
      }
      return CompletableFuture.completedFuture(received.deliveries());
    });
  }

  /** See {@link QueueStore#delete}. */
  public CompletableFuture<DeleteOutcome> delete(String queueName, String receiptHandle) {
    return guarded(() -> require(queueName).delete(receiptHandle));
  }

  /** See {@link QueueStore#deleteAll}. */
  public CompletableFuture<List<DeleteOutcome>> deleteAll(
      String queueName, List<String> receiptHandles) {
    return guarded(() -> require(queueName).deleteAll(receiptHandles));
  }

  /** See {@link QueueStore#changeVisibility}. */
  public CompletableFuture<VisibilityOutcome> changeVisibility(
      String queueName, String receiptHandle, int visibilityTimeoutSeconds) {
    return guarded(() -> require(queueName).changeVisibility(receiptHandle, visibilityTimeoutSeconds));
  }

  /** See {@link QueueStore#purge}. */
  public CompletableFuture<Void> purge(String queueName) {
    return guarded(() -> require(queueName).purge());
  }

  /** See {@link QueueStore#counts}; throws {@link SqsException} for a missing queue. */
  public QueueCounts counts(String queueName) {
    return require(queueName).counts();
  }

  /** See {@link QueueStore#moveMessages}. */
  public CompletableFuture<Integer> moveMessages(
      String sourceQueueName, String destinationQueueName, int maxMessages) {
    return guarded(() -> {
      QueueState source = require(sourceQueueName);
      QueueState destination = destinationQueueName == null ? null : require(destinationQueueName);
      Function<MessageData, QueueState> target = destination != null
          ? data -> destination
          : data -> data.deadLetterQueueSourceArn() == null
              ? null
              : queues.get(nameOf(data.deadLetterQueueSourceArn()));
      List<Transfer> transfers = source.detachForMove(maxMessages, target);
      Map<QueueState, List<Transfer>> byTarget = new LinkedHashMap<>();
      for (Transfer transfer : transfers) {
        byTarget.computeIfAbsent(transfer.target(), t -> new ArrayList<>()).add(transfer);
      }
      List<CompletableFuture<Void>> written = new ArrayList<>();
      int moved = 0;
      for (var entry : byTarget.entrySet()) {
        CompletableFuture<Void> appended =
            entry.getKey().appendTransferred(source.queueId, entry.getValue(), null, true);
        if (appended == null) {
          source.reattach(entries(entry.getValue()));
        } else {
          written.add(appended);
          moved += entry.getValue().size();
        }
      }
      int total = moved;
      return CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).thenApply(v -> total);
    });
  }

  /** See {@link QueueStore#availability}. */
  public MessageAvailability availability() {
    return availability;
  }

  private CompletableFuture<Void> nextAvailable(String queueName) {
    QueueState state = queues.get(queueName);
    // A missing queue wakes the waiter at once: its next receive reports the error.
    return state == null ? CompletableFuture.completedFuture(null) : state.nextAvailable();
  }

  private void moveToDeadLetterQueue(
      QueueState source, QueueState target, QueueSettings.Redrive redrive, List<MessageEntry> entries) {
    List<Transfer> transfers = new ArrayList<>(entries.size());
    for (MessageEntry entry : entries) {
      MessageData data = entry.payload != null ? entry.payload : payloads.load(source.queueId, entry.sequence);
      if (data != null) {
        transfers.add(new Transfer(entry, data, target));
      }
    }
    String sourceArn = source.arnLike(redrive.deadLetterTargetArn());
    // A receive's leases are journaled lazily, and so is this move, as one atomic write.
    if (target.appendTransferred(source.queueId, transfers, sourceArn, false) == null) {
      source.reattach(entries); // the dead-letter queue was deleted meanwhile: deliver normally
    }
  }

  // ---------------------------------------------------------------- housekeeping

  /**
   * Drops messages past their retention period from every queue and forgets expired
   * de-duplication ids and receive attempts. Safe to call at any time from any thread.
   */
  public void expire() {
    for (QueueState state : queues.values()) {
      try {
        state.expire();
      } catch (RuntimeException e) {
        log.error("Expiring messages of queue {} failed", state.name, e);
      }
    }
  }

  /** Runs {@link #expire} every {@code intervalMillis} on the TimeSource until {@link #close}. */
  public void startHousekeeping(long intervalMillis) {
    scheduleHousekeeping(intervalMillis);
  }

  private void scheduleHousekeeping(long intervalMillis) {
    if (closed) {
      return;
    }
    housekeeping = time.schedule(time.nowMillis() + intervalMillis, () -> {
      try {
        expire();
      } catch (RuntimeException e) {
        log.error("Housekeeping failed", e);
      } finally {
        scheduleHousekeeping(intervalMillis);
      }
    });
  }

  /**
   * Stops housekeeping, ends every long-poll wait and journals the receive leases still waiting,
   * so that a clean restart finds messages in flight as they were.
   */
  @Override
  public void close() {
    closed = true;
    TimeSource.Cancellable timer = housekeeping;
    if (timer != null) {
      timer.cancel();
    }
    for (QueueState state : queues.values()) {
      state.wakeAll();
      state.flushLeases();
    }
  }

  // ---------------------------------------------------------------- recovery

  /** Recovery: a queue found on disk, with the id its messages are keyed by. */
  public void restoreQueue(long queueId, QueueRecord queue) {
    QueueState state = newQueue(queueId, queue);
    queues.put(queue.name(), state);
    restoring.put(queueId, state);
  }

  /**
   * Recovery: a message's state, in ascending sequence order per queue (FIFO groups are rebuilt
   * in call order). Messages of unknown queues are ignored.
   */
  public void restoreMessage(long queueId, long sequence, MessageState state) {
    QueueState queue = restoring.get(queueId);
    if (queue != null) {
      queue.restore(sequence, state);
    }
  }

  /** Recovery: a de-duplication record; expired ones and those of unknown queues are ignored. */
  public void restoreDedup(long queueId, DedupRecord dedup) {
    QueueState queue = restoring.get(queueId);
    if (queue != null) {
      queue.restoreDedup(dedup);
    }
  }

  /** Ends recovery. */
  public void finishRecovery() {
    restoring = Map.of();
  }

  // ---------------------------------------------------------------- internals

  private QueueState newQueue(long queueId, QueueRecord queue) {
    return new QueueState(queueId, queue, time, journal, payloads, retained);
  }

  private QueueState require(String name) {
    QueueState state = queues.get(name);
    if (state == null) {
      throw SqsException.queueDoesNotExist();
    }
    return state;
  }

  private static long newQueueId() {
    long id;
    do {
      id = ThreadLocalRandom.current().nextLong();
    } while (id == 0);
    return id;
  }

  private static String nameOf(String arn) {
    return arn.substring(arn.lastIndexOf(':') + 1);
  }

  private static List<MessageEntry> entries(List<Transfer> transfers) {
    List<MessageEntry> entries = new ArrayList<>(transfers.size());
    for (Transfer transfer : transfers) {
      entries.add(transfer.entry());
    }
    return entries;
  }

  /** Domain errors become failed futures: the store contract's methods never throw. */
  private static <T> CompletableFuture<T> guarded(Supplier<CompletableFuture<T>> operation) {
    try {
      return operation.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
