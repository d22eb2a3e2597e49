package dev.sluice.store.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.store.Delivery;
import dev.sluice.core.queue.store.QueueCounts;
import dev.sluice.core.queue.store.SendOutcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FIFO queues: order within a group, group locking while a message is in flight, fair service of
 * groups, and sequence numbers. Several cases replay AWS-validated LocalStack tests.
 */
public abstract class FifoBehaviour extends StoreFixture {

  @Test
  void a_receive_takes_several_messages_of_one_group_in_order() {
    createFifo("q.fifo");
    sendFifo("q.fifo", "g1", "g1-m1");
    sendFifo("q.fifo", "g1", "g1-m2");
    sendFifo("q.fifo", "g1", "g1-m3");

    List<Delivery> deliveries = receive("q.fifo", 10);

    assertThat(bodies(deliveries)).containsExactly("g1-m1", "g1-m2", "g1-m3");
    assertThat(deliveries).extracting(Delivery::sequenceNumber).isSorted().doesNotContain(0L);
  }

  @Test
  void receive_returns_nothing_while_the_group_has_a_message_in_flight() {
    createFifo("q.fifo");
    sendFifo("q.fifo", "g1", "m1");
    receive("q.fifo", 1);
    sendFifo("q.fifo", "g1", "m2");

    assertThat(receive("q.fifo", 10)).isEmpty();
    assertThat(store.counts("q.fifo")).isEqualTo(new QueueCounts(1, 1, 0));
  }

  @Test
  void other_groups_are_served_while_one_group_is_in_flight() {
    createFifo("q.fifo");
    sendFifo("q.fifo", "g1", "g1-m1");
    sendFifo("q.fifo", "g1", "g1-m2");
    sendFifo("q.fifo", "g2", "g2-m1");

    assertThat(bodies(receive("q.fifo", 1))).containsExactly("g1-m1");
    assertThat(bodies(receive("q.fifo", 10))).containsExactly("g2-m1");
  }

  @Test
  void the_group_is_released_when_its_in_flight_message_is_deleted() {
    createFifo("q.fifo");
    sendFifo("q.fifo", "g1", "m1");
    sendFifo("q.fifo", "g1", "m2");
    Delivery first = receive("q.fifo", 1).get(0);

    await(store.delete("q.fifo", first.receiptHandle()));

    assertThat(bodies(receive("q.fifo", 10))).containsExactly("m2");
  }

  @Test
  void the_group_comes_back_in_order_when_the_visibility_timeout_runs_out() {
    createFifo("q.fifo");
    sendFifo("q.fifo", "g1", "m1");
    sendFifo("q.fifo", "g1", "m2");
    receive("q.fifo", 10, 5);

    advanceSeconds(5);

    assertThat(bodies(receive("q.fifo", 10))).containsExactly("m1", "m2");
  }

  @Test
  void groups_are_served_in_turn() {
    // LocalStack's AWS-validated FIFO ordering test: with visibility timeout 0, AWS answered
    // exactly g3-m1, g1-m1, g1-m2, g2-m1, g2-m2 to the second receive.
    createFifo("q.fifo");
    sendFifo("q.fifo", "g1", "g1-m1");
    sendFifo("q.fifo", "g2", "g2-m1");
    sendFifo("q.fifo", "g2", "g2-m2");
    sendFifo("q.fifo", "g3", "g3-m1");
    sendFifo("q.fifo", "g1", "g1-m2");

    assertThat(bodies(receive("q.fifo", 3, 0))).containsExactly("g1-m1", "g1-m2", "g2-m1");
    assertThat(bodies(receive("q.fifo", 10, 0)))
        .containsExactly("g3-m1", "g1-m1", "g1-m2", "g2-m1", "g2-m2");
  }

