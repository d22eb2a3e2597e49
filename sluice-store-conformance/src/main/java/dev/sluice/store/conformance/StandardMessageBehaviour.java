package dev.sluice.store.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.store.Delivery;
import dev.sluice.core.queue.store.MessageData;
import dev.sluice.core.queue.store.NewMessage;
import dev.sluice.core.queue.store.QueueCounts;
import dev.sluice.core.queue.store.SendOutcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Standard queues: ordering, visibility, delays, retention, purge and counts. */
public abstract class StandardMessageBehaviour extends StoreFixture {

  @Test
  void a_sent_message_is_received_with_everything_it_was_sent_with() {
    createStandard("q");
    MessageData sent = message("hello");

    SendOutcome outcome = send("q", sent);
    Delivery delivery = receiveOne("q");

    assertThat(outcome.message()).usingRecursiveComparison().isEqualTo(sent);
    assertThat(outcome.duplicate()).isFalse();
    assertThat(outcome.sequenceNumber()).isZero();
    assertThat(delivery.message()).usingRecursiveComparison().isEqualTo(sent);
    assertThat(delivery.receiveCount()).isEqualTo(1);
    assertThat(delivery.firstReceiveTimestamp()).isEqualTo(time.nowMillis());
    assertThat(delivery.sequenceNumber()).isZero();
    assertThat(delivery.receiptHandle()).isNotBlank();
  }

  @Test
  void messages_are_handed_out_oldest_first_up_to_the_maximum() {
    createStandard("q");
    for (int i = 1; i <= 5; i++) {
      send("q", "m" + i);
    }

    assertThat(bodies(receive("q", 3))).containsExactly("m1", "m2", "m3");
    assertThat(bodies(receive("q", 10))).containsExactly("m4", "m5");
    assertThat(receive("q", 10)).isEmpty();
  }

  @Test
  void one_send_call_appends_its_messages_in_order() {
    createStandard("q");
    List<NewMessage> batch = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      batch.add(new NewMessage(message("m" + i), 0));
    }

    List<SendOutcome> outcomes = await(store.send("q", batch));

    assertThat(outcomes).extracting(o -> o.message().body())
        .containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10");
    assertThat(bodies(receive("q", 10)))
        .containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10");
  }

  @Test
  void a_received_message_stays_invisible_until_its_visibility_timeout_runs_out() {
    createStandard("q");
    send("q", "m1");
    receive("q", 1, 20);

    advanceSeconds(19);
    assertThat(receive("q", 10)).isEmpty();

    advanceSeconds(1);
    Delivery again = receiveOne("q");
    assertThat(again.message().body()).isEqualTo("m1");
    assertThat(again.receiveCount()).isEqualTo(2);
  }

  @Test
  void the_first_receive_timestamp_stays_the_first() {
    createStandard("q");
    send("q", "m1");
    long firstReceive = time.nowMillis();
    receive("q", 1, 5);

    advanceSeconds(7);
    Delivery second = receiveOne("q");

    assertThat(second.firstReceiveTimestamp()).isEqualTo(firstReceive);
    assertThat(second.receiveCount()).isEqualTo(2);
  }

  @Test
  void a_visibility_timeout_of_zero_leaves_the_message_receivable() {
    createStandard("q");
    send("q", "m1");

    receive("q", 1, 0);

    assertThat(receiveOne("q").receiveCount()).isEqualTo(2);
  }

  @Test
  void a_message_visible_again_goes_before_newer_messages() {
    createStandard("q");
    send("q", "old");
    receive("q", 1, 10);
    send("q", "new");

    advanceSeconds(10);

    assertThat(bodies(receive("q", 10))).containsExactly("old", "new");
  }

  @Test
  void a_delayed_message_is_invisible_until_its_delay_ends() {
    createStandard("q");
    send("q", message("late"), 60);
    send("q", "now");

    assertThat(bodies(receive("q", 10, 600))).containsExactly("now");
    assertThat(store.counts("q")).isEqualTo(new QueueCounts(0, 1, 1));

    advanceSeconds(59);
    assertThat(receive("q", 10)).isEmpty();
    advanceSeconds(1);
    Delivery late = receiveOne("q");
    assertThat(late.message().body()).isEqualTo("late");
    assertThat(late.receiveCount()).isEqualTo(1);
  }

  @Test
  void counts_track_visible_in_flight_and_delayed_messages() {
    createStandard("q");
    send("q", "a");
    send("q", "b");
    send("q", "c");
    send("q", message("d"), 30);
    assertThat(store.counts("q")).isEqualTo(new QueueCounts(3, 0, 1));

    Delivery a = receive("q", 1, 10).get(0);
    assertThat(store.counts("q")).isEqualTo(new QueueCounts(2, 1, 1));

    await(store.delete("q", a.receiptHandle()));
    assertThat(store.counts("q")).isEqualTo(new QueueCounts(2, 0, 1));

    receive("q", 1, 10);
    advanceSeconds(10);
    assertThat(store.counts("q")).isEqualTo(new QueueCounts(2, 0, 1));
    advanceSeconds(20);
    assertThat(store.counts("q")).isEqualTo(new QueueCounts(3, 0, 0));
  }

  @Test
  void a_message_past_its_retention_period_is_never_delivered() {
    createStandard("q", "MessageRetentionPeriod", "60");
    send("q", "old");
    advanceSeconds(30);
    send("q", "young");

    advanceSeconds(30);

    assertThat(bodies(receive("q", 10))).containsExactly("young");
    assertThat(store.counts("q")).isEqualTo(new QueueCounts(0, 1, 0));
  }

  @Test
  void an_in_flight_message_past_its_retention_period_is_not_delivered_again() {
    createStandard("q", "MessageRetentionPeriod", "60");
    send("q", "m");
    receive("q", 1, 50);

    advanceSeconds(70);

    assertThat(receive("q", 10)).isEmpty();
    assertThat(store.counts("q")).isEqualTo(new QueueCounts(0, 0, 0));
  }

  @Test
  void messages_past_retention_leave_the_counts_without_any_receive() {
    createStandard("q", "MessageRetentionPeriod", "60");
    send("q", "m");

    // Stores sweep expired messages in the background; give them a few sweeps of time.
    advanceSeconds(60 * 60);

    assertThat(store.counts("q")).isEqualTo(new QueueCounts(0, 0, 0));
  }

  @Test
  void purge_removes_every_message_in_every_state() {
    createStandard("q");
    send("q", "visible");
    send("q", "in flight");
    send("q", message("delayed"), 60);
    Delivery inFlight = receive("q", 1).get(0);

    await(store.purge("q"));

    assertThat(store.counts("q")).isEqualTo(new QueueCounts(0, 0, 0));
    advanceSeconds(120);
    assertThat(receive("q", 10)).isEmpty();
    assertThat(await(store.delete("q", inFlight.receiptHandle())))
        .isEqualTo(dev.sluice.core.queue.store.DeleteOutcome.ALREADY_GONE);
  }

  @Test
  void messages_sent_after_a_purge_are_kept() {
    createStandard("q");
    send("q", "before");
    await(store.purge("q"));

    send("q", "after");

    assertThat(bodies(receive("q", 10))).containsExactly("after");
  }

  @Test
  void a_queue_with_a_delay_delays_messages_sent_with_its_delay() {
    createStandard("q", "DelaySeconds", "5");
    // The core resolves the delay (message's own, else the queue's) before the store sees it.
    send("q", message("m"), 5);

    assertThat(receive("q", 10)).isEmpty();
    advanceSeconds(5);
    assertThat(bodies(receive("q", 10))).containsExactly("m");
  }
}
