package dev.sluice.core.queue.engine;

/**
 * One FIFO message group: its messages in sequence order, as an intrusive doubly linked list
 * through {@link MessageEntry#previous}/{@link MessageEntry#next} (no per-message node objects).
 *
 * <p>AWS serves a group from its oldest message: the group is receivable exactly when its head is
 * visible, and a receive takes the run of visible messages from the head. (Recorded behaviour: a
 * visibility change to 0 on the head makes the group receivable again while later messages are
 * still in flight.)
 */
final class FifoGroup {

  final String id;
  MessageEntry head;
  MessageEntry tail;
  /** True while the group sits in the ready deque or is being served by a receive. */
  boolean ready;

  FifoGroup(String id) {
    this.id = id;
  }

  void append(MessageEntry entry) {
    entry.group = this;
    entry.previous = tail;
    entry.next = null;
    if (tail == null) {
      head = entry;
    } else {
      tail.next = entry;
    }
    tail = entry;
  }

  /** Inserts in sequence order; only used when a move is undone, so a linear walk is fine. */
  void insertInOrder(MessageEntry entry) {
    MessageEntry after = tail;
    while (after != null && after.sequence > entry.sequence) {
      after = after.previous;
    }
    entry.group = this;
    entry.previous = after;
    entry.next = after == null ? head : after.next;
    if (entry.next == null) {
      tail = entry;
    } else {
      entry.next.previous = entry;
    }
    if (after == null) {
      head = entry;
    } else {
      after.next = entry;
    }
  }

  void unlink(MessageEntry entry) {
    if (entry.previous == null) {
      head = entry.next;
    } else {
      entry.previous.next = entry.next;
    }
    if (entry.next == null) {
      tail = entry.previous;
    } else {
      entry.next.previous = entry.previous;
    }
    entry.previous = null;
    entry.next = null;
  }

  boolean isEmpty() {
    return head == null;
  }

  boolean headIsReady() {
    return head != null && head.location == MessageEntry.READY;
  }
}
