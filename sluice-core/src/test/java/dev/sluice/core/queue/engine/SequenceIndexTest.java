package dev.sluice.core.queue.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
