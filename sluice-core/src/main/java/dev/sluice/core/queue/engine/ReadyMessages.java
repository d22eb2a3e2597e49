package dev.sluice.core.queue.engine;

/**
 * The receivable messages of one queue and the order a receive takes them in: oldest first on
 * standard queues, group by group on FIFO queues. The owning {@link QueueState} keeps every
 * entry's {@link MessageEntry#location} and the timed heap; it tells this structure about each
 * change of location. Guarded by the QueueState's lock.
 */
interface ReadyMessages {

  /** What a receive (or a move) did with an entry {@link #drain} offered it. */
  enum Verdict {
    /** Leased or moved away: counts against the maximum. */
    TAKEN,
    /** Dropped (expired) or moved to a dead-letter queue: does not count. */
    REMOVED,
    /** Left where it is (a move found no destination for it). */
    KEEP
  }

  @FunctionalInterface
  interface Visitor {
    Verdict visit(MessageEntry entry);
  }

  static ReadyMessages create(boolean fifo) {
    return fifo ? new FifoReadyMessages() : new StandardReadyMessages();
  }

  /** A new message, already READY or TIMED. */
  void appended(MessageEntry entry, String messageGroupId);

  /** A message put back after a move out of the queue failed; it is READY. */
  void reinserted(MessageEntry entry, String messageGroupId);

  /** A TIMED entry became READY. */
  void becameReady(MessageEntry entry);

  /** A READY entry is about to become TIMED (its location still says READY). */
  void hiding(MessageEntry entry);

  /** The entry leaves the queue (its location still says where it was). */
  void removing(MessageEntry entry);

  /**
   * Offers receivable entries in receive order until {@code max} were TAKEN or none is left. The
   * visitor changes the entry's location (lease) or removes it from the queue.
   */
  void drain(int max, Visitor visitor);

  /** Whether a receive now would find a message. */
  boolean hasReceivable();

  void clear();
}
