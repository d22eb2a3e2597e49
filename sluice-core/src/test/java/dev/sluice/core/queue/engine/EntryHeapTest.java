package dev.sluice.core.queue.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntryHeapTest {

  private static final Comparator<MessageEntry> BY_TIME =
      Comparator.<MessageEntry>comparingLong(e -> e.visibleAt).thenComparingLong(e -> e.sequence);

  @ParameterizedTest
  @ValueSource(longs = {1, 7, 99, 2024})
  void polls_in_visibility_order_under_random_adds_removes_and_updates(long seed) {
    Random random = new Random(seed);
    EntryHeap heap = EntryHeap.byVisibleTime();
    List<MessageEntry> reference = new ArrayList<>();
    long sequence = 0;
    for (int step = 0; step < 20_000; step++) {
      int action = random.nextInt(10);
      if (action < 5 || reference.isEmpty()) {
        MessageEntry entry = new MessageEntry(sequence++, 0, random.nextInt(1000), 0, 0);
        heap.add(entry);
        reference.add(entry);
      } else if (action < 7) {
        MessageEntry entry = reference.remove(random.nextInt(reference.size()));
        heap.remove(entry);
        assertThat(entry.heapIndex).isEqualTo(-1);
      } else if (action < 9) {
        MessageEntry entry = reference.get(random.nextInt(reference.size()));
        entry.visibleAt = random.nextInt(1000);
        heap.update(entry);
      } else {
        MessageEntry expected = reference.stream().min(BY_TIME).orElseThrow();
        assertThat(heap.poll()).isSameAs(expected);
        reference.remove(expected);
      }
      assertThat(heap.size()).isEqualTo(reference.size());
    }
    reference.sort(BY_TIME);
    for (MessageEntry expected : reference) {
      assertThat(heap.poll()).isSameAs(expected);
    }
    assertThat(heap.isEmpty()).isTrue();
  }

  @Test
  void a_sequence_heap_polls_oldest_first() {
    EntryHeap heap = EntryHeap.bySequence();
    for (long sequence : new long[] {5, 3, 9, 1, 7}) {
      heap.add(new MessageEntry(sequence, 0, 100 - sequence, 0, 0));
    }

    List<Long> polled = new ArrayList<>();
    MessageEntry entry;
    while ((entry = heap.poll()) != null) {
      polled.add(entry.sequence);
    }

    assertThat(polled).containsExactly(1L, 3L, 5L, 7L, 9L);
  }

  @Test
  void removing_an_entry_that_is_not_in_the_heap_changes_nothing() {
    EntryHeap heap = EntryHeap.byVisibleTime();
    MessageEntry inside = new MessageEntry(1, 0, 10, 0, 0);
    heap.add(inside);

    heap.remove(new MessageEntry(2, 0, 5, 0, 0));

    assertThat(heap.size()).isEqualTo(1);
    assertThat(heap.peek()).isSameAs(inside);
  }
}
