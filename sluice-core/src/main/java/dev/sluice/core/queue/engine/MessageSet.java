package dev.sluice.core.queue.engine;

import dev.sluice.core.queue.store.QueueCounts;
import java.util.function.Consumer;

/**
 * Where each message of one queue is, and how many are in each state. An entry is READY (in the
 * ready structure), TIMED (delayed or in flight, in the heap ordered by visibility time) or gone;
 * the counts follow every move, so they cost nothing to read. Time moves entries from TIMED to
 * READY lazily: {@link #promoteDue} at the start of each operation, no timer per message.
 *
 * <p>Not thread-safe: guarded by the owning {@link QueueState}'s lock.
 */
final class MessageSet {

  private final SequenceIndex index = new SequenceIndex();
  private final EntryHeap timed = EntryHeap.byVisibleTime();
  private final ReadyMessages ready;
  private long visible;
  private long inFlight;
  private long delayed;

  MessageSet(boolean fifo) {
    ready = ReadyMessages.create(fifo);
  }

  MessageEntry get(long sequence) {
    return index.get(sequence);
  }

  QueueCounts counts() {
    return new QueueCounts(visible, inFlight, delayed);
  }

  boolean hasReceivable() {
    return ready.hasReceivable();
  }

  /** When the next delayed or in-flight message becomes visible; Long.MAX_VALUE if none. */
  long nextVisibleAt() {
    MessageEntry next = timed.peek();
    return next == null ? Long.MAX_VALUE : next.visibleAt;
  }

  void forEach(Consumer<MessageEntry> action) {
    index.forEach(action);
  }

  void insert(MessageEntry entry, byte location, String messageGroupId) {
    entry.location = location;
    index.put(entry);
    if (location == MessageEntry.TIMED) {
      timed.add(entry);
    }
    count(entry, 1);
    ready.appended(entry, messageGroupId);
  }

  /** Puts back an entry that left through {@link #remove}, as visible, in its old place. */
  void reinsert(MessageEntry entry, String messageGroupId) {
    entry.location = MessageEntry.READY;
    index.put(entry);
    count(entry, 1);
    ready.reinserted(entry, messageGroupId);
  }

  void remove(MessageEntry entry) {
    index.remove(entry.sequence);
    count(entry, -1);
    if (entry.location == MessageEntry.TIMED) {
      timed.remove(entry);
    }
    ready.removing(entry);
    entry.location = MessageEntry.GONE;
  }

  /** A receive takes a READY (or, on standard queues, POLLED) entry: in flight until visibleAt. */
  void lease(MessageEntry entry, long now, long visibleAt) {
    count(entry, -1);
    entry.receiveCount++;
    if (entry.firstReceiveAt == 0) {
      entry.firstReceiveAt = now;
    }
    entry.visibleAt = visibleAt;
    entry.location = MessageEntry.TIMED;
    timed.add(entry);
    count(entry, 1);
  }

  /** A new visibility time for an entry; a READY one is hidden again (in flight). */
  void setVisibleAt(MessageEntry entry, long visibleAt) {
    if (entry.location == MessageEntry.TIMED) {
      entry.visibleAt = visibleAt;
      timed.update(entry);
      return;
    }
    ready.hiding(entry);
    count(entry, -1);
    entry.visibleAt = visibleAt;
    entry.location = MessageEntry.TIMED;
    timed.add(entry);
    count(entry, 1);
  }

  /** Moves every entry whose time has come from the timed heap to the ready structure. */
  void promoteDue(long now) {
    MessageEntry entry;
    while ((entry = timed.peek()) != null && entry.visibleAt <= now) {
      timed.poll();
      count(entry, -1);
      entry.location = MessageEntry.READY;
      count(entry, 1);
      ready.becameReady(entry);
    }
  }

  void drain(int max, ReadyMessages.Visitor visitor) {
    ready.drain(max, visitor);
  }

  void clear() {
    index.clear();
    timed.clear();
    ready.clear();
    visible = inFlight = delayed = 0;
  }

  private void count(MessageEntry entry, int delta) {
    if (entry.location != MessageEntry.TIMED) {
      visible += delta;
    } else if (entry.receiveCount > 0) {
      inFlight += delta;
    } else {
      delayed += delta;
    }
  }
}
