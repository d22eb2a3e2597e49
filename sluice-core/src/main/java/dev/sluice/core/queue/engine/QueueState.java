package dev.sluice.core.queue.engine;

import dev.sluice.core.queue.SqsException;
import dev.sluice.core.queue.engine.Change.DedupPut;
import dev.sluice.core.queue.engine.Change.DedupRemoved;
import dev.sluice.core.queue.engine.Change.MessageAppended;
import dev.sluice.core.queue.engine.Change.MessageRemoved;
import dev.sluice.core.queue.engine.Change.MessageUpdated;
import dev.sluice.core.queue.engine.Change.MessagesPurged;
import dev.sluice.core.queue.engine.Change.QueuePut;
import dev.sluice.core.queue.engine.Change.QueueRemoved;
import dev.sluice.core.queue.engine.ReadyMessages.Verdict;
import dev.sluice.core.queue.store.DeleteOutcome;
import dev.sluice.core.queue.store.Delivery;
import dev.sluice.core.queue.store.MessageData;
import dev.sluice.core.queue.store.NewMessage;
import dev.sluice.core.queue.store.QueueCounts;
import dev.sluice.core.queue.store.QueueRecord;
import dev.sluice.core.queue.store.QueueSettings;
import dev.sluice.core.queue.store.ReceiveSpec;
import dev.sluice.core.queue.store.SendOutcome;
import dev.sluice.core.queue.store.VisibilityOutcome;
import dev.sluice.core.time.TimeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One queue's messages and everything that changes them.
 *
 * <p>Concurrency: every method that reads or changes messages runs under this object's monitor,
 * one lock per queue, so queues never contend with each other and a queue's state changes in one
 * total order. Journal writes happen under the same lock, which gives the durable store the
 * changes of a queue in that order. Work that does not need the lock is done outside it: loading
 * payloads from the store, encoding receipt handles, and completing futures (which runs callers'
 * continuations). No method holds two queue locks: moves between queues detach messages under the
 * source's lock, release it, then append under the target's lock.
 *
 * <p>Time: delayed and in-flight messages wait in a heap ordered by the time they become visible;
 * each operation first moves those that are due to the ready structure ({@link #promoteDue}), so
 * no timer exists per message. The only timers are long-poll wake-ups, while someone waits.
 */
final class QueueState {

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  final String name;
  final long queueId;
  final boolean fifo;

  private final TimeSource time;
  private final Journal journal;
  private final boolean recording;
  private final PayloadSource payloads;
  private final RetainedPayloads retained;

  private final MessageSet messages;
  private final DedupWindow dedup;
  private final ReceiveAttempts attempts;
  private final Waiters waiters = new Waiters();
  /** Receive leases not journaled yet; null when nothing is journaled. */
  private final PendingLeases pendingLeases;
  /** The timer that journals {@link #pendingLeases}; null while none wait. */
  private TimeSource.Cancellable leaseFlush;

  private volatile QueueRecord record;
  private volatile QueueSettings settings;
  private long lastSequence;
  /** Whether {@link #nextSequence} has run since this state was created or restored. */
  private boolean sequencing;
  private boolean deleted;

  /** A message taken by a receive, captured under the lock for building its Delivery outside. */
  private record Lease(long sequence, int receiveCount, long firstReceiveAt, MessageData payload) {}

  /** What a receive produced: deliveries, and messages the engine must move to the dead-letter queue. */
  record Received(List<Delivery> deliveries, List<MessageEntry> deadLetters) {
    static final Received NOTHING = new Received(List.of(), List.of());
  }

  /** A message leaving a queue for another, with its payload. */
  record Transfer(MessageEntry entry, MessageData data, QueueState target) {}

  QueueState(long queueId, QueueRecord record, TimeSource time, Journal journal,
      PayloadSource payloads, RetainedPayloads retained) {
    this.name = record.name();
    this.queueId = queueId;
    this.fifo = record.fifo();
    this.time = time;
    this.journal = journal;
    this.recording = journal.isRecording();
    this.payloads = payloads;
    this.retained = retained;
    this.record = record;
    this.settings = record.settings();
    this.messages = new MessageSet(fifo);
    this.dedup = fifo ? new DedupWindow() : null;
    this.attempts = fifo ? new ReceiveAttempts() : null;
    this.pendingLeases = recording ? new PendingLeases() : null;
  }

  QueueRecord record() {
    return record;
  }

  QueueSettings settings() {
    return settings;
  }

  /** {@code arn:aws:sqs:REGION:ACCOUNT:NAME}, with region and account taken from another ARN. */
  String arnLike(String otherArn) {
    String[] parts = otherArn.split(":", 6);
    return parts.length < 6
        ? otherArn.substring(0, otherArn.lastIndexOf(':') + 1) + name
        : String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], name);
  }

  // ---------------------------------------------------------------- queue record

  synchronized CompletableFuture<Void> journalCreation() {
    return write(List.of(new QueuePut(queueId, record)), true);
  }

  CompletableFuture<QueueRecord> update(UnaryOperator<QueueRecord> change) {
    QueueRecord updated;
    CompletableFuture<Void> written;
    synchronized (this) {
      checkLive();
      updated = change.apply(record);
      QueueSettings parsed = updated.settings(); // may throw: then nothing changed
      record = updated;
      settings = parsed;
      written = write(List.of(new QueuePut(queueId, updated)), true);
    }
    return written.thenApply(v -> updated);
  }

  CompletableFuture<Void> markDeleted() {
    List<CompletableFuture<Void>> wake;
    CompletableFuture<Void> written;
    synchronized (this) {
      deleted = true;
      dropPendingLeases();
      written = write(List.of(new QueueRemoved(queueId, name)), true);
      messages.clear();
      wake = waiters.takeAll();
    }
    complete(wake);
    return written;
  }

  // ---------------------------------------------------------------- send

  CompletableFuture<List<SendOutcome>> send(List<NewMessage> newMessages) {
    List<SendOutcome> outcomes = new ArrayList<>(newMessages.size());
    List<MessageEntry> appended = payloads == null ? null : new ArrayList<>(newMessages.size());
    CompletableFuture<Void> written;
    List<CompletableFuture<Void>> wake;
    synchronized (this) {
      checkLive();
      long now = time.nowMillis();
      List<Change> changes = recording ? new ArrayList<>(newMessages.size() * 2) : null;
      for (NewMessage message : newMessages) {
        MessageData data = message.data();
        String dedupKey = null;
        if (fifo) {
          dedupKey = DedupWindow.key(
              data.messageGroupId(), data.messageDeduplicationId(), settings.deduplicationPerGroup());
          DedupRecord original = dedup.find(dedupKey, now);
          if (original != null) {
            outcomes.add(new SendOutcome(duplicateOf(data, original), original.sequence(), true));
            continue;
          }
        }
        long visibleAt = now + message.delaySeconds() * 1000L;
        MessageEntry entry = new MessageEntry(nextSequence(now), now, visibleAt, 0, 0);
        entry.payload = data;
        messages.insert(entry, visibleAt > now ? MessageEntry.TIMED : MessageEntry.READY,
            data.messageGroupId());
        if (changes != null) {
          changes.add(new MessageAppended(queueId, entry.sequence, data, entry.state()));
        }
        if (fifo) {
          DedupRecord accepted = new DedupRecord(
              dedupKey, data.messageId(), entry.sequence, now + DedupWindow.WINDOW_MILLIS);
          dedup.put(accepted);
          if (changes != null) {
            changes.add(new DedupPut(queueId, accepted));
          }
        }
        if (appended != null) {
          appended.add(entry);
        }
        outcomes.add(new SendOutcome(data, fifo ? entry.sequence : 0, false));
      }
      written = write(changes, true);
      wake = wakeupsAfterChange(now);
    }
    complete(wake);
    releasePayloadsOnceWritten(appended, written);
    return written.thenApply(v -> outcomes);
  }

  /**
   * A duplicate answers with the original's id and sequence number, but with this request's body
   * digests: the SDKs check the returned MD5s against what they just sent.
   */
  private static MessageData duplicateOf(MessageData sent, DedupRecord original) {
    return new MessageData(original.messageId(), sent.body(), sent.md5OfBody(),
        sent.messageAttributes(), sent.md5OfMessageAttributes(), sent.systemAttributes(),
        sent.md5OfMessageSystemAttributes(), sent.sentTimestamp(), sent.senderId(),
        sent.messageGroupId(), sent.messageDeduplicationId(), sent.deadLetterQueueSourceArn());
  }

  // ---------------------------------------------------------------- receive

  /**
   * @param deadLetter the redrive target if it exists (and is not this queue), else null
   */
  Received receive(ReceiveSpec spec, QueueState deadLetter) {
    List<Lease> leases;
    List<MessageEntry> deadLetters = null;
    List<CompletableFuture<Void>> wake;
    synchronized (this) {
      checkLive();
      long now = time.nowMillis();
      promoteDue(now);
      long visibilityMillis = spec.visibilityTimeoutSeconds() * 1000L;
      List<Change> changes = recording ? new ArrayList<>() : null;
      leases = retriedAttempt(spec, now, visibilityMillis, changes);
      if (leases == null) {
        if (!messages.hasReceivable()) {
          return Received.NOTHING;
        }
        List<Lease> taken = new ArrayList<>(Math.min(spec.maxMessages(), 10));
        List<MessageEntry> toDeadLetter = new ArrayList<>(0); // no array until something moves
        List<MessageEntry> leasedEntries = fifo && spec.receiveRequestAttemptId() != null
            ? new ArrayList<>() : null;
        long retentionMillis = settings.messageRetentionSeconds() * 1000L;
        QueueSettings.Redrive redrive = settings.redrive();
        int maxReceives =
            deadLetter == null || redrive == null ? Integer.MAX_VALUE : redrive.maxReceiveCount();
        messages.drain(spec.maxMessages(), entry -> {
          if (entry.enqueuedAt + retentionMillis <= now) {
            removeEntry(entry, changes);
            return Verdict.REMOVED;
          }
          if (entry.receiveCount >= maxReceives) {
            // The source's MessageRemoved is journaled with the target's append, atomically.
            removeEntry(entry, null);
            toDeadLetter.add(entry);
            return Verdict.REMOVED;
          }
          taken.add(lease(entry, now, visibilityMillis));
          if (leasedEntries != null) {
            leasedEntries.add(entry);
          }
          return Verdict.TAKEN;
        });
        if (leasedEntries != null && !leasedEntries.isEmpty()) {
          attempts.remember(spec.receiveRequestAttemptId(), leasedEntries, now);
        }
        leases = taken;
        deadLetters = toDeadLetter;
      }
      write(changes, false);
      wake = wakeupsAfterChange(now);
    }
    complete(wake);
    return new Received(deliveries(leases), deadLetters == null ? List.of() : deadLetters);
  }

  /** The leases of a retried FIFO receive, renewed; null when this is not a valid retry. */
  private List<Lease> retriedAttempt(ReceiveSpec spec, long now, long visibilityMillis, List<Change> changes) {
    if (!fifo || spec.receiveRequestAttemptId() == null) {
      return null;
    }
    ReceiveAttempts.Attempt attempt = attempts.find(spec.receiveRequestAttemptId(), now);
    if (attempt == null) {
      return null;
    }
    List<MessageEntry> entries = attempt.entries();
    for (int i = 0; i < entries.size(); i++) {
      MessageEntry entry = entries.get(i);
      if (messages.get(entry.sequence) != entry
          || entry.receiveCount != attempt.receiveCounts()[i]
          || !entry.inFlight()) {
        return null;
      }
    }
    List<Lease> leases = new ArrayList<>(entries.size());
    for (MessageEntry entry : entries) {
      messages.setVisibleAt(entry, now + visibilityMillis);
      journalState(entry, changes);
      leases.add(new Lease(entry.sequence, entry.receiveCount, entry.firstReceiveAt, entry.payload));
    }
    return leases;
  }

  /** Takes the message; its lease is journaled later, unless a newer change makes that moot. */
  private Lease lease(MessageEntry entry, long now, long visibilityMillis) {
    messages.lease(entry, now, now + visibilityMillis);
    if (pendingLeases != null) {
      pendingLeases.hold(new MessageUpdated(queueId, entry.sequence, entry.state()));
      if (leaseFlush == null) {
        leaseFlush = time.schedule(now + PendingLeases.FLUSH_AFTER_MILLIS, this::flushLeases);
      }
    }
    return new Lease(entry.sequence, entry.receiveCount, entry.firstReceiveAt, entry.payload);
  }

  /** Journals the leases still waiting (lazily: a lost lease only makes a message visible early). */
  synchronized void flushLeases() {
    cancelLeaseFlush();
    if (pendingLeases != null && !pendingLeases.isEmpty() && !deleted) {
      write(pendingLeases.takeAll(), false);
    }
  }

  private void dropPendingLeases() {
    if (pendingLeases != null) {
      pendingLeases.clear();
    }
    cancelLeaseFlush();
  }

  private void cancelLeaseFlush() {
    if (leaseFlush != null) {
      leaseFlush.cancel(); // harmless when it is the timer's own run
      leaseFlush = null;
    }
  }

  private List<Delivery> deliveries(List<Lease> leases) {
    List<Delivery> deliveries = new ArrayList<>(leases.size());
    List<MessageData> loaded = loadMissingPayloads(leases);
    for (int i = 0; i < leases.size(); i++) {
      Lease lease = leases.get(i);
      MessageData data = lease.payload() != null ? lease.payload() : loaded.get(i);
      if (data == null) {
        continue; // purged or expired between the lease and now: nothing left to deliver
      }
      deliveries.add(new Delivery(
          data,
          ReceiptHandle.encode(queueId, lease.sequence(), lease.receiveCount()),
          lease.receiveCount(),
          lease.firstReceiveAt(),
          fifo ? lease.sequence() : 0));
    }
    return deliveries;
  }

  /**
   * The payloads the leases lack: kept ones from memory, the rest in one store lookup; null where
   * a lease has its payload.
   */
  private List<MessageData> loadMissingPayloads(List<Lease> leases) {
    int missing = 0;
    for (Lease lease : leases) {
      if (lease.payload() == null) {
        missing++;
      }
    }
    if (missing == 0) {
      return Collections.nCopies(leases.size(), null);
    }
    List<MessageData> byLease = new ArrayList<>(leases.size());
    long[] sequences = new long[missing];
    int onDisk = 0;
    for (Lease lease : leases) {
      MessageData kept = lease.payload() == null ? retained.get(queueId, lease.sequence()) : null;
      byLease.add(kept);
      if (lease.payload() == null && kept == null) {
        sequences[onDisk++] = lease.sequence();
      }
    }
    if (onDisk == 0) {
      return byLease;
    }
    List<MessageData> found = payloads.loadAll(queueId, Arrays.copyOf(sequences, onDisk));
    int next = 0;
    for (int i = 0; i < leases.size(); i++) {
      if (leases.get(i).payload() == null && byLease.get(i) == null) {
        byLease.set(i, found.get(next++));
      }
    }
    return byLease;
  }

  // ---------------------------------------------------------------- delete, visibility

  CompletableFuture<DeleteOutcome> delete(String receiptHandle) {
    return deleteAll(List.of(receiptHandle)).thenApply(outcomes -> outcomes.get(0));
  }

  /** Deletes with each handle in turn under one lock, and writes the removals together. */
  CompletableFuture<List<DeleteOutcome>> deleteAll(List<String> receiptHandles) {
    DeleteOutcome[] outcomes = new DeleteOutcome[receiptHandles.size()];
    CompletableFuture<Void> written;
    List<CompletableFuture<Void>> wake;
    synchronized (this) {
      checkLive();
      long now = time.nowMillis();
      promoteDue(now);
      List<Change> changes = recording ? new ArrayList<>(receiptHandles.size()) : null;
      boolean removed = false;
      for (int i = 0; i < outcomes.length; i++) {
        outcomes[i] = deleteUnderLock(ReceiptHandle.decode(receiptHandles.get(i)), changes);
        removed |= outcomes[i] == DeleteOutcome.DELETED;
      }
      // why not fsync'ed on a standard queue: answered once written (it survives kill -9), on
      // stable storage within the store's limit. A power loss in between brings the message
      // back, which SQS allows ("It is possible you will receive a message even after you have
      // deleted it"). The fsync per delete cost a third of a drain's throughput. FIFO promises
      // exactly-once processing, so its deletes stay fsync'ed before the answer.
      written = write(changes, fifo);
      wake = removed ? wakeupsAfterChange(now) : List.of();
    }
    complete(wake);
    List<DeleteOutcome> answer = Arrays.asList(outcomes);
    return written.thenApply(v -> answer);
  }

  private DeleteOutcome deleteUnderLock(ReceiptHandle handle, List<Change> changes) {
    if (handle == null || handle.queueId() != queueId) {
      return DeleteOutcome.INVALID_HANDLE;
    }
    MessageEntry entry = messages.get(handle.sequence());
    if (entry == null) {
      return DeleteOutcome.ALREADY_GONE;
    }
    boolean latestLease = entry.receiveCount == handle.receiveCount();
    if (fifo && !(latestLease && entry.inFlight())) {
      return DeleteOutcome.EXPIRED_HANDLE;
    }
    if (!latestLease) {
      // AWS: "you must provide the most recently received ReceiptHandle for the message
      // (otherwise, the request succeeds, but the message will not be deleted)".
      return DeleteOutcome.ALREADY_GONE;
    }
    removeEntry(entry, changes);
    return DeleteOutcome.DELETED;
  }

  CompletableFuture<VisibilityOutcome> changeVisibility(String receiptHandle, int visibilityTimeoutSeconds) {
    ReceiptHandle handle = ReceiptHandle.decode(receiptHandle);
    CompletableFuture<Void> written;
    List<CompletableFuture<Void>> wake;
    synchronized (this) {
      checkLive();
      if (handle == null || handle.queueId() != queueId) {
        return CompletableFuture.completedFuture(VisibilityOutcome.INVALID_HANDLE);
      }
      MessageEntry entry = messages.get(handle.sequence());
      if (entry == null || entry.receiveCount != handle.receiveCount()) {
        return CompletableFuture.completedFuture(VisibilityOutcome.NOT_AVAILABLE);
      }
      long now = time.nowMillis();
      promoteDue(now);
      if (fifo && entry.location == MessageEntry.READY) {
        return CompletableFuture.completedFuture(VisibilityOutcome.NOT_IN_FLIGHT);
      }
      // Recorded AWS behaviour: on a standard queue the latest handle still changes the
      // visibility after the timeout ran out (if nobody received the message since).
      messages.setVisibleAt(entry, now + visibilityTimeoutSeconds * 1000L);
      List<Change> changes = recording ? new ArrayList<>(1) : null;
      journalState(entry, changes);
      written = write(changes, true);
      wake = wakeupsAfterChange(now);
    }
    complete(wake);
    return written.thenApply(v -> VisibilityOutcome.CHANGED);
  }

  // ---------------------------------------------------------------- purge, counts, expiry

  CompletableFuture<Void> purge() {
    CompletableFuture<Void> written;
    synchronized (this) {
      checkLive();
      messages.clear();
      dropPendingLeases();
      if (attempts != null) {
        attempts.clear();
      }
      written = write(List.of(new MessagesPurged(queueId, lastSequence)), true);
    }
    return written;
  }

  synchronized QueueCounts counts() {
    checkLive();
    messages.promoteDue(time.nowMillis());
    return messages.counts();
  }

  /** Drops messages past retention, forgets expired de-duplication ids and receive attempts. */
  void expire() {
    List<CompletableFuture<Void>> wake;
    synchronized (this) {
      if (deleted) {
        return;
      }
      long now = time.nowMillis();
      promoteDue(now);
      List<Change> changes = recording ? new ArrayList<>() : null;
      long retentionMillis = settings.messageRetentionSeconds() * 1000L;
      List<MessageEntry> expired = new ArrayList<>();
      messages.forEach(entry -> {
        if (entry.enqueuedAt + retentionMillis <= now) {
          expired.add(entry);
        }
      });
      for (MessageEntry entry : expired) {
        removeEntry(entry, changes);
      }
      if (fifo) {
        for (String key : dedup.expire(now)) {
          if (changes != null) {
            changes.add(new DedupRemoved(queueId, key));
          }
        }
        attempts.expire(now);
      }
      write(changes, false);
      wake = wakeupsAfterChange(now);
    }
    complete(wake);
  }

  // ---------------------------------------------------------------- moves between queues

  /**
   * Detaches up to {@code max} visible messages (oldest first, group by group on FIFO) for which
   * {@code destination} names a queue other than this one; leaves the others in place.
   */
  List<Transfer> detachForMove(int max, Function<MessageData, QueueState> destination) {
    List<Transfer> transfers = new ArrayList<>();
    synchronized (this) {
      checkLive();
      long now = time.nowMillis();
      promoteDue(now);
      List<Change> changes = recording ? new ArrayList<>() : null;
      long retentionMillis = settings.messageRetentionSeconds() * 1000L;
      messages.drain(max, entry -> {
        MessageData data = entry.payload != null ? entry.payload : payloads.load(queueId, entry.sequence);
        if (data == null || entry.enqueuedAt + retentionMillis <= now) {
          removeEntry(entry, changes);
          return Verdict.REMOVED;
        }
        QueueState target = destination.apply(data);
        if (target == null || target == this) {
          return Verdict.KEEP;
        }
        removeEntry(entry, null);
        transfers.add(new Transfer(entry, data, target));
        return Verdict.TAKEN;
      });
      write(changes, false);
    }
    return transfers;
  }

  /**
   * Appends messages moved from another queue, journaling their removal from the source in the
   * same write. Completes with null if this queue was deleted meanwhile (the caller puts the
   * messages back).
   *
   * @param deadLetterSourceArn set for dead-letter moves: the message keeps its receive count and
   *     gets this DeadLetterQueueSourceArn; null for move tasks: the count starts again at 0 and
   *     the DeadLetterQueueSourceArn goes
   */
  CompletableFuture<Void> appendTransferred(
      long sourceQueueId, List<Transfer> transfers, String deadLetterSourceArn, boolean durable) {
    List<MessageEntry> appended = payloads == null ? null : new ArrayList<>(transfers.size());
    CompletableFuture<Void> written;
    List<CompletableFuture<Void>> wake;
    synchronized (this) {
      if (deleted) {
        return null;
      }
      long now = time.nowMillis();
      List<Change> changes = recording ? new ArrayList<>(transfers.size() * 2) : null;
      boolean deadLetter = deadLetterSourceArn != null;
      for (Transfer transfer : transfers) {
        MessageEntry source = transfer.entry();
        MessageData data = transfer.data().withDeadLetterQueueSourceArn(deadLetterSourceArn);
        // AWS: on standard queues a moved message keeps its original enqueue time for retention;
        // a FIFO queue restarts it.
        long enqueuedAt = fifo ? now : source.enqueuedAt;
        MessageEntry entry = new MessageEntry(nextSequence(now), enqueuedAt, now,
            deadLetter ? source.receiveCount : 0, deadLetter ? source.firstReceiveAt : 0);
        entry.payload = data;
        messages.insert(entry, MessageEntry.READY, data.messageGroupId());
        if (changes != null) {
          changes.add(new MessageRemoved(sourceQueueId, source.sequence));
          changes.add(new MessageAppended(queueId, entry.sequence, data, entry.state()));
        }
        if (appended != null) {
          appended.add(entry);
        }
      }
      written = write(changes, durable);
      wake = wakeupsAfterChange(now);
    }
    complete(wake);
    releasePayloadsOnceWritten(appended, written);
    return written;
  }

  /** Puts back messages whose move failed because the target queue vanished. */
  void reattach(List<MessageEntry> entries) {
    List<CompletableFuture<Void>> wake;
    synchronized (this) {
      if (deleted) {
        return;
      }
      for (MessageEntry entry : entries) {
        messages.reinsert(entry, entry.group == null ? null : entry.group.id);
      }
      wake = wakeupsAfterChange(time.nowMillis());
    }
    complete(wake);
  }

  // ---------------------------------------------------------------- long polls

  CompletableFuture<Void> nextAvailable() {
    CompletableFuture<Void> future;
    synchronized (this) {
      if (deleted) {
        return CompletableFuture.completedFuture(null);
      }
      long now = time.nowMillis();
      promoteDue(now);
      if (messages.hasReceivable()) {
        return CompletableFuture.completedFuture(null);
      }
      future = new CompletableFuture<>();
      waiters.add(future);
      scheduleWakeUp();
    }
    future.whenComplete((ignored, error) -> {
      if (future.isCancelled()) {
        forget(future);
      }
    });
    return future;
  }

  /** Ends every wait at once (the engine is closing). */
  void wakeAll() {
    List<CompletableFuture<Void>> wake;
    synchronized (this) {
      wake = waiters.takeAll();
    }
    complete(wake);
  }

  private synchronized void forget(CompletableFuture<Void> future) {
    waiters.forget(future);
  }

  private void wakeUpTimerFired(long generation) {
    List<CompletableFuture<Void>> wake;
    synchronized (this) {
      if (!waiters.timerFired(generation)) {
        return;
      }
      wake = wakeupsAfterChange(time.nowMillis());
    }
    complete(wake);
  }

  /** Under the lock, after any change: who to wake now, and the timer for later. */
  private List<CompletableFuture<Void>> wakeupsAfterChange(long now) {
    if (waiters.isEmpty()) {
      return List.of();
    }
    promoteDue(now);
    if (messages.hasReceivable()) {
      return waiters.takeAll();
    }
    scheduleWakeUp();
    return List.of();
  }

  private void scheduleWakeUp() {
    waiters.wakeBy(messages.nextVisibleAt(), time, this::wakeUpTimerFired);
  }

  private static void complete(List<CompletableFuture<Void>> wake) {
    for (CompletableFuture<Void> future : wake) {
      future.complete(null);
    }
  }

  // ---------------------------------------------------------------- recovery

  synchronized void restore(long sequence, MessageState state) {
    long now = time.nowMillis();
    MessageEntry entry = new MessageEntry(sequence, state.enqueuedAtMillis(), state.visibleAtMillis(),
        state.receiveCount(), state.firstReceiveMillis());
    messages.insert(entry, state.visibleAtMillis() > now ? MessageEntry.TIMED : MessageEntry.READY,
        state.messageGroupId());
    lastSequence = Math.max(lastSequence, sequence);
  }

  synchronized void restoreDedup(DedupRecord dedupRecord) {
    // A dedup record may be the only trace of the newest sequence (its message deleted).
    lastSequence = Math.max(lastSequence, dedupRecord.sequence());
    if (fifo && dedupRecord.expiresAtMillis() > time.nowMillis()) {
      dedup.put(dedupRecord);
    }
  }

  // ---------------------------------------------------------------- internals (under the lock)

  private void checkLive() {
    if (deleted) {
      throw SqsException.queueDoesNotExist();
    }
  }

  private long nextSequence(long now) {
    // why time-based at first: sequences must keep rising across restarts and queue re-creation
    // without a persisted counter. The first one after this state was created or restored is a
    // microsecond-scale clock value; it is above every sequence handed out before unless the clock
    // ran backwards, or a queue took over 1,000 messages per millisecond on average since its
    // start (the later ones count up by one from there).
    // why consecutive after that: the sequence index keeps consecutive sequences in nearby slots,
    // which keeps young garbage collections short (see SequenceIndex.slot); clock values left
    // gaps of about 1,000 at every new millisecond.
    lastSequence = sequencing ? lastSequence + 1 : Math.max(lastSequence + 1, now * 1000);
    sequencing = true;
    return lastSequence;
  }

  private void removeEntry(MessageEntry entry, List<Change> changes) {
    messages.remove(entry);
    retained.forget(queueId, entry.sequence);
    if (pendingLeases != null) {
      pendingLeases.forget(entry.sequence); // its removal is journaled now, or by a move's target
    }
    if (changes != null) {
      changes.add(new MessageRemoved(queueId, entry.sequence));
    }
  }

  private void promoteDue(long now) {
    messages.promoteDue(now);
  }

  private void journalState(MessageEntry entry, List<Change> changes) {
    if (pendingLeases != null) {
      pendingLeases.forget(entry.sequence); // written later, the older state would win
    }
    if (changes != null) {
      changes.add(new MessageUpdated(queueId, entry.sequence, entry.state()));
    }
  }

  private CompletableFuture<Void> write(List<Change> changes, boolean durable) {
    if (changes == null || changes.isEmpty()) {
      return DONE;
    }
    return journal.write(changes, durable);
  }

  /**
   * Once the store holds the payloads, the engine lets go of them (they are loaded again when
   * delivered); the newest stay in the engine's {@link RetainedPayloads} within its budget. Done
   * under the lock so a receive sees either the payload or, once it is null, a kept or durable copy.
   */
  private void releasePayloadsOnceWritten(List<MessageEntry> entries, CompletableFuture<Void> written) {
    if (entries == null || entries.isEmpty()) {
      return;
    }
    written.thenRun(() -> {
      synchronized (this) {
        // Under the lock, so that a message deleted meanwhile (a long poll woken by the write may
        // take and delete it first) is seen gone and not kept, and one deleted after is forgotten.
        retained.keep(queueId, entries);
        for (MessageEntry entry : entries) {
          entry.payload = null;
        }
      }
    });
  }
}
