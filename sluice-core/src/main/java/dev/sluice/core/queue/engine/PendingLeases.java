package dev.sluice.core.queue.engine;

import dev.sluice.core.queue.engine.Change.MessageUpdated;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One queue's receive leases that are not journaled yet, one per message, the latest.
 *
 * <p>why: most messages are deleted within milliseconds of being received. Journaling the lease
 * first made the store write a state record, and then a tombstone over it, for every message
 * received: a third of a drain's writes, for nothing. A lease may be persisted lazily (the store
 * contract: a lost lease only makes its message visible early), so it waits here for up to {@link
 * #FLUSH_AFTER_MILLIS}. Anything written about its message meanwhile (a delete, a newer lease, a
 * visibility change, a move) makes it obsolete, and it is dropped; the rest is journaled then.
 *
 * <p>Not thread-safe: used under its queue's lock only.
 */
final class PendingLeases {

  /** How long a lease may wait to be journaled. */
  static final long FLUSH_AFTER_MILLIS = 100;

  private final LinkedHashMap<Long, MessageUpdated> bySequence = new LinkedHashMap<>();

  /** Holds the lease, replacing an older one of the same message. */
  void hold(MessageUpdated lease) {
    bySequence.put(lease.sequence(), lease);
  }

  /** Drops the message's lease, if one waits: something newer about the message is journaled. */
  void forget(long sequence) {
    if (!bySequence.isEmpty()) {
      bySequence.remove(sequence);
    }
  }

  void clear() {
    bySequence.clear();
  }

  boolean isEmpty() {
    return bySequence.isEmpty();
  }

  /** Every waiting lease, for journaling; none wait afterwards. */
  List<Change> takeAll() {
    List<Change> leases = new ArrayList<>(bySequence.values());
    bySequence.clear();
    return leases;
  }
}
