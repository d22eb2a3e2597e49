package dev.sluice.core.queue.engine;

import dev.sluice.core.queue.store.MessageData;

/**
 * The engine's in-memory record of one message. Kept deliberately small (about 70 bytes with the
 * object header): a million queued messages must fit in a few hundred megabytes, so there are no
 * collections or boxed values here, and the payload may be absent (loaded from the store's disk).
 *
 * <p>Guarded by the owning {@link QueueState}'s lock; never shared between queues (a move creates
 * a new entry).
 */
final class MessageEntry {

  /** In the queue's ready structure: receivable now. */
  static final byte READY = 0;
  /** In the timed heap: delayed, or in flight until {@link #visibleAt}. */
  static final byte TIMED = 1;
  /** Standard queues: taken out of the ready structure by a receive that is deciding its fate. */
  static final byte POLLED = 2;
  /** Deleted, expired, purged or moved away. */
  static final byte GONE = 3;

  final long sequence;
  final long enqueuedAt;
  long visibleAt;
  long firstReceiveAt;
  int receiveCount;
  /** Position in whichever heap holds the entry (timed, or a standard queue's returned heap); -1: none. */
  int heapIndex = -1;
  byte location;
  /** Null when the payload lives only in the store (loaded lazily through a PayloadSource). */
  MessageData payload;
  /** FIFO queues: the group, and the neighbours in the group's list (sequence order). */
  FifoGroup group;
  MessageEntry previous;
  MessageEntry next;

  MessageEntry(long sequence, long enqueuedAt, long visibleAt, int receiveCount, long firstReceiveAt) {
    this.sequence = sequence;
    this.enqueuedAt = enqueuedAt;
    this.visibleAt = visibleAt;
    this.receiveCount = receiveCount;
    this.firstReceiveAt = firstReceiveAt;
  }

  boolean inFlight() {
    return location == TIMED && receiveCount > 0;
  }

  boolean delayed() {
    return location == TIMED && receiveCount == 0;
  }

  MessageState state() {
    return new MessageState(
        enqueuedAt, visibleAt, receiveCount, firstReceiveAt, group == null ? null : group.id);
  }
}
