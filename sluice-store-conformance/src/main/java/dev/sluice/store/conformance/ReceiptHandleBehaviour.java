package dev.sluice.store.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.store.DeleteOutcome;
import dev.sluice.core.queue.store.Delivery;
import dev.sluice.core.queue.store.QueueCounts;
import dev.sluice.core.queue.store.VisibilityOutcome;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Receipt handles: one per receive, and what deletes and visibility changes do with current,
 * stale, foreign and malformed handles. Where AWS behaviour was recorded
 * (/work/shared/aws-reference/sqs-test_sqs.snapshot.json), the test names the recording.
 */
public abstract class ReceiptHandleBehaviour extends StoreFixture {

  @Test
  void every_receive_of_a_message_gets_a_new_handle() {
    createStandard("q");
    send("q", "m");

    String first = receive("q", 1, 0).get(0).receiptHandle();
    String second = receive("q", 1, 0).get(0).receiptHandle();

    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void delete_with_the_current_handle_removes_the_message() {
    createStandard("q");
    send("q", "m");
    Delivery delivery = receiveOne("q");

    assertThat(await(store.delete("q", delivery.receiptHandle()))).isEqualTo(DeleteOutcome.DELETED);

    assertThat(store.counts("q")).isEqualTo(new QueueCounts(0, 0, 0));
    advanceSeconds(60);
    assertThat(receive("q", 10)).isEmpty();
  }

  @Test
  void deleting_twice_finds_the_message_already_gone() {
    createStandard("q");
    send("q", "m");
    Delivery delivery = receiveOne("q");
    await(store.delete("q", delivery.receiptHandle()));

    assertThat(await(store.delete("q", delivery.receiptHandle()))).isEqualTo(DeleteOutcome.ALREADY_GONE);
  }

  @Test
  void delete_all_answers_each_handle_in_order_as_delete_would() {
    createStandard("q");
    createStandard("other");
    send("q", "a");
    send("q", "b");
    send("q", "c");
    send("other", "x");
    List<Delivery> deliveries = receive("q", 10);
    String foreign = receiveOne("other").receiptHandle();
    String first = deliveries.get(0).receiptHandle();
    String second = deliveries.get(1).receiptHandle();
    await(store.delete("q", second));

    List<DeleteOutcome> outcomes =
        await(store.deleteAll("q", List.of(first, second, "garbage", foreign, first)));

    assertThat(outcomes).containsExactly(
        DeleteOutcome.DELETED, DeleteOutcome.ALREADY_GONE, DeleteOutcome.INVALID_HANDLE,
        DeleteOutcome.INVALID_HANDLE, DeleteOutcome.ALREADY_GONE);
    assertThat(store.counts("q")).isEqualTo(new QueueCounts(0, 1, 0));
    assertThat(store.counts("other").inFlight()).isEqualTo(1);
    advanceSeconds(60);
    assertThat(bodies(receive("q", 10))).containsExactly(deliveries.get(2).message().body());
  }

  @Test
  void delete_all_on_a_fifo_queue_releases_the_group_and_refuses_expired_handles() {
    createFifo("q.fifo");
    sendFifo("q.fifo", "g", "m1");
    sendFifo("q.fifo", "g", "m2");
    sendFifo("q.fifo", "h", "n1");
    List<Delivery> group = receive("q.fifo", 10, 1);
    assertThat(bodies(group)).containsExactly("m1", "m2", "n1");
    advanceSeconds(2);
    List<Delivery> again = receive("q.fifo", 10, 30);

    List<DeleteOutcome> outcomes = await(store.deleteAll("q.fifo",
        List.of(group.get(0).receiptHandle(), again.get(0).receiptHandle(),
            again.get(1).receiptHandle(), again.get(2).receiptHandle())));

    assertThat(outcomes).containsExactly(DeleteOutcome.EXPIRED_HANDLE, DeleteOutcome.DELETED,
        DeleteOutcome.DELETED, DeleteOutcome.DELETED);
    assertThat(store.counts("q.fifo")).isEqualTo(new QueueCounts(0, 0, 0));
  }

  @Test
  void on_a_standard_queue_the_latest_handle_deletes_even_after_the_visibility_timeout() {
    // Recorded: test_delete_after_visibility_timeout (the queue is empty afterwards).
    createStandard("q");
    send("q", "m");
    Delivery delivery = receive("q", 1, 1).get(0);
    advanceSeconds(2);

    assertThat(await(store.delete("q", delivery.receiptHandle()))).isEqualTo(DeleteOutcome.DELETED);
    assertThat(receive("q", 10)).isEmpty();
  }

  @Test
  void a_handle_from_an_earlier_receive_does_not_delete_the_message() {
    // AWS: "you must provide the most recently received ReceiptHandle for the message
    // (otherwise, the request succeeds, but the message will not be deleted)".
    createStandard("q");
    send("q", "m");
    Delivery first = receive("q", 1, 1).get(0);
    advanceSeconds(1);
    Delivery second = receive("q", 1, 1).get(0);

    assertThat(await(store.delete("q", first.receiptHandle()))).isEqualTo(DeleteOutcome.ALREADY_GONE);
    assertThat(store.counts("q").inFlight()).isEqualTo(1);
    assertThat(await(store.delete("q", second.receiptHandle()))).isEqualTo(DeleteOutcome.DELETED);
  }

  @Test
  void on_a_fifo_queue_a_handle_whose_visibility_timeout_ran_out_has_expired() {
    // Recorded: test_fifo_delete_after_visibility_timeout ("The receipt handle has expired.").
    createFifo("q.fifo");
    sendFifo("q.fifo", "g", "m");
    Delivery delivery = receive("q.fifo", 1, 1).get(0);
    advanceSeconds(2);

    assertThat(await(store.delete("q.fifo", delivery.receiptHandle())))
        .isEqualTo(DeleteOutcome.EXPIRED_HANDLE);
    assertThat(bodies(receive("q.fifo", 10))).containsExactly("m");
  }

  @Test
  void on_a_fifo_queue_a_handle_whose_timeout_was_extended_still_deletes() {
    // Recorded: test_fifo_delete_after_visibility_timeout_extended.
    createFifo("q.fifo");
    sendFifo("q.fifo", "g", "m");
    Delivery delivery = receive("q.fifo", 1, 1).get(0);
    await(store.changeVisibility("q.fifo", delivery.receiptHandle(), 10));
    advanceSeconds(2);

    assertThat(await(store.delete("q.fifo", delivery.receiptHandle()))).isEqualTo(DeleteOutcome.DELETED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "garbage", "AQAAAAAAAAAAAAAAAAAAAAAAAAAA", "!!!!!!!!!!!!!!!!!!!!!!!!!!!!"})
  void malformed_handles_are_invalid(String handle) {
    createStandard("q");
    send("q", "m");
    receiveOne("q");

    assertThat(await(store.delete("q", handle))).isEqualTo(DeleteOutcome.INVALID_HANDLE);
    assertThat(await(store.changeVisibility("q", handle, 0))).isEqualTo(VisibilityOutcome.INVALID_HANDLE);
    assertThat(store.counts("q").inFlight()).isEqualTo(1);
  }

  @Test
  void a_tampered_handle_is_invalid_or_finds_nothing() {
    createStandard("q");
    send("q", "m");
    String handle = receiveOne("q").receiptHandle();
    byte[] raw = Base64.getUrlDecoder().decode(handle);
    raw[raw.length / 2] ^= 0x55;
    String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

    assertThat(await(store.delete("q", tampered)))
        .isIn(DeleteOutcome.INVALID_HANDLE, DeleteOutcome.ALREADY_GONE);
    assertThat(store.counts("q").inFlight()).isEqualTo(1);
  }

  @Test
  void a_handle_of_another_queue_is_invalid() {
    createStandard("a");
    createStandard("b");
    send("a", "m");
    send("b", "m");
    Delivery fromA = receiveOne("a");

    assertThat(await(store.delete("b", fromA.receiptHandle()))).isEqualTo(DeleteOutcome.INVALID_HANDLE);
    assertThat(await(store.changeVisibility("b", fromA.receiptHandle(), 0)))
        .isEqualTo(VisibilityOutcome.INVALID_HANDLE);
    assertThat(store.counts("a").inFlight()).isEqualTo(1);
  }

  @Test
  void a_handle_of_a_deleted_and_recreated_queue_is_invalid() {
    createStandard("q");
    send("q", "m");
    Delivery old = receiveOne("q");
    await(store.deleteQueue("q"));
    createStandard("q");
    send("q", "m");
    receiveOne("q");

    assertThat(await(store.delete("q", old.receiptHandle()))).isEqualTo(DeleteOutcome.INVALID_HANDLE);
    assertThat(await(store.changeVisibility("q", old.receiptHandle(), 0)))
        .isEqualTo(VisibilityOutcome.INVALID_HANDLE);
    assertThat(store.counts("q").inFlight()).isEqualTo(1);
  }

  @Test
  void a_visibility_change_counts_from_the_time_of_the_change() {
    createStandard("q");
    send("q", "m");
    Delivery delivery = receive("q", 1, 30).get(0);
    advanceSeconds(20);

    assertThat(await(store.changeVisibility("q", delivery.receiptHandle(), 15)))
        .isEqualTo(VisibilityOutcome.CHANGED);

    advanceSeconds(14);
    assertThat(receive("q", 10)).isEmpty();
    advanceSeconds(1);
    assertThat(bodies(receive("q", 10))).containsExactly("m");
  }

  @Test
  void a_visibility_change_to_zero_makes_the_message_receivable_at_once() {
    createStandard("q");
    send("q", "m");
    Delivery delivery = receiveOne("q");

    assertThat(await(store.changeVisibility("q", delivery.receiptHandle(), 0)))
        .isEqualTo(VisibilityOutcome.CHANGED);

    assertThat(store.counts("q")).isEqualTo(new QueueCounts(1, 0, 0));
    assertThat(receiveOne("q").receiveCount()).isEqualTo(2);
  }

  @Test
  void a_visibility_change_can_shorten_the_timeout() {
    createStandard("q");
    send("q", "m");
    Delivery delivery = receive("q", 1, 600).get(0);

    await(store.changeVisibility("q", delivery.receiptHandle(), 5));
    advanceSeconds(5);

    assertThat(bodies(receive("q", 10))).containsExactly("m");
  }

  @Test
  void on_a_standard_queue_the_latest_handle_changes_visibility_after_the_timeout_ran_out() {
    // Recorded: test_change_message_visibility_after_visibility_timeout_expiration (HTTP 200).
    createStandard("q");
    send("q", "m");
    Delivery delivery = receive("q", 1, 1).get(0);
    advanceSeconds(2);

    assertThat(await(store.changeVisibility("q", delivery.receiptHandle(), 10)))
        .isEqualTo(VisibilityOutcome.CHANGED);

    assertThat(receive("q", 10)).isEmpty();
    assertThat(store.counts("q")).isEqualTo(new QueueCounts(0, 1, 0));
    advanceSeconds(10);
    assertThat(bodies(receive("q", 10))).containsExactly("m");
  }

  @Test
  void on_a_fifo_queue_a_message_visible_again_is_not_in_flight() {
    createFifo("q.fifo");
    sendFifo("q.fifo", "g", "m");
    Delivery delivery = receive("q.fifo", 1, 1).get(0);
    advanceSeconds(2);

    assertThat(await(store.changeVisibility("q.fifo", delivery.receiptHandle(), 10)))
        .isEqualTo(VisibilityOutcome.NOT_IN_FLIGHT);
    assertThat(store.counts("q.fifo")).isEqualTo(new QueueCounts(1, 0, 0));
  }

  @Test
  void a_handle_from_an_earlier_receive_cannot_change_visibility() {
    createStandard("q");
    send("q", "m");
    Delivery first = receive("q", 1, 1).get(0);
    advanceSeconds(1);
    receive("q", 1, 60);

    assertThat(await(store.changeVisibility("q", first.receiptHandle(), 0)))
        .isEqualTo(VisibilityOutcome.NOT_AVAILABLE);
    assertThat(store.counts("q")).isEqualTo(new QueueCounts(0, 1, 0));
  }

  @Test
  void the_visibility_of_a_deleted_message_cannot_change() {
    createStandard("q");
    send("q", "m");
    Delivery delivery = receiveOne("q");
    await(store.delete("q", delivery.receiptHandle()));

    assertThat(await(store.changeVisibility("q", delivery.receiptHandle(), 0)))
        .isEqualTo(VisibilityOutcome.NOT_AVAILABLE);
  }
}
