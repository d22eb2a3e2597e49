package dev.sluice.core.queue.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * FIFO queues: messages in per-group lists, and a deque of groups whose head is visible. Receives
 * serve the deque round-robin: a served group goes to the back when it becomes receivable again,
 * which is how AWS spreads receives over groups (recorded: after groups 1 and 2 were served, the
 * next receive starts with group 3).
 *
 * <p>The deque may hold stale groups (emptied, or whose head was hidden); they are skipped when
 * reached. {@link FifoGroup#ready} says whether a group is in the deque (or being served), so a
 * group is never queued twice.
 */
final class FifoReadyMessages implements ReadyMessages {

  private final Map<String, FifoGroup> groups = new HashMap<>();
  private final ArrayDeque<FifoGroup> readyGroups = new ArrayDeque<>();

  @Override
  public void appended(MessageEntry entry, String messageGroupId) {
    FifoGroup group = groups.computeIfAbsent(messageGroupId, FifoGroup::new);
    group.append(entry);
    if (group.head == entry && entry.location == MessageEntry.READY) {
      markReady(group);
    }
  }

  @Override
  public void reinserted(MessageEntry entry, String messageGroupId) {
    FifoGroup group = groups.computeIfAbsent(messageGroupId, FifoGroup::new);
    group.insertInOrder(entry);
    if (group.head == entry) {
      markReady(group);
    }
  }

  @Override
  public void becameReady(MessageEntry entry) {
    if (entry.group.head == entry) {
      markReady(entry.group);
    }
  }

  @Override
  public void hiding(MessageEntry entry) {
    // The group's head is no longer visible: the deque skips the group when it gets there.
  }

  @Override
  public void removing(MessageEntry entry) {
    FifoGroup group = entry.group;
    boolean wasHead = group.head == entry;
    group.unlink(entry);
    if (group.isEmpty()) {
      groups.remove(group.id, group);
    } else if (wasHead && group.headIsReady()) {
      markReady(group);
    }
  }

  @Override
  public void drain(int max, Visitor visitor) {
    List<FifoGroup> deferred = null;
    int taken = 0;
    while (taken < max) {
      FifoGroup group = readyGroups.pollFirst();
      if (group == null) {
        break;
      }
      if (!group.headIsReady()) {
        group.ready = false;
        continue;
      }
      // group.ready stays true while it is served, so removals below do not queue it again.
      boolean kept = false;
      MessageEntry entry = group.head;
      while (entry != null && taken < max && entry.location == MessageEntry.READY) {
        MessageEntry next = entry.next;
        Verdict verdict = visitor.visit(entry);
        if (verdict == Verdict.TAKEN) {
          taken++;
        } else if (verdict == Verdict.KEEP) {
          kept = true;
          break;
        }
        entry = next;
      }
      if (kept) {
        if (deferred == null) {
          deferred = new ArrayList<>();
        }
        deferred.add(group);
      } else if (group.headIsReady()) {
        readyGroups.addLast(group);
      } else {
        group.ready = false;
      }
    }
    if (deferred != null) {
      readyGroups.addAll(deferred);
    }
  }

  @Override
  public boolean hasReceivable() {
    FifoGroup first;
    while ((first = readyGroups.peekFirst()) != null && !first.headIsReady()) {
      readyGroups.pollFirst().ready = false;
    }
    return first != null;
  }

  @Override
  public void clear() {
    groups.clear();
    readyGroups.clear();
  }

  private void markReady(FifoGroup group) {
    if (!group.ready) {
      group.ready = true;
      readyGroups.addLast(group);
    }
  }
}
