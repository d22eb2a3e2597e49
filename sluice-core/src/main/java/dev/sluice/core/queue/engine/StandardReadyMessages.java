package dev.sluice.core.queue.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Standard queues: visible messages oldest first. Freshly sent messages arrive in sequence order,
 * so they wait in a plain deque (O(1)); messages that become visible later (after a delay or a
 * visibility timeout) are older than the newest fresh ones and go to a heap by sequence. A receive
 * takes the lower sequence of the two heads.
 *
 * <p>Entries leave the fresh deque lazily: one that was hidden or removed stays referenced there
 * until it reaches the front, and is recognised as stale because an entry in the fresh deque is
 * exactly one that is READY and in no heap (entries never return to the fresh deque).
 */
final class StandardReadyMessages implements ReadyMessages {

  private final ArrayDeque<MessageEntry> fresh = new ArrayDeque<>();
  private final EntryHeap returned = EntryHeap.bySequence();

  @Override
  public void appended(MessageEntry entry, String messageGroupId) {
    if (entry.location == MessageEntry.READY) {
      fresh.addLast(entry);
    }
  }

  @Override
  public void reinserted(MessageEntry entry, String messageGroupId) {
    returned.add(entry);
  }

  @Override
  public void becameReady(MessageEntry entry) {
    returned.add(entry);
  }

  @Override
  public void hiding(MessageEntry entry) {
    returned.remove(entry);
  }

  @Override
  public void removing(MessageEntry entry) {
    if (entry.location == MessageEntry.READY) {
      returned.remove(entry);
    }
  }

  @Override
  public void drain(int max, Visitor visitor) {
    List<MessageEntry> kept = null;
    int taken = 0;
    MessageEntry entry;
    while (taken < max && (entry = poll()) != null) {
      switch (visitor.visit(entry)) {
        case TAKEN -> taken++;
        case REMOVED -> { }
        case KEEP -> {
          if (kept == null) {
            kept = new ArrayList<>();
          }
          kept.add(entry);
        }
      }
    }
    if (kept != null) {
      for (MessageEntry keep : kept) {
        keep.location = MessageEntry.READY;
        returned.add(keep);
      }
    }
  }

  @Override
  public boolean hasReceivable() {
    dropStaleFresh();
    return !fresh.isEmpty() || !returned.isEmpty();
  }

  @Override
  public void clear() {
    fresh.clear();
    returned.clear();
  }

  private MessageEntry poll() {
    dropStaleFresh();
    MessageEntry first = fresh.peekFirst();
    MessageEntry back = returned.peek();
    MessageEntry next;
    if (back != null && (first == null || back.sequence < first.sequence)) {
      next = returned.poll();
    } else {
      next = fresh.pollFirst();
    }
    if (next != null) {
      next.location = MessageEntry.POLLED;
    }
    return next;
  }

  private void dropStaleFresh() {
    MessageEntry first;
    while ((first = fresh.peekFirst()) != null
        && (first.location != MessageEntry.READY || first.heapIndex >= 0)) {
      fresh.pollFirst();
    }
  }
}
