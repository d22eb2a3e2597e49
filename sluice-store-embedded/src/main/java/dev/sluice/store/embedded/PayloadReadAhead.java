package dev.sluice.store.embedded;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Payloads read from disk ahead of the receives that will want them, each taken at most once.
 *
 * <p>why: a queue is drained in sequence order, which is also the order of its payloads on disk.
 * Reading each receive's ten payloads with a multi-get looked every key up on its own (memtables,
 * bloom filters, index blocks): a fifth of the server's CPU in a drain from a backlog. One
 * iterator pass over the next few hundred keys costs less per key, and the receives after it
 * find their payloads here. Bounded by bytes and entries; the oldest go first, so payloads read
 * ahead for messages nobody receives (in flight elsewhere, deleted meanwhile) only wait their turn.
 *
 * <p>Each queue's passes move forward: a pass starts past the last key an earlier one reached (its
 * high-water mark), so no key is read twice by passes. A wanted key below the mark that is not
 * here (dropped for room, or a message delivered again) is looked up on its own. Without the mark,
 * a FIFO queue, whose receives want every tenth key, re-read the same stretch (and every
 * tombstone in it) for each receive: half the speed of plain lookups.
 */
final class PayloadReadAhead {

  /** What one pass reads beyond the keys asked for: 20 receives of ten messages. */
  static final int MESSAGES_PER_PASS = 200;
  static final long MAX_BYTES = 2L << 20;
  static final int MAX_ENTRIES = 4 * MESSAGES_PER_PASS;
  /** Queues whose high-water marks are remembered at most. */
  static final int MAX_QUEUES_MARKED = 1024;

  private record Key(long queueId, long sequence) {}

  private final ConcurrentHashMap<Key, byte[]> ahead = new ConcurrentHashMap<>();
  /** Per queue id: the highest sequence a pass has reached. */
  private final ConcurrentHashMap<Long, Long> passedUpTo = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Key> oldestFirst = new ConcurrentLinkedQueue<>();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicInteger entries = new AtomicInteger();

  /** The stored value read ahead for this message, removed; null if none. */
  byte[] take(long queueId, long sequence) {
    byte[] value = ahead.remove(new Key(queueId, sequence));
    if (value != null) {
      bytes.addAndGet(-value.length);
    }
    return value;
  }

  /** The highest sequence of the queue that a pass has reached; below any sequence if none. */
  long passedUpTo(long queueId) {
    return passedUpTo.getOrDefault(queueId, Long.MIN_VALUE);
  }

  /** A pass over the queue reached {@code sequence}. */
  void passed(long queueId, long sequence) {
    // why: a deleted queue's mark is never asked for again, and queue ids are not reused; beyond
    // this many queues the marks start over (a lost mark costs one pass that re-reads, nothing more)
    if (passedUpTo.size() >= MAX_QUEUES_MARKED && !passedUpTo.containsKey(queueId)) {
      passedUpTo.clear();
    }
    passedUpTo.merge(queueId, sequence, Math::max);
  }

  /** Queues marked (tests). */
  int queuesMarked() {
    return passedUpTo.size();
  }

  void keep(long queueId, long sequence, byte[] value) {
    Key key = new Key(queueId, sequence);
    byte[] replaced = ahead.put(key, value);
    bytes.addAndGet(value.length - (replaced == null ? 0 : replaced.length));
    if (replaced != null) {
      return; // already counted and queued for eviction
    }
    oldestFirst.add(key);
    entries.incrementAndGet();
    while (bytes.get() > MAX_BYTES || entries.get() > MAX_ENTRIES) {
      Key oldest = oldestFirst.poll();
      if (oldest == null) {
        return;
      }
      entries.decrementAndGet();
      byte[] dropped = ahead.remove(oldest);
      if (dropped != null) {
        bytes.addAndGet(-dropped.length);
      }
    }
  }
}
