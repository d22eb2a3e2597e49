package dev.sluice.store.embedded;

import static dev.sluice.store.embedded.TestMessages.fifoMessage;
import static dev.sluice.store.embedded.TestMessages.fifoQueue;
import static dev.sluice.store.embedded.TestMessages.message;
import static dev.sluice.store.embedded.TestMessages.standardQueue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.queue.store.Delivery;
import dev.sluice.core.queue.store.NewMessage;
import dev.sluice.core.queue.store.QueueCounts;
import dev.sluice.core.queue.store.ReceiveSpec;
import dev.sluice.core.queue.store.SendOutcome;
import dev.sluice.core.time.ManualTimeSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksIterator;

/** What only a durable, on-disk store must do; the shared contract suite covers the semantics. */
class EmbeddedQueueStoreTest {

  @TempDir Path directory;
  private final ManualTimeSource time = new ManualTimeSource(TestMessages.START_MILLIS);
  private EmbeddedQueueStore store;

  @BeforeEach
  void open() throws IOException {
    store = EmbeddedQueueStore.open(directory, time);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void messages_and_their_leases_survive_a_restart() throws Exception {
    await(store.createQueue(standardQueue("orders")));
    await(store.send("orders", List.of(message("one"), message("two"), message("three"))));
    Delivery leased = await(store.receive("orders", new ReceiveSpec(1, 60, null))).get(0);

    reopen();

    assertThat(store.counts("orders")).isEqualTo(new QueueCounts(2, 1, 0));
    assertThat(bodies(await(store.receive("orders", new ReceiveSpec(10, 60, null)))))
        .containsExactlyInAnyOrder("two", "three");
    time.advanceSeconds(61);
    Delivery again = await(store.receive("orders", new ReceiveSpec(10, 60, null))).get(0);
    assertThat(again.message()).usingRecursiveComparison().isEqualTo(leased.message());
    assertThat(again.receiveCount()).isEqualTo(2);
    assertThat(again.firstReceiveTimestamp()).isEqualTo(leased.firstReceiveTimestamp());
  }

  @Test
  void a_restart_reads_no_message_bodies_until_they_are_delivered() throws Exception {
    await(store.createQueue(standardQueue("orders")));
    for (int i = 0; i < 10; i++) {
      await(store.send("orders", tenMessages("batch" + i)));
    }

    reopen();

    assertThat(store.recovery().messages()).isEqualTo(100);
    assertThat(store.payloadReads()).isZero();
    assertThat(await(store.receive("orders", new ReceiveSpec(3, 30, null)))).hasSize(3);
    assertThat(store.payloadReads()).isEqualTo(3);
  }

  @Test
  void a_receive_on_an_empty_queue_touches_no_disk() throws Exception {
    await(store.createQueue(standardQueue("idle")));
    long commits = store.commits();

    assertThat(await(store.receive("idle", new ReceiveSpec(10, 30, null)))).isEmpty();

    assertThat(store.commits()).isEqualTo(commits);
    assertThat(store.payloadReads()).isZero();
  }

  @Test
  void sends_are_acknowledged_on_a_store_thread() throws Exception {
    await(store.createQueue(standardQueue("orders")));
    CountDownLatch release = new CountDownLatch(1);
    // Given the store's threads are held up by an earlier send's continuation
    occupyStoreThread(() -> store.send("orders", List.of(message("first"))), release);

    // When another send is written meanwhile
    CompletableFuture<List<SendOutcome>> sent = store.send("orders", List.of(message("second")));
    CompletableFuture<String> thread = sent.thenApply(outcomes -> Thread.currentThread().getName());
    assertThat(sent).isNotDone();
    release.countDown();

    // Then its future completes on the store's thread, not the caller's
    assertThat(await(thread)).startsWith(STORE_THREAD_PREFIX);
  }

  /** The committer and the acknowledger: either completes a write's future. */
  static final String STORE_THREAD_PREFIX = "sluice-embedded-";

  /**
   * Blocks the store thread (the committer or the acknowledger) that completes one of {@code
   * writes}' futures, inside its continuation, until released.
   */
  static void occupyStoreThread(Supplier<CompletableFuture<?>> writes, CountDownLatch release)
      throws InterruptedException {
    CountDownLatch blocked = new CountDownLatch(1);
    do {
      writes.get().thenRun(() -> {
        // A future already complete runs this on the caller: then try again.
        if (Thread.currentThread().getName().startsWith(STORE_THREAD_PREFIX)) {
          blocked.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      });
    } while (!blocked.await(20, TimeUnit.MILLISECONDS));
  }

  @Test
  void deleted_messages_leave_the_disk() throws Exception {
    await(store.createQueue(standardQueue("churn")));
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 20; i++) {
      List<NewMessage> batch = new ArrayList<>();
      for (int m = 0; m < 10; m++) {
        // Random bodies: compression would shrink repetitive ones to almost nothing.
        byte[] noise = new byte[768];
        random.nextBytes(noise);
        batch.add(message(Base64.getEncoder().encodeToString(noise)));
      }
      await(store.send("churn", batch));
    }
    store.database().flush();
    assertThat(store.database().fileBytes(Table.PAYLOADS)).isGreaterThan(200 * 1024);
    List<Delivery> received;
    while (!(received = await(store.receive("churn", new ReceiveSpec(10, 30, null)))).isEmpty()) {
      for (Delivery delivery : received) {
        await(store.delete("churn", delivery.receiptHandle()));
      }
    }

    store.database().flush();
    store.database().compact(Table.PAYLOADS);
    store.database().compact(Table.MESSAGE_STATES);

    assertThat(keysIn(Table.PAYLOADS)).isZero();
    assertThat(keysIn(Table.MESSAGE_STATES)).isZero();
    assertThat(store.database().fileBytes(Table.PAYLOADS)).isZero();
  }

  @Test
  void messages_past_retention_are_dropped_from_disk() throws Exception {
    await(store.createQueue(standardQueue("short", Map.of("MessageRetentionPeriod", "60"))));
    await(store.send("short", tenMessages("old")));

    time.advanceSeconds(61);
    store.expire();
    reopen();

    assertThat(store.recovery().messages()).isZero();
    assertThat(store.counts("short")).isEqualTo(new QueueCounts(0, 0, 0));
  }

  @Test
  void a_deleted_queue_leaves_nothing_behind() throws Exception {
    await(store.createQueue(fifoQueue("gone.fifo")));
    await(store.send("gone.fifo", List.of(fifoMessage("g", "d1", "a"), fifoMessage("g", "d2", "b"))));
    await(store.receive("gone.fifo", new ReceiveSpec(1, 30, null)));

    assertThat(await(store.deleteQueue("gone.fifo"))).isTrue();
    reopen();

    assertThat(store.queues()).isEmpty();
    for (Table table : Table.values()) {
      assertThat(keysIn(table)).as(table.name()).isZero();
    }
  }

  @Test
  void a_purge_survives_a_restart() throws Exception {
    await(store.createQueue(standardQueue("purged")));
    await(store.send("purged", tenMessages("p")));

    await(store.purge("purged"));
    reopen();

    assertThat(store.counts("purged")).isEqualTo(new QueueCounts(0, 0, 0));
    assertThat(keysIn(Table.PAYLOADS)).isZero();
  }

  @Test
  void fifo_order_sequence_numbers_and_deduplication_survive_a_restart() throws Exception {
    await(store.createQueue(fifoQueue("orders.fifo")));
    List<SendOutcome> sent = await(store.send("orders.fifo", List.of(
        fifoMessage("g", "d1", "first"), fifoMessage("g", "d2", "second"), fifoMessage("g", "d3", "third"))));

    reopen();

    SendOutcome duplicate = await(store.send("orders.fifo", List.of(fifoMessage("g", "d2", "again")))).get(0);
    assertThat(duplicate.duplicate()).isTrue();
    assertThat(duplicate.sequenceNumber()).isEqualTo(sent.get(1).sequenceNumber());
    assertThat(duplicate.message().messageId()).isEqualTo(sent.get(1).message().messageId());
    List<Delivery> delivered = await(store.receive("orders.fifo", new ReceiveSpec(10, 30, null)));
    assertThat(bodies(delivered)).containsExactly("first", "second", "third");
    assertThat(delivered).extracting(Delivery::sequenceNumber)
        .containsExactlyElementsOf(sent.stream().map(SendOutcome::sequenceNumber).toList());
  }

  @Test
  void queue_attribute_changes_survive_a_restart() throws Exception {
    await(store.createQueue(standardQueue("tuned")));

    await(store.updateQueue("tuned", q -> q.withAttributes(Map.of("VisibilityTimeout", "99"), 5L)));
    reopen();

    assertThat(store.queue("tuned")).get()
        .satisfies(q -> assertThat(q.attributes()).containsEntry("VisibilityTimeout", "99"))
        .satisfies(q -> assertThat(q.lastModifiedMillis()).isEqualTo(5L));
  }

  @Test
  void a_second_store_cannot_open_a_directory_in_use() {
    assertThatThrownBy(() -> EmbeddedQueueStore.open(directory, time))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(directory.toString());
  }

  @Test
  void a_receive_racing_shutdown_fails_instead_of_crashing_the_process() throws Exception {
    await(store.createQueue(standardQueue("late")));
    await(store.send("late", tenMessages("m")));

    store.close();

    assertThatThrownBy(() -> await(store.receive("late", new ReceiveSpec(10, 30, null))))
        .hasStackTraceContaining("The queue store is closed: no more receives");
  }

  @Test
  void closing_twice_is_harmless() {
    store.close();
    store.close();
  }

  private void reopen() throws IOException {
    store.close();
    store = EmbeddedQueueStore.open(directory, time);
  }

  private long keysIn(Table table) {
    long count = 0;
    try (RocksIterator it = store.database().scan(table)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        count++;
      }
    }
    return count;
  }

  private static List<NewMessage> tenMessages(String prefix) {
    List<NewMessage> messages = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      messages.add(message(prefix + "-" + i));
    }
    return messages;
  }

  private static List<String> bodies(List<Delivery> deliveries) {
    return deliveries.stream().map(d -> d.message().body()).toList();
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }
}