  @Test
  void a_group_whose_head_becomes_visible_again_is_served_from_its_head() {
    // Recorded (LocalStack, AWS-validated): test_fifo_message_group_visibility_after_terminate_
    // visibility_timeout: making g1-m1 visible again while g1-m2 is in flight serves g1-m1.
    createFifo("q.fifo");
    sendFifo("q.fifo", "group-1", "g1-m1");
    sendFifo("q.fifo", "group-1", "g1-m2");
    sendFifo("q.fifo", "group-2", "g2-m1");
    List<Delivery> group1 = receive("q.fifo", 2);
    assertThat(bodies(group1)).containsExactly("g1-m1", "g1-m2");

    await(store.changeVisibility("q.fifo", group1.get(0).receiptHandle(), 0));

    assertThat(bodies(receive("q.fifo", 3))).containsExactly("g2-m1", "g1-m1");
  }

  @Test
  void a_group_stays_locked_while_its_oldest_remaining_message_is_in_flight() {
    // Recorded (LocalStack, AWS-validated): test_fifo_message_group_visibility_after_partial_delete.
    createFifo("q.fifo");
    sendFifo("q.fifo", "group-1", "g1-m1");
    sendFifo("q.fifo", "group-2", "g2-m1");
    sendFifo("q.fifo", "group-1", "g1-m2");
    sendFifo("q.fifo", "group-2", "g2-m2");
    sendFifo("q.fifo", "group-1", "g1-m3");
    sendFifo("q.fifo", "group-3", "g3-m1");
    List<Delivery> group1 = receive("q.fifo", 2);
    assertThat(bodies(group1)).containsExactly("g1-m1", "g1-m2");

    await(store.delete("q.fifo", group1.get(0).receiptHandle()));

    assertThat(bodies(receive("q.fifo", 10))).containsExactly("g2-m1", "g2-m2", "g3-m1");
  }

  @Test
  void counts_include_messages_waiting_behind_an_in_flight_group() {
    // Recorded (LocalStack, AWS-validated): test_fifo_approx_number_of_messages.
    createFifo("q.fifo");
    sendFifo("q.fifo", "1", "g1-m1");
    sendFifo("q.fifo", "1", "g1-m2");
    sendFifo("q.fifo", "1", "g1-m3");
    sendFifo("q.fifo", "2", "g2-m1");
    sendFifo("q.fifo", "3", "g3-m1");
    assertThat(store.counts("q.fifo").visible()).isEqualTo(5);

    List<Delivery> taken = receive("q.fifo", 4);
    assertThat(store.counts("q.fifo").visible()).isEqualTo(1);

    for (Delivery delivery : taken) {
      await(store.delete("q.fifo", delivery.receiptHandle()));
    }
    assertThat(store.counts("q.fifo")).isEqualTo(new QueueCounts(1, 0, 0));
  }

  @Test
  void a_delayed_head_holds_back_its_group() {
    createFifo("q.fifo", "DelaySeconds", "10");
    send("q.fifo", message("m1", "g", "d1"), 10);
    advanceSeconds(5);
    send("q.fifo", message("m2", "g", "d2"), 10);

    advanceSeconds(5);
    assertThat(bodies(receive("q.fifo", 10))).containsExactly("m1");
    assertThat(store.counts("q.fifo")).isEqualTo(new QueueCounts(0, 1, 1));
  }

  @Test
  void sequence_numbers_rise_across_groups_and_sends() {
    createFifo("q.fifo");
    List<Long> sequences = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      SendOutcome outcome = sendFifo("q.fifo", "g" + (i % 3), "m" + i);
      sequences.add(outcome.sequenceNumber());
    }

    assertThat(sequences).doesNotHaveDuplicates().isSorted();
    assertThat(sequences.get(0)).isPositive();
  }

  @Test
  void messages_of_one_group_are_received_in_send_order_one_by_one() {
    createFifo("q.fifo");
    for (int i = 0; i < 10; i++) {
      sendFifo("q.fifo", "g", "m" + i);
    }
    List<String> received = new ArrayList<>();

    for (int i = 0; i < 10; i++) {
      Delivery delivery = receiveOne("q.fifo");
      received.add(delivery.message().body());
      await(store.delete("q.fifo", delivery.receiptHandle()));
    }

    assertThat(received).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
  }
}
