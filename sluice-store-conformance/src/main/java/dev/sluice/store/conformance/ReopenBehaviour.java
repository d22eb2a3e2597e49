package dev.sluice.store.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.store.DeleteOutcome;
import dev.sluice.core.queue.store.Delivery;
import dev.sluice.core.queue.store.QueueCounts;
import dev.sluice.core.queue.store.QueueRecord;
import dev.sluice.core.queue.store.SendOutcome;
import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.core.queue.store.QueueStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What survives closing a durable store and opening it again on the same data. */
public abstract class ReopenBehaviour extends StoreFixture {

  /** Closes {@code store} and opens a new one on the same data. */
  protected abstract QueueStore reopen(QueueStore store, ManualTimeSource time);

  private void reopen() {
    QueueStore closing = store;
    store = null; // if reopening fails, the fixture must not close the store twice
    store = reopen(closing, time);
  }

  @Test
  void queues_with_their_attributes_and_tags_survive() {
    QueueRecord standard = create(standardQueue("orders", "VisibilityTimeout", "45"));
    QueueRecord fifo = create(fifoQueue("orders.fifo", "ContentBasedDeduplication", "true"));
    QueueRecord updated = await(store.updateQueue("orders", q -> {
      Map<String, String> attributes = new HashMap<>(q.attributes());
      attributes.put("DelaySeconds", "7");
      return q.withAttributes(attributes, q.createdMillis() + 1000).withTags(Map.of("team", "blue"));
    }));

    reopen();

    assertThat(store.queues()).containsExactly(updated, fifo);
    assertThat(store.queue("orders")).contains(updated);
    assertThat(standard).isNotEqualTo(updated);
  }

  @Test
  void deleted_queues_stay_deleted() {
    createStandard("gone");
    send("gone", "m");
    createStandard("kept");
    await(store.deleteQueue("gone"));

    reopen();

    assertThat(store.queues()).extracting(QueueRecord::name).containsExactly("kept");
  }

  @Test
  void messages_survive_with_their_data_and_order() {
    createStandard("q");
    SendOutcome first = send("q", "m1");
    send("q", "m2");
    send("q", "m3");

    reopen();

    List<Delivery> deliveries = receive("q", 10);
    assertThat(bodies(deliveries)).containsExactly("m1", "m2", "m3");
    assertThat(deliveries.get(0).message()).usingRecursiveComparison().isEqualTo(first.message());
  }

  @Test
  void in_flight_and_delayed_messages_keep_their_state() {
    createStandard("q");
    send("q", "in flight");
    send("q", message("delayed"), 120);
    send("q", "visible");
    Delivery inFlight = receive("q", 1, 60).get(0);

    reopen();

    assertThat(store.counts("q")).isEqualTo(new QueueCounts(1, 1, 1));
    assertThat(bodies(receive("q", 10, 600))).containsExactly("visible");
    advanceSeconds(60);
    Delivery again = receive("q", 10, 600).get(0);
    assertThat(again.message().body()).isEqualTo("in flight");
    assertThat(again.receiveCount()).isEqualTo(2);
    assertThat(again.firstReceiveTimestamp()).isEqualTo(inFlight.firstReceiveTimestamp());
    advanceSeconds(60);
    assertThat(bodies(receive("q", 10))).containsExactly("delayed");
  }

  @Test
  void a_receipt_handle_issued_before_reopening_still_deletes() {
    createStandard("q");
    send("q", "m");
    Delivery delivery = receiveOne("q");

    reopen();

    assertThat(await(store.delete("q", delivery.receiptHandle()))).isEqualTo(DeleteOutcome.DELETED);
    assertThat(store.counts("q")).isEqualTo(new QueueCounts(0, 0, 0));
  }

  @Test
  void deleted_and_purged_messages_stay_gone() {
    createStandard("deleted");
    send("deleted", "m1");
    send("deleted", "m2");
    await(store.delete("deleted", receiveOne("deleted").receiptHandle()));
    createStandard("purged");
    send("purged", "p1");
    await(store.purge("purged"));
    send("purged", "p2");

    reopen();

    advanceSeconds(60);
    assertThat(bodies(receive("deleted", 10))).containsExactly("m2");
    assertThat(bodies(receive("purged", 10))).containsExactly("p2");
  }

  @Test
  void fifo_order_and_group_locks_survive() {
    createFifo("q.fifo");
    sendFifo("q.fifo", "g1", "g1-m1");
    sendFifo("q.fifo", "g2", "g2-m1");
    sendFifo("q.fifo", "g1", "g1-m2");
    sendFifo("q.fifo", "g2", "g2-m2");
    receive("q.fifo", 1, 60); // g1 is now in flight

    reopen();

    assertThat(bodies(receive("q.fifo", 10, 600))).containsExactly("g2-m1", "g2-m2");
    advanceSeconds(60);
    assertThat(bodies(receive("q.fifo", 10))).containsExactly("g1-m1", "g1-m2");
  }

  @Test
  void deduplication_ids_survive() {
    createFifo("q.fifo");
    SendOutcome original = send("q.fifo", message("m", "g", "dedup-1"));

    reopen();

    SendOutcome duplicate = send("q.fifo", message("m", "g", "dedup-1"));
    assertThat(duplicate.duplicate()).isTrue();
    assertThat(duplicate.message().messageId()).isEqualTo(original.message().messageId());
    assertThat(receive("q.fifo", 10)).hasSize(1);
  }

  @Test
  void sequence_numbers_keep_rising() {
    createFifo("q.fifo");
    SendOutcome before = sendFifo("q.fifo", "g", "m1");
    await(store.delete("q.fifo", receiveOne("q.fifo").receiptHandle()));

    reopen();

    assertThat(sendFifo("q.fifo", "g", "m2").sequenceNumber()).isGreaterThan(before.sequenceNumber());
  }

  @Test
  void a_dead_letter_move_survives() {
    createStandard("dlq");
    createStandard("source", "RedrivePolicy", redrivePolicy("dlq", 1));
    send("source", "m");
    receive("source", 1, 1);
    advanceSeconds(1);
    receive("source", 10);

    reopen();

    assertThat(store.counts("source")).isEqualTo(new QueueCounts(0, 0, 0));
    Delivery dead = receiveOne("dlq");
    assertThat(dead.message().deadLetterQueueSourceArn()).isEqualTo(arn("source"));
  }
}
