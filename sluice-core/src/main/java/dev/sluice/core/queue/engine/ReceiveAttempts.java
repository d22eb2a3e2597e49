package dev.sluice.core.queue.engine;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * FIFO ReceiveRequestAttemptId memory. AWS: "During a visibility timeout, subsequent calls with
 * the same ReceiveRequestAttemptId return the same messages and receipt handles. If a retry occurs
 * within the deduplication interval, it resets the visibility timeout." and "You can use
 * ReceiveRequestAttemptId only for 5 minutes after a ReceiveMessage action." Kept in memory only:
 * after a restart a retry simply receives afresh. Guarded by the QueueState's lock.
 */
final class ReceiveAttempts {

  /** One remembered receive: the entries it leased, with the receive count each lease had. */
  record Attempt(List<MessageEntry> entries, int[] receiveCounts, long expiresAt) {}

  private final LinkedHashMap<String, Attempt> attempts = new LinkedHashMap<>();

  Attempt find(String attemptId, long now) {
    Attempt attempt = attempts.get(attemptId);
    return attempt != null && attempt.expiresAt() > now ? attempt : null;
  }

  void remember(String attemptId, List<MessageEntry> entries, long now) {
    int[] counts = new int[entries.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = entries.get(i).receiveCount;
    }
    attempts.remove(attemptId);
    attempts.put(attemptId, new Attempt(List.copyOf(entries), counts, now + DedupWindow.WINDOW_MILLIS));
  }

  void expire(long now) {
    Iterator<Attempt> oldestFirst = attempts.values().iterator();
    while (oldestFirst.hasNext() && oldestFirst.next().expiresAt() <= now) {
      oldestFirst.remove();
    }
  }

  void clear() {
    attempts.clear();
  }
}
