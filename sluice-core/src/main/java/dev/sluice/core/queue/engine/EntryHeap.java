package dev.sluice.core.queue.engine;

import java.util.Arrays;

/**
 * A binary min-heap of entries that records each entry's position in {@link
 * MessageEntry#heapIndex}, so that removing or re-keying an arbitrary entry costs O(log n) instead
 * of a scan. An entry is in at most one heap at a time.
 *
 * <p>Why not {@link java.util.PriorityQueue}: its {@code remove(Object)} is linear, and every
 * delete of an in-flight message removes from the timed heap.
 */
final class EntryHeap {

  /** Ordered by visibility time, then sequence: the heap of delayed and in-flight messages. */
  static EntryHeap byVisibleTime() {
    return new EntryHeap(true);
  }

  /** Ordered by sequence: oldest first. */
  static EntryHeap bySequence() {
    return new EntryHeap(false);
  }

  private static final MessageEntry[] EMPTY = new MessageEntry[0];

  private final boolean byVisibleTime;
  private MessageEntry[] entries = EMPTY;
  private int size;

  private EntryHeap(boolean byVisibleTime) {
    this.byVisibleTime = byVisibleTime;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  MessageEntry peek() {
    return size == 0 ? null : entries[0];
  }

  void add(MessageEntry entry) {
    if (size == entries.length) {
      entries = Arrays.copyOf(entries, Math.max(16, size * 2));
    }
    entries[size] = entry;
    entry.heapIndex = size;
    size++;
    siftUp(size - 1);
  }

  MessageEntry poll() {
    if (size == 0) {
      return null;
    }
    MessageEntry first = entries[0];
    removeAt(0);
    return first;
  }

  void remove(MessageEntry entry) {
    int index = entry.heapIndex;
    if (index >= 0 && index < size && entries[index] == entry) {
      removeAt(index);
    }
  }

  /** Restores order after the entry's key (its visibility time) changed. */
  void update(MessageEntry entry) {
    int index = entry.heapIndex;
    siftUp(index);
    siftDown(entry.heapIndex);
  }

  void clear() {
    for (int i = 0; i < size; i++) {
      entries[i].heapIndex = -1;
    }
    entries = EMPTY;
    size = 0;
  }

  private void removeAt(int index) {
    MessageEntry removed = entries[index];
    removed.heapIndex = -1;
    size--;
    if (index != size) {
      MessageEntry last = entries[size];
      entries[index] = last;
      last.heapIndex = index;
      siftUp(index);
      siftDown(last.heapIndex);
    }
    entries[size] = null;
    // why: a drained queue should not pin an array sized for its busiest moment.
    if (entries.length > 64 && size < entries.length / 4) {
      entries = Arrays.copyOf(entries, entries.length / 2);
    }
  }

  private void siftUp(int index) {
    MessageEntry entry = entries[index];
    while (index > 0) {
      int parent = (index - 1) >>> 1;
      MessageEntry above = entries[parent];
      if (!less(entry, above)) {
        break;
      }
      entries[index] = above;
      above.heapIndex = index;
      index = parent;
    }
    entries[index] = entry;
    entry.heapIndex = index;
  }

  private void siftDown(int index) {
    MessageEntry entry = entries[index];
    int half = size >>> 1;
    while (index < half) {
      int child = 2 * index + 1;
      int right = child + 1;
      if (right < size && less(entries[right], entries[child])) {
        child = right;
      }
      if (!less(entries[child], entry)) {
        break;
      }
      entries[index] = entries[child];
      entries[index].heapIndex = index;
      index = child;
    }
    entries[index] = entry;
    entry.heapIndex = index;
  }

  private boolean less(MessageEntry a, MessageEntry b) {
    if (byVisibleTime && a.visibleAt != b.visibleAt) {
      return a.visibleAt < b.visibleAt;
    }
    return a.sequence < b.sequence;
  }
}
