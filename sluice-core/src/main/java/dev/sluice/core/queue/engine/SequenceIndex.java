package dev.sluice.core.queue.engine;

import java.util.function.Consumer;

/**
 * Finds a queue's messages by sequence (what a receipt handle carries). An open-addressing hash
 * table with linear probing that stores only entry references (the key is the entry's own
 * sequence): about 8 bytes per message, against roughly 50 for a {@code HashMap<Long, ...>} with
 * its boxed keys and nodes. Deletion shifts later probes back, so there are no tombstones.
 */
final class SequenceIndex {

  private static final int MIN_CAPACITY = 16;

  private MessageEntry[] slots = new MessageEntry[MIN_CAPACITY];
  private int size;

  int size() {
    return size;
  }

  MessageEntry get(long sequence) {
    int mask = slots.length - 1;
    for (int i = slot(sequence, mask); ; i = (i + 1) & mask) {
      MessageEntry entry = slots[i];
      if (entry == null || entry.sequence == sequence) {
        return entry;
      }
    }
  }

  void put(MessageEntry entry) {
    if ((size + 1) * 2 > slots.length) {
      resize(slots.length * 2);
    }
    int mask = slots.length - 1;
    int i = slot(entry.sequence, mask);
    while (slots[i] != null) {
      if (slots[i].sequence == entry.sequence) {
        slots[i] = entry;
        return;
      }
      i = (i + 1) & mask;
    }
    slots[i] = entry;
    size++;
  }

  /** Removes the entry with this sequence; true if there was one. */
  boolean remove(long sequence) {
    int mask = slots.length - 1;
    int i = slot(sequence, mask);
    while (true) {
      MessageEntry entry = slots[i];
      if (entry == null) {
        return false;
      }
      if (entry.sequence == sequence) {
        break;
      }
      i = (i + 1) & mask;
    }
    // Backward-shift deletion: move later members of the probe run into the hole when their home
    // slot does not lie (cyclically) between the hole and their current slot.
    int hole = i;
    for (int j = (hole + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
      int home = slot(slots[j].sequence, mask);
      boolean homeBetween = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
      if (!homeBetween) {
        slots[hole] = slots[j];
        hole = j;
      }
    }
    slots[hole] = null;
    size--;
    if (slots.length > MIN_CAPACITY && size * 8 < slots.length) {
      resize(slots.length / 2);
    }
    return true;
  }

  void forEach(Consumer<MessageEntry> action) {
    for (MessageEntry entry : slots) {
      if (entry != null) {
        action.accept(entry);
      }
    }
  }

  void clear() {
    slots = new MessageEntry[MIN_CAPACITY];
    size = 0;
  }

  private void resize(int capacity) {
    MessageEntry[] old = slots;
    slots = new MessageEntry[capacity];
    int mask = capacity - 1;
    for (MessageEntry entry : old) {
      if (entry != null) {
        int i = slot(entry.sequence, mask);
        while (slots[i] != null) {
          i = (i + 1) & mask;
        }
        slots[i] = entry;
      }
    }
  }

  private static int slot(long sequence, int mask) {
    // Fibonacci hashing: sequences are consecutive numbers, spread them over the table.
    return (int) ((sequence * 0x9E3779B97F4A7C15L) >>> 32) & mask;
  }
}
