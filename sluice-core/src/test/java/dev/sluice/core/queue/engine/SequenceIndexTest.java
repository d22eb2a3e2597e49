package dev.sluice.core.queue.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SequenceIndexTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 4711})
  void behaves_like_a_hash_map_under_random_puts_and_removes(long seed) {
    Random random = new Random(seed);
    SequenceIndex index = new SequenceIndex();
    Map<Long, MessageEntry> reference = new HashMap<>();
    long base = 1_767_225_600_000_000L;
    for (int step = 0; step < 20_000; step++) {
      // Sequences like the engine's: mostly rising, removed roughly in order, some stragglers.
      long sequence = base + random.nextInt(step + 10);
      if (random.nextInt(3) == 0) {
        assertThat(index.remove(sequence)).isEqualTo(reference.remove(sequence) != null);
      } else {
        MessageEntry entry = new MessageEntry(sequence, 0, 0, 0, 0);
        index.put(entry);
        reference.put(sequence, entry);
      }
      if (step % 997 == 0) {
        assertSameContent(index, reference);
      }
    }
    assertSameContent(index, reference);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 1000, 100_000})
  void shrinks_back_when_emptied_and_still_works(int size) {
    SequenceIndex index = new SequenceIndex();
    for (int i = 0; i < size; i++) {
      index.put(new MessageEntry(i, 0, 0, 0, 0));
    }
    for (int i = 0; i < size; i++) {
      assertThat(index.remove(i)).isTrue();
    }

    assertThat(index.size()).isZero();
    index.put(new MessageEntry(7, 0, 0, 0, 0));
    assertThat(index.get(7).sequence).isEqualTo(7);
    assertThat(index.get(8)).isNull();
  }

  @Test
  void consecutive_sequences_take_distinct_slots_in_few_regions() {
    int mask = (1 << 20) - 1;
    long base = 1_767_225_600_123_456L;
    Set<Integer> slots = new HashSet<>();
    for (long sequence = base; sequence < base + (1 << 19); sequence++) {
      slots.add(SequenceIndex.slot(sequence, mask));
    }
    assertThat(slots).hasSize(1 << 19); // half the table, no two in one slot

    // A burst of 12,000 sends writes into 4 regions of 4,096 slots at most (each 16 KB).
    Set<Integer> regions = new HashSet<>();
    for (long sequence = base; sequence < base + 12_000; sequence++) {
      regions.add(SequenceIndex.slot(sequence, mask) >>> SequenceIndex.REGION_BITS);
    }
    assertThat(regions).hasSizeLessThanOrEqualTo(4);
  }

  @Test
  void sequences_at_a_stride_of_a_region_do_not_share_one_home_slot() {
    int mask = (1 << 12) - 1;
    long base = 1_767_225_600_000_000L;
    Set<Integer> slots = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      slots.add(SequenceIndex.slot(base + ((long) i << SequenceIndex.REGION_BITS), mask));
    }
    assertThat(slots).hasSizeGreaterThan(500);
  }

  @Test
  void a_window_wider_than_the_table_still_finds_every_entry() {
    // Stragglers far behind a moving window of consecutive sequences, as when a few messages stay
    // in flight for long while the rest come and go.
    SequenceIndex index = new SequenceIndex();
    Map<Long, MessageEntry> reference = new HashMap<>();
    long base = 1_767_225_600_000_000L;
    for (long sequence = base; sequence < base + 200_000; sequence++) {
      MessageEntry entry = new MessageEntry(sequence, 0, 0, 0, 0);
      index.put(entry);
      reference.put(sequence, entry);
      long old = sequence - 1_000;
      if (old >= base && old % 997 != 0) {
        assertThat(index.remove(old)).isTrue();
        reference.remove(old);
      }
    }
    assertSameContent(index, reference);
  }

  private static void assertSameContent(SequenceIndex index, Map<Long, MessageEntry> reference) {
    assertThat(index.size()).isEqualTo(reference.size());
    for (var entry : reference.entrySet()) {
      assertThat(index.get(entry.getKey())).isSameAs(entry.getValue());
    }
    List<MessageEntry> all = new ArrayList<>();
    index.forEach(all::add);
    assertThat(all).hasSize(reference.size());
    assertThat(all).allMatch(entry -> reference.get(entry.sequence) == entry);
  }
}
