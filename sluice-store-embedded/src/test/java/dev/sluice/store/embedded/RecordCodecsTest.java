package dev.sluice.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.engine.DedupRecord;
import dev.sluice.core.queue.engine.MessageState;
import dev.sluice.core.queue.store.QueueRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordCodecsTest {

  @Test
  void a_fifo_message_state_keeps_its_group() {
    MessageState state = new MessageState(1_000L, 31_000L, 3, 2_000L, "grüppe-1");

    assertThat(RecordCodecs.decodeState(RecordCodecs.encodeState(state))).isEqualTo(state);
  }

  @Test
  void a_standard_message_state_is_small_and_has_no_group() {
    MessageState state = new MessageState(1_000L, 1_000L, 0, 0L, null);

    byte[] encoded = RecordCodecs.encodeState(state);

    assertThat(RecordCodecs.decodeState(encoded)).isEqualTo(state);
    assertThat(encoded).hasSizeLessThanOrEqualTo(40);
  }

  @Test
  void a_dedup_record_takes_its_key_from_the_rocksdb_key() {
    DedupRecord dedup = new DedupRecord("group\u0000dedup-id", "message-id", 17L, 300_000L);

    assertThat(RecordCodecs.decodeDedup(dedup.key(), RecordCodecs.encodeDedup(dedup))).isEqualTo(dedup);
  }

  @Test
  void a_queue_record_survives_a_round_trip_with_attributes_and_tags() {
    QueueRecord queue = new QueueRecord("orders.fifo", true, 1L, 2L,
        Map.of("VisibilityTimeout", "45", "FifoQueue", "true",
            "RedrivePolicy", "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\",\"maxReceiveCount\":3}"),
        Map.of("team", "payments"));

    assertThat(RecordCodecs.decodeQueue(RecordCodecs.encodeQueue(queue))).isEqualTo(queue);
  }
}
