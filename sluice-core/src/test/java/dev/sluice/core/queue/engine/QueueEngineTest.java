package dev.sluice.core.queue.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.engine.Change.DedupPut;
import dev.sluice.core.queue.engine.Change.MessageAppended;
import dev.sluice.core.queue.engine.Change.MessageRemoved;
import dev.sluice.core.queue.engine.Change.MessageUpdated;
import dev.sluice.core.queue.engine.Change.MessagesPurged;
import dev.sluice.core.queue.engine.Change.QueuePut;
import dev.sluice.core.queue.engine.Change.QueueRemoved;
import dev.sluice.core.queue.store.DeleteOutcome;
import dev.sluice.core.queue.store.Delivery;
import dev.sluice.core.queue.store.MessageData;
import dev.sluice.core.queue.store.NewMessage;
import dev.sluice.core.queue.store.QueueCounts;
import dev.sluice.core.queue.store.QueueRecord;
import dev.sluice.core.queue.store.ReceiveSpec;
import dev.sluice.core.queue.store.SendOutcome;
import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.core.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine's persistence hooks and the details the store contract cannot see. */
class QueueEngineTest {

  /** One journal call. */
  record Write(List<Change> changes, boolean durable, CompletableFuture<Void> done) {}

  /** Records every write; completes it at once unless told to hold writes back. */
  static final class RecordingJournal implements Journal {
    final List<Write> writes = new ArrayList<>();
    boolean holdBack;

    @Override
    public synchronized CompletableFuture<Void> write(List<Change> changes, boolean durable) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      writes.add(new Write(List.copyOf(changes), durable, done));
      if (!holdBack) {
        done.complete(null);
      }
      return done;
    }

    synchronized Write last() {
      return writes.get(writes.size() - 1);
    }

