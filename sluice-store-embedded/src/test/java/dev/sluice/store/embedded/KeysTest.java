package dev.sluice.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeysTest {

  @Test
  void a_queues_messages_sort_by_sequence_within_its_range() {
    byte[] early = Keys.message(7, 1_767_225_600_000_000L);
    byte[] late = Keys.message(7, 1_767_225_600_000_001L);
    byte[] muchLater = Keys.message(7, 2_000_000_000_000_000L);

    assertThat(Arrays.compareUnsigned(early, late)).isNegative();
    assertThat(Arrays.compareUnsigned(late, muchLater)).isNegative();
    assertThat(Arrays.compareUnsigned(Keys.queueStart(7), early)).isNegative();
    assertThat(Arrays.compareUnsigned(muchLater, Keys.queueEnd(7))).isNegative();
    assertThat(Arrays.compareUnsigned(Keys.dedup(7, "\uffff"), Keys.queueEnd(7))).isNegative();
    assertThat(Arrays.compareUnsigned(Keys.queueEnd(7), Keys.message(8, 0))).isNotPositive();
  }

  @Test
  void every_key_of_the_highest_queue_id_falls_inside_its_range() {
    long highest = -1L; // 0xFFFFFFFFFFFFFFFF: the ids are random longs, negative ones included

    assertThat(Arrays.compareUnsigned(Keys.queueStart(highest), Keys.message(highest, 1))).isNegative();
    assertThat(Arrays.compareUnsigned(Keys.message(highest, Long.MAX_VALUE), Keys.queueEnd(highest))).isNegative();
    assertThat(Arrays.compareUnsigned(Keys.dedup(highest, "\uffff\uffff"), Keys.queueEnd(highest))).isNegative();
    assertThat(Arrays.compareUnsigned(Keys.queueEnd(Long.MAX_VALUE), Keys.queueStart(Long.MIN_VALUE))).isNegative();
  }

  @Test
  void a_purge_range_ends_just_after_its_last_sequence() {
    byte[] end = Keys.messagesUpTo(7, 100);

    assertThat(Arrays.compareUnsigned(Keys.message(7, 100), end)).isNegative();
    assertThat(Arrays.compareUnsigned(Keys.message(7, 101), end)).isZero();
    assertThat(Keys.messagesUpTo(7, Long.MAX_VALUE)).isEqualTo(Keys.queueEnd(7));
  }

  @Test
  void ids_sequences_and_dedup_keys_read_back_from_keys() {
    assertThat(Keys.queueId(Keys.message(42, 99))).isEqualTo(42);
    assertThat(Keys.sequence(Keys.message(42, 99))).isEqualTo(99);
    assertThat(Keys.dedupKey(Keys.dedup(42, "g\u0000id-✓"))).isEqualTo("g\u0000id-✓");
  }
}
