package dev.sluice.store.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.store.Delivery;
import dev.sluice.core.queue.store.MessageData;
import dev.sluice.core.queue.store.NewMessage;
import dev.sluice.core.queue.store.ReceiveSpec;
import dev.sluice.core.queue.store.SendOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FIFO de-duplication (five minutes, per queue or per group) and ReceiveRequestAttemptId. */
public abstract class DeduplicationBehaviour extends StoreFixture {

  @Test
  void a_duplicate_within_five_minutes_answers_with_the_original_and_is_not_delivered() {
    createFifo("q.fifo");
    SendOutcome original = send("q.fifo", message("body", "g", "dedup-1"));
    advanceSeconds(299);

    SendOutcome duplicate = send("q.fifo", message("body", "g", "dedup-1"));

    assertThat(duplicate.duplicate()).isTrue();
    assertThat(duplicate.message().messageId()).isEqualTo(original.message().messageId());
    assertThat(duplicate.sequenceNumber()).isEqualTo(original.sequenceNumber());
    assertThat(bodies(receive("q.fifo", 10))).containsExactly("body");
    assertThat(receive("q.fifo", 10)).isEmpty();
  }

  @Test
  void a_duplicate_answers_with_the_digests_of_what_it_sent() {
    // The SDKs check SendMessage's MD5OfMessageBody against the body they sent.
    createFifo("q.fifo");
    send("q.fifo", message("first", "g", "dedup-1"));

    MessageData retry = message("second", "g", "dedup-1");
    SendOutcome duplicate = send("q.fifo", retry);

    assertThat(duplicate.message().md5OfBody()).isEqualTo(retry.md5OfBody());
    assertThat(duplicate.message().body()).isEqualTo("second");
  }

  @Test
  void a_duplicate_is_dropped_even_after_the_original_was_deleted() {
    // Recorded: test_fifo_deduplication_arrives_once_after_delete.
    createFifo("q.fifo");
    send("q.fifo", message("m", "g", "dedup-1"));
    Delivery delivery = receiveOne("q.fifo");
    await(store.delete("q.fifo", delivery.receiptHandle()));

    assertThat(send("q.fifo", message("m", "g", "dedup-1")).duplicate()).isTrue();
    assertThat(receive("q.fifo", 10)).isEmpty();
  }

  @Test
  void the_same_id_is_accepted_again_after_five_minutes() {
    createFifo("q.fifo");
    send("q.fifo", message("m", "g", "dedup-1"));
    advanceSeconds(300);

    SendOutcome again = send("q.fifo", message("m", "g", "dedup-1"));

    assertThat(again.duplicate()).isFalse();
    assertThat(receive("q.fifo", 10)).hasSize(2);
  }

  @Test
  void with_queue_scope_the_same_id_in_another_group_is_a_duplicate() {
    // Recorded: test_sqs_fifo_same_dedup_id_different_message_groups (one message arrives).
    createFifo("q.fifo", "DeduplicationScope", "queue");
    send("q.fifo", message("m", "g1", "dedup-1"));

    assertThat(send("q.fifo", message("m", "g2", "dedup-1")).duplicate()).isTrue();
    assertThat(receive("q.fifo", 10)).hasSize(1);
  }

  @Test
  void with_group_scope_the_same_id_in_another_group_is_accepted() {
    createFifo("q.fifo", "DeduplicationScope", "messageGroup");
    send("q.fifo", message("m", "g1", "dedup-1"));

    assertThat(send("q.fifo", message("m", "g2", "dedup-1")).duplicate()).isFalse();
    assertThat(send("q.fifo", message("m", "g1", "dedup-1")).duplicate()).isTrue();
    assertThat(receive("q.fifo", 10)).hasSize(2);
  }

  @Test
  void duplicates_inside_one_send_call_are_dropped() {
    createFifo("q.fifo");

    List<SendOutcome> outcomes = await(store.send("q.fifo", List.of(
        new NewMessage(message("a", "g", "same"), 0),
        new NewMessage(message("b", "g", "same"), 0),
        new NewMessage(message("c", "g", "other"), 0))));

    assertThat(outcomes).extracting(SendOutcome::duplicate).containsExactly(false, true, false);
    assertThat(outcomes.get(1).message().messageId()).isEqualTo(outcomes.get(0).message().messageId());
    assertThat(bodies(receive("q.fifo", 10))).containsExactly("a", "c");
  }

  @Test
  void standard_queues_do_not_deduplicate() {
    createStandard("q");
    send("q", message("m", null, "same"));

    assertThat(send("q", message("m", null, "same")).duplicate()).isFalse();
    assertThat(receive("q", 10)).hasSize(2);
  }

  @Test
  void a_retried_receive_with_the_same_attempt_id_gets_the_same_messages_and_handles() {
    createFifo("q.fifo");
    sendFifo("q.fifo", "g", "m1");
    sendFifo("q.fifo", "g", "m2");
    ReceiveSpec spec = new ReceiveSpec(10, 30, "attempt-1");
    List<Delivery> first = await(store.receive("q.fifo", spec));
    advanceSeconds(20);

    List<Delivery> retry = await(store.receive("q.fifo", spec));

    assertThat(retry).extracting(Delivery::receiptHandle)
        .containsExactlyElementsOf(first.stream().map(Delivery::receiptHandle).toList());
    assertThat(bodies(retry)).containsExactly("m1", "m2");
    assertThat(retry).extracting(Delivery::receiveCount).containsOnly(1);
    // AWS: "If a retry occurs within the deduplication interval, it resets the visibility timeout."
    advanceSeconds(29);
    assertThat(receive("q.fifo", 10)).isEmpty();
    advanceSeconds(1);
    assertThat(receive("q.fifo", 10)).hasSize(2);
  }

  @Test
  void a_different_attempt_id_receives_afresh() {
    createFifo("q.fifo");
    sendFifo("q.fifo", "g1", "m1");
    sendFifo("q.fifo", "g2", "m2");
    await(store.receive("q.fifo", new ReceiveSpec(1, 30, "attempt-1")));

    List<Delivery> other = await(store.receive("q.fifo", new ReceiveSpec(1, 30, "attempt-2")));

    assertThat(bodies(other)).containsExactly("m2");
  }

  @Test
  void an_attempt_id_whose_messages_were_deleted_receives_afresh() {
    createFifo("q.fifo");
    sendFifo("q.fifo", "g", "m1");
    sendFifo("q.fifo", "g", "m2");
    ReceiveSpec spec = new ReceiveSpec(1, 30, "attempt-1");
    Delivery first = await(store.receive("q.fifo", spec)).get(0);
    await(store.delete("q.fifo", first.receiptHandle()));

    List<Delivery> retry = await(store.receive("q.fifo", spec));

    assertThat(bodies(retry)).containsExactly("m2");
  }
}