    synchronized void completeAll() {
      writes.forEach(w -> w.done().complete(null));
    }
  }

  /** A TimeSource that counts the timers it was asked for and how many are still pending. */
  static final class CountingTime implements TimeSource {
    final ManualTimeSource clock = new ManualTimeSource();
    final AtomicInteger scheduled = new AtomicInteger();
    final AtomicInteger pending = new AtomicInteger();

    @Override
    public long nowMillis() {
      return clock.nowMillis();
    }

    @Override
    public Cancellable schedule(long epochMillis, Runnable task) {
      scheduled.incrementAndGet();
      pending.incrementAndGet();
      boolean[] finished = {false};
      Cancellable inner = clock.schedule(epochMillis, () -> {
        synchronized (finished) {
          if (finished[0]) {
            return;
          }
          finished[0] = true;
          pending.decrementAndGet();
        }
        task.run();
      });
      return () -> {
        synchronized (finished) {
          if (!finished[0]) {
            finished[0] = true;
            pending.decrementAndGet();
          }
        }
        inner.cancel();
      };
    }
  }

  private final CountingTime time = new CountingTime();
  private final RecordingJournal journal = new RecordingJournal();
  private final List<Long> payloadLoads = new ArrayList<>();
  private final Map<Long, MessageData> disk = new java.util.concurrent.ConcurrentHashMap<>();
  private final QueueEngine engine = new QueueEngine(time, journal, (queueId, sequence) -> {
    synchronized (payloadLoads) {
      payloadLoads.add(sequence);
    }
    return disk.get(sequence);
  });

  private QueueRecord queue(String name, String... attributePairs) {
    Map<String, String> attributes = new java.util.HashMap<>();
    for (int i = 0; i + 1 < attributePairs.length; i += 2) {
      attributes.put(attributePairs[i], attributePairs[i + 1]);
    }
    boolean fifo = name.endsWith(".fifo");
    return new QueueRecord(name, fifo, 0, 0, attributes, Map.of());
  }

  private static MessageData data(String body, String group, String dedupId) {
    return new MessageData("id-" + body, body, "md5", Map.of(), null, Map.of(), null, 0, "me",
        group, dedupId, null);
  }

  /** Sends one message and puts its payload on the fake disk; returns its sequence. */
  private long send(String queue, MessageData data) {
    engine.send(queue, List.of(new NewMessage(data, 0))).join();
    long sequence = lastAppendedSequence();
    disk.put(sequence, data);
    return sequence;
  }

  private long lastAppendedSequence() {
    for (int i = journal.writes.size() - 1; i >= 0; i--) {
      for (Change change : journal.writes.get(i).changes()) {
        if (change instanceof MessageAppended appended) {
          return appended.sequence();
        }
      }
    }
    throw new AssertionError("nothing appended");
  }

  private List<Delivery> receive(String queue, int visibilitySeconds) {
    return engine.receive(queue, new ReceiveSpec(10, visibilitySeconds, null)).join();
  }

  @Test
  void creating_and_deleting_a_queue_is_journaled_durably() {
    QueueRecord record = queue("q");
    engine.createQueue(record).join();
    engine.deleteQueue("q").join();

    assertThat(journal.writes).hasSize(2);
    QueuePut put = (QueuePut) journal.writes.get(0).changes().get(0);
    assertThat(put.queue()).isEqualTo(record);
    assertThat(journal.writes.get(1).changes()).containsExactly(new QueueRemoved(put.queueId(), "q"));
    assertThat(journal.writes).allMatch(Write::durable);
  }

  @Test
  void a_send_completes_only_once_its_write_is_durable() {
    engine.createQueue(queue("q")).join();
    journal.holdBack = true;

    CompletableFuture<List<SendOutcome>> sent = engine.send("q", List.of(new NewMessage(data("m", null, null), 5)));

    assertThat(sent).isNotDone();
    Write write = journal.last();
    assertThat(write.durable()).isTrue();
    MessageAppended appended = (MessageAppended) write.changes().get(0);
    assertThat(appended.data().body()).isEqualTo("m");
    assertThat(appended.state().visibleAtMillis()).isEqualTo(time.nowMillis() + 5000);
    assertThat(appended.state().receiveCount()).isZero();
    assertThat(appended.state().enqueuedAtMillis()).isEqualTo(time.nowMillis());
    journal.completeAll();
    assertThat(sent).isCompleted();
  }

  @Test
  void a_fifo_send_journals_its_deduplication_record_with_the_message() {
    engine.createQueue(queue("q.fifo", "FifoQueue", "true")).join();

    engine.send("q.fifo", List.of(new NewMessage(data("m", "g", "d"), 0))).join();

    List<Change> changes = journal.last().changes();
    assertThat(changes).hasSize(2);
    MessageAppended appended = (MessageAppended) changes.get(0);
    DedupPut dedup = (DedupPut) changes.get(1);
    assertThat(appended.state().messageGroupId()).isEqualTo("g");
    assertThat(dedup.dedup().key()).isEqualTo(DedupWindow.key("g", "d", false));
    assertThat(dedup.dedup().sequence()).isEqualTo(appended.sequence());
    assertThat(dedup.dedup().expiresAtMillis()).isEqualTo(time.nowMillis() + 300_000);
  }

  @Test
  void a_receive_journals_its_leases_lazily_once_the_flush_delay_passed() {
    engine.createQueue(queue("q")).join();
    send("q", data("a", null, null));
    send("q", data("b", null, null));
    int writes = journal.writes.size();
    long receivedAt = time.nowMillis();

    receive("q", 30);
    assertThat(journal.writes).hasSize(writes);
    time.clock.advance(Duration.ofMillis(PendingLeases.FLUSH_AFTER_MILLIS - 1));
    assertThat(journal.writes).hasSize(writes);
    time.clock.advance(Duration.ofMillis(1));

    assertThat(journal.writes).hasSize(writes + 1);
    Write lease = journal.last();
    assertThat(lease.durable()).isFalse();
    assertThat(lease.changes()).hasSize(2).allSatisfy(change -> {
      MessageUpdated updated = (MessageUpdated) change;
      assertThat(updated.state().receiveCount()).isEqualTo(1);
      assertThat(updated.state().firstReceiveMillis()).isEqualTo(receivedAt);
      assertThat(updated.state().visibleAtMillis()).isEqualTo(receivedAt + 30_000);
    });
  }

  @Test
  void a_message_deleted_before_its_lease_is_journaled_costs_one_write_without_fsync() {
    engine.createQueue(queue("q")).join();
    long sequence = send("q", data("m", null, null));
    int writes = journal.writes.size();

    Delivery delivery = receive("q", 30).get(0);
    engine.delete("q", delivery.receiptHandle()).join();
    time.clock.advanceSeconds(1);

    assertThat(journal.writes).hasSize(writes + 1);
    Write delete = journal.last();
    assertThat(delete.durable()).isFalse();
    assertThat(delete.changes()).containsExactly(new MessageRemoved(queueIdOf(delete), sequence));
  }

  @Test
  void a_visibility_change_replaces_the_lease_that_waits() {
    engine.createQueue(queue("q")).join();
    send("q", data("m", null, null));
    Delivery delivery = receive("q", 30).get(0);

    engine.changeVisibility("q", delivery.receiptHandle(), 5).join();
    Write change = journal.last();
    int writes = journal.writes.size();
    time.clock.advanceSeconds(1);

    assertThat(change.durable()).isTrue();
    MessageUpdated updated = (MessageUpdated) change.changes().get(0);
    assertThat(updated.state().visibleAtMillis()).isEqualTo(time.nowMillis() - 1000 + 5000);
    assertThat(journal.writes).hasSize(writes); // the older lease is never written after it
  }

  @Test
  void a_purge_drops_the_leases_that_wait() {
    engine.createQueue(queue("q")).join();
    send("q", data("m", null, null));
    receive("q", 30);

    engine.purge("q").join();
    int writes = journal.writes.size();
    time.clock.advanceSeconds(1);

    assertThat(journal.last().changes().get(0)).isInstanceOf(MessagesPurged.class);
    assertThat(journal.writes).hasSize(writes);
  }

  @Test
  void closing_the_engine_journals_the_leases_that_wait() {
    engine.createQueue(queue("q")).join();
    long sequence = send("q", data("m", null, null));
    receive("q", 30);

    engine.close();

    MessageUpdated lease = (MessageUpdated) journal.last().changes().get(0);
    assertThat(lease.sequence()).isEqualTo(sequence);
    assertThat(lease.state().receiveCount()).isEqualTo(1);
  }

  private static long queueIdOf(Write write) {
    return write.changes().get(0).queueId();
  }

  @Test
  void a_standard_delete_is_answered_only_once_written() {
    engine.createQueue(queue("q")).join();
    send("q", data("m", null, null));
    Delivery delivery = receive("q", 30).get(0);
    journal.holdBack = true;

    CompletableFuture<DeleteOutcome> deleted = engine.delete("q", delivery.receiptHandle());

    assertThat(deleted).isNotDone();
    journal.completeAll();
    assertThat(deleted).isCompletedWithValue(DeleteOutcome.DELETED);
  }

  @Test
  void a_batch_of_deletes_is_one_write_answered_once_it_is_done() {
    engine.createQueue(queue("q")).join();
    send("q", data("a", null, null));
    send("q", data("b", null, null));
    List<Delivery> deliveries = receive("q", 30);
    int writesBefore = journal.writes.size();
    journal.holdBack = true;

    CompletableFuture<List<DeleteOutcome>> deleted = engine.deleteAll("q", List.of(
        deliveries.get(0).receiptHandle(), "garbage", deliveries.get(1).receiptHandle()));

    assertThat(journal.writes).hasSize(writesBefore + 1);
    assertThat(journal.last().durable()).isFalse();
    assertThat(journal.last().changes()).hasSize(2).allMatch(MessageRemoved.class::isInstance);
    assertThat(deleted).isNotDone();
    journal.completeAll();
    assertThat(deleted.join()).containsExactly(
        DeleteOutcome.DELETED, DeleteOutcome.INVALID_HANDLE, DeleteOutcome.DELETED);
  }

  @Test
  void a_batch_that_deletes_nothing_writes_nothing() {
    engine.createQueue(queue("q")).join();
    send("q", data("a", null, null));
    Delivery delivery = receive("q", 30).get(0);
    engine.delete("q", delivery.receiptHandle()).join();
    int writesBefore = journal.writes.size();

    List<DeleteOutcome> outcomes =
        engine.deleteAll("q", List.of(delivery.receiptHandle(), "garbage")).join();

    assertThat(outcomes).containsExactly(DeleteOutcome.ALREADY_GONE, DeleteOutcome.INVALID_HANDLE);
    assertThat(journal.writes).hasSize(writesBefore);
  }

  @Test
  void a_fifo_delete_is_journaled_durably() {
    engine.createQueue(queue("q.fifo", "FifoQueue", "true")).join();
    send("q.fifo", data("m", "g", "d"));
    Delivery delivery = receive("q.fifo", 30).get(0);

    engine.delete("q.fifo", delivery.receiptHandle()).join();

    assertThat(journal.last().durable()).isTrue();
    assertThat(journal.last().changes()).singleElement().isInstanceOf(MessageRemoved.class);
  }

  @Test
  void a_purge_is_one_change_covering_every_sequence_so_far() {
    engine.createQueue(queue("q")).join();
    send("q", data("a", null, null));
    long last = send("q", data("b", null, null));

    engine.purge("q").join();

    MessagesPurged purged = (MessagesPurged) journal.last().changes().get(0);
    assertThat(purged.upToSequence()).isEqualTo(last);
    assertThat(journal.last().durable()).isTrue();
  }

  @Test
  void a_dead_letter_move_is_one_write_holding_the_removal_and_the_append() {
    engine.createQueue(queue("dlq")).join();
    engine.createQueue(queue("source", "RedrivePolicy",
        "{\"deadLetterTargetArn\":\"arn:aws:sqs:eu-west-1:123456789012:dlq\",\"maxReceiveCount\":1}")).join();
    long sourceSequence = send("source", data("m", null, null));
    receive("source", 1);
    time.clock.advanceSeconds(1);

    assertThat(receive("source", 30)).isEmpty();

    Write move = journal.last();
    assertThat(move.changes()).hasSize(2);
    assertThat(move.changes().get(0)).isInstanceOf(MessageRemoved.class);
    assertThat(((MessageRemoved) move.changes().get(0)).sequence()).isEqualTo(sourceSequence);
    MessageAppended appended = (MessageAppended) move.changes().get(1);
    assertThat(appended.data().deadLetterQueueSourceArn()).isEqualTo("arn:aws:sqs:eu-west-1:123456789012:source");
    assertThat(appended.state().receiveCount()).isEqualTo(1);
    assertThat(appended.queueId()).isNotEqualTo(move.changes().get(0).queueId());
  }

  @Test
  void payloads_are_dropped_once_written_and_loaded_again_when_delivered() {
    engine.createQueue(queue("q")).join();
    journal.holdBack = true;
    MessageData sent = data("m", null, null);
    engine.send("q", List.of(new NewMessage(sent, 0)));
    disk.put(lastAppendedSequence(), sent);

    // Not yet written: the engine still holds the payload and must not read the disk.
    Delivery early = receive("q", 0).get(0);
    assertThat(early.message()).isSameAs(sent);
    assertThat(payloadLoads).isEmpty();

    journal.completeAll();
    journal.holdBack = false;
    Delivery late = receive("q", 0).get(0);
    assertThat(late.message()).isSameAs(sent);
    assertThat(payloadLoads).containsExactly(lastAppendedSequence());
  }

  /** An engine with queue "q" that keeps payloads up to the budget and loads others from disk. */
  private QueueEngine engineKeeping(long retainedBytes) {
    QueueEngine budgeted = new QueueEngine(time, journal, (queueId, sequence) -> {
      synchronized (payloadLoads) {
        payloadLoads.add(sequence);
      }
      return disk.get(sequence);
    }, retainedBytes);
    budgeted.createQueue(queue("q")).join();
    return budgeted;
  }

  @Test
  void the_newest_payloads_stay_in_memory_within_the_budget_and_older_ones_are_loaded() {
    int perMessage = "a".length() + RetainedPayloads.OVERHEAD_BYTES; // body, no attributes
    QueueEngine budgeted = engineKeeping(2L * perMessage);
    List<Long> sequences = new ArrayList<>();
    for (String body : List.of("a", "b", "c")) {
      MessageData sent = data(body, null, null);
      budgeted.send("q", List.of(new NewMessage(sent, 0))).join();
      sequences.add(lastAppendedSequence());
      disk.put(lastAppendedSequence(), sent);
    }

    List<Delivery> delivered = budgeted.receive("q", new ReceiveSpec(10, 30, null)).join();

    assertThat(delivered).extracting(d -> d.message().body()).containsExactlyInAnyOrder("a", "b", "c");
    // Only the oldest went beyond the budget of two messages; it alone came from the disk.
    assertThat(payloadLoads).containsExactly(sequences.get(0));
    budgeted.close();
  }

  @Test
  void a_deleted_messages_payload_leaves_the_budget_at_once() {
    // Bodies larger than the per-message overhead, so that the line's places (budget / overhead)
    // are not what drops a payload here.
    String a = "a".repeat(300);
    String b = "b".repeat(300);
    String c = "c".repeat(300);
    int perMessage = a.length() + RetainedPayloads.OVERHEAD_BYTES; // body, no attributes
    QueueEngine budgeted = engineKeeping(2L * perMessage);
    for (String body : List.of(a, b)) {
      MessageData sent = data(body, null, null);
      budgeted.send("q", List.of(new NewMessage(sent, 0))).join();
      disk.put(lastAppendedSequence(), sent);
    }
    // Visibility 0: both stay visible; b, the newer, is deleted.
    Delivery deleted = budgeted.receive("q", new ReceiveSpec(10, 0, null)).join().stream()
        .filter(d -> d.message().body().equals(b)).findFirst().orElseThrow();
    budgeted.delete("q", deleted.receiptHandle()).join();
    MessageData sentC = data(c, null, null);
    budgeted.send("q", List.of(new NewMessage(sentC, 0))).join();
    disk.put(lastAppendedSequence(), sentC);
    payloadLoads.clear();

    List<Delivery> delivered = budgeted.receive("q", new ReceiveSpec(10, 30, null)).join();

    assertThat(delivered).extracting(d -> d.message().body()).containsExactlyInAnyOrder(a, c);
    // b no longer counted: a and c fit the budget of two, and neither came from the disk.
    assertThat(payloadLoads).isEmpty();
    assertThat(budgeted.retainedPayloadBytes()).isEqualTo(2L * perMessage);
    budgeted.close();
  }

  @Test
  void a_message_deleted_before_its_write_completes_is_not_kept() {
    QueueEngine budgeted = engineKeeping(1L << 20);
    journal.holdBack = true;
    budgeted.send("q", List.of(new NewMessage(data("m", null, null), 0)));
    Delivery early = budgeted.receive("q", new ReceiveSpec(10, 30, null)).join().get(0);
    budgeted.delete("q", early.receiptHandle());

    journal.completeAll();

    assertThat(budgeted.retainedPayloadBytes()).isZero();
    journal.holdBack = false;
    budgeted.close();
  }

  @Test
  void a_receive_on_an_empty_queue_touches_neither_journal_nor_payloads_nor_timers() {
    engine.createQueue(queue("q")).join();
    int writes = journal.writes.size();

    for (int i = 0; i < 100; i++) {
      assertThat(receive("q", 30)).isEmpty();
    }

    assertThat(journal.writes).hasSize(writes);
    assertThat(payloadLoads).isEmpty();
    assertThat(time.scheduled).hasValue(0);
  }

  @Test
  void timers_exist_only_while_someone_waits_or_a_lease_waits_to_be_journaled() {
    engine.createQueue(queue("q")).join();
    send("q", data("m", null, null));
    receive("q", 60);
    assertThat(time.pending).hasValue(1);
    time.clock.advance(Duration.ofMillis(PendingLeases.FLUSH_AFTER_MILLIS));
    assertThat(time.pending).hasValue(0);

    CompletableFuture<Void> wait = engine.availability().nextAvailable("q");
    assertThat(time.pending).hasValue(1);

    wait.cancel(false);
    assertThat(time.pending).hasValue(0);
  }

  @Test
  void many_waiters_share_one_timer_and_a_cancelled_waiter_is_forgotten() {
    engine.createQueue(queue("q")).join();
    send("q", data("m", null, null));
    receive("q", 60);
    time.clock.advance(Duration.ofMillis(PendingLeases.FLUSH_AFTER_MILLIS)); // the lease's timer
    List<CompletableFuture<Void>> waits = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      waits.add(engine.availability().nextAvailable("q"));
    }
    assertThat(time.pending).hasValue(1);

    waits.subList(0, 49).forEach(w -> w.cancel(false));
    assertThat(time.pending).hasValue(1);
    time.clock.advanceSeconds(60);

    assertThat(waits.get(49)).isCompleted();
    assertThat(time.pending).hasValue(0);
  }

  @Test
  void recovery_restores_queues_messages_and_dedup_without_replaying_operations() {
    ManualTimeSource clock = time.clock;
    QueueEngine recovered = new QueueEngine(clock, Journal.NONE, (queueId, sequence) ->
        data("m" + sequence, sequence < 3 ? "g" : null, "d" + sequence));
    long now = clock.nowMillis();
    recovered.restoreQueue(7, queue("q.fifo", "FifoQueue", "true"));
    recovered.restoreMessage(7, 1, new MessageState(now, now + 10_000, 1, now, "g"));
    recovered.restoreMessage(7, 2, new MessageState(now, now, 0, 0, "g"));
    recovered.restoreMessage(99, 5, new MessageState(now, now, 0, 0, "g")); // unknown queue: ignored
    recovered.restoreDedup(7, new DedupRecord("d1", "id-1", 1, now + 60_000));
    recovered.finishRecovery();

    assertThat(recovered.counts("q.fifo")).isEqualTo(new QueueCounts(1, 1, 0));
    assertThat(recovered.receive("q.fifo", new ReceiveSpec(10, 30, null)).join()).isEmpty();
    SendOutcome duplicate = recovered.send("q.fifo", List.of(new NewMessage(data("x", "g", "d1"), 0))).join().get(0);
    assertThat(duplicate.duplicate()).isTrue();
    assertThat(duplicate.message().messageId()).isEqualTo("id-1");

    clock.advanceSeconds(10);
    List<Delivery> deliveries = recovered.receive("q.fifo", new ReceiveSpec(10, 30, null)).join();
    assertThat(deliveries).extracting(d -> d.message().body()).containsExactly("m1", "m2");
    assertThat(deliveries.get(0).receiveCount()).isEqualTo(2);
    assertThat(recovered.delete("q.fifo", deliveries.get(0).receiptHandle()).join())
        .isEqualTo(DeleteOutcome.DELETED);
  }

  @Test
  void housekeeping_drops_expired_messages_and_dedup_records_without_receives() {
    engine.createQueue(queue("q.fifo", "FifoQueue", "true", "MessageRetentionPeriod", "60")).join();
    engine.send("q.fifo", List.of(new NewMessage(data("m", "g", "d"), 0))).join();
    engine.startHousekeeping(10_000);

    time.clock.advanceSeconds(300);

    assertThat(engine.counts("q.fifo")).isEqualTo(new QueueCounts(0, 0, 0));
    List<Change> swept = new ArrayList<>();
    journal.writes.forEach(w -> swept.addAll(w.changes()));
    assertThat(swept).anyMatch(c -> c instanceof MessageRemoved);
    assertThat(swept).anyMatch(c -> c instanceof Change.DedupRemoved removed
        && removed.key().equals(DedupWindow.key("g", "d", false)));
    engine.close();
  }

  @Test
  void sequences_keep_rising_when_the_clock_stands_still() {
    engine.createQueue(queue("q.fifo", "FifoQueue", "true")).join();
    List<Long> sequences = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sequences.add(engine.send("q.fifo", List.of(new NewMessage(data("m" + i, "g", "d" + i), 0)))
          .join().get(0).sequenceNumber());
    }

    assertThat(sequences).isSorted().doesNotHaveDuplicates();
    assertThat(sequences.get(0)).isEqualTo(time.nowMillis() * 1000);
  }

  @Test
  void sequences_count_up_by_one_as_the_clock_moves_and_restart_above_the_last() {
    engine.createQueue(queue("q")).join();
    long first = send("q", data("a", null, null));
    time.clock.advanceSeconds(5);
    long second = send("q", data("b", null, null));
    long third = send("q", data("c", null, null));

    assertThat(first).isEqualTo(time.nowMillis() * 1000 - 5_000_000);
    assertThat(List.of(second, third)).containsExactly(first + 1, first + 2);

    // A restart: a fresh engine restores the queue and its newest message, then sends.
    RecordingJournal restartJournal = new RecordingJournal();
    QueueEngine restarted = new QueueEngine(time.clock, restartJournal, (queueId, sequence) -> null);
    long queueId = 1;
    restarted.restoreQueue(queueId, queue("q"));
    long now = time.nowMillis();
    restarted.restoreMessage(queueId, third, new MessageState(now, now, 0, 0, null));
    restarted.finishRecovery();
    time.clock.advanceSeconds(1);
    restarted.send("q", List.of(new NewMessage(data("d", null, null), 0))).join();
    long afterRestart = restartJournal.writes.stream()
        .flatMap(write -> write.changes().stream())
        .filter(MessageAppended.class::isInstance)
        .mapToLong(change -> ((MessageAppended) change).sequence())
        .max().orElseThrow();

    assertThat(afterRestart).isEqualTo(time.nowMillis() * 1000).isGreaterThan(third);
  }
}
