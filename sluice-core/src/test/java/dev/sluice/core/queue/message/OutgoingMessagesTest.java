package dev.sluice.core.queue.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.TestQueues;
import dev.sluice.core.queue.model.SendMessageRequest;
import dev.sluice.core.queue.model.SendMessageResult;
import dev.sluice.core.queue.store.NewMessage;
import dev.sluice.core.queue.store.QueueRecord;
import dev.sluice.core.queue.store.SendOutcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutgoingMessagesTest {

  private static final QueueRecord FIFO_CBD = TestQueues.fifo("q.fifo",
      Map.of("ContentBasedDeduplication", "true", "DelaySeconds", "7"));
  private static final QueueRecord DELAYED = TestQueues.standard("q", Map.of("DelaySeconds", "7"));

  @Test
  void content_based_deduplication_ids_are_the_body_sha256_and_explicit_ids_win() {
    NewMessage contentBased = OutgoingMessages.build(
        new SendMessageRequest("body", null, null, null, null, "g", null), FIFO_CBD, 5, "acct");
    NewMessage explicit = OutgoingMessages.build(
        new SendMessageRequest("body", null, null, null, "mine", "g", null), FIFO_CBD, 5, "acct");

    assertThat(contentBased.data().messageDeduplicationId())
        .isEqualTo(MessageDigests.sha256OfBody("body"));
    assertThat(explicit.data().messageDeduplicationId()).isEqualTo("mine");
    assertThat(contentBased.delaySeconds()).as("FIFO queues use the queue's delay").isEqualTo(7);
  }

  @Test
  void standard_messages_keep_their_own_delay_and_sender() {
    NewMessage own = OutgoingMessages.build(
        new SendMessageRequest("b", 0, null, null, null, null, "AIDAEXAMPLE"), DELAYED, 5, "acct");
    NewMessage inherited = OutgoingMessages.build(SendMessageRequest.of("b"), DELAYED, 5, "acct");

    assertThat(own.delaySeconds()).isZero();
    assertThat(own.data().senderId()).isEqualTo("AIDAEXAMPLE");
    assertThat(own.data().messageDeduplicationId()).isNull();
    assertThat(inherited.delaySeconds()).isEqualTo(7);
    assertThat(inherited.data().senderId()).isEqualTo("acct");
    assertThat(inherited.data().sentTimestamp()).isEqualTo(5);
    assertThat(own.data().messageId()).isNotEqualTo(inherited.data().messageId());
  }

  @Test
  void a_duplicate_answers_with_the_original_id_and_this_requests_digests() {
    NewMessage original = OutgoingMessages.build(
        new SendMessageRequest("first", null, null, null, "d", "g", null), FIFO_CBD, 5, "acct");
    NewMessage again = OutgoingMessages.build(
        new SendMessageRequest("second", null, null, null, "d", "g", null), FIFO_CBD, 6, "acct");

    SendMessageResult result = OutgoingMessages.result(
        again, new SendOutcome(original.data(), 42, true), true);

    assertThat(result.messageId()).isEqualTo(original.data().messageId());
    assertThat(result.md5OfMessageBody()).isEqualTo(MessageDigests.md5OfBody("second"));
    assertThat(result.sequenceNumber()).isEqualTo("00000000000000000042");
  }

  @Test
  void sequence_numbers_have_at_least_twenty_digits_and_sort_as_numbers_do() {
    assertThat(SequenceNumbers.render(1)).isEqualTo("00000000000000000001");
    assertThat(SequenceNumbers.render(Long.MAX_VALUE)).isEqualTo("09223372036854775807");
    assertThat(SequenceNumbers.render(-1)).isEqualTo("18446744073709551615");
    assertThat(SequenceNumbers.render(9)).isLessThan(SequenceNumbers.render(10));
  }
}
