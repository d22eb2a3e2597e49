package dev.sluice.core.queue.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A FIFO queue's accepted de-duplication ids of the last five minutes. Entries expire in the order
 * they were added (the window is the same for all), so insertion order is expiry order and
 * forgetting old ones only looks at the oldest. Guarded by the QueueState's lock.
 */
final class DedupWindow {

  /** AWS: "any messages sent with the same message deduplication ID are accepted successfully but
   * aren't delivered during the 5-minute deduplication interval". */
  static final long WINDOW_MILLIS = 5 * 60 * 1000L;

  private final LinkedHashMap<String, DedupRecord> records = new LinkedHashMap<>();

  static String key(String messageGroupId, String deduplicationId, boolean perGroup) {
    return perGroup ? messageGroupId + '\u0000' + deduplicationId : deduplicationId;
  }

  /** The record that makes a send with this key a duplicate, or null. */
  DedupRecord find(String key, long now) {
    DedupRecord record = records.get(key);
    return record != null && record.expiresAtMillis() > now ? record : null;
  }

  void put(DedupRecord record) {
    // why: re-inserting moves a key to the end, keeping insertion order equal to expiry order.
    records.remove(record.key());
    records.put(record.key(), record);
  }

  /** Forgets expired records; returns their keys. */
  List<String> expire(long now) {
    List<String> expired = null;
    Iterator<DedupRecord> oldestFirst = records.values().iterator();
    while (oldestFirst.hasNext()) {
      DedupRecord record = oldestFirst.next();
      if (record.expiresAtMillis() > now) {
        break;
      }
      oldestFirst.remove();
      if (expired == null) {
        expired = new ArrayList<>();
      }
      expired.add(record.key());
    }
    return expired == null ? List.of() : expired;
  }

  int size() {
    return records.size();
  }
}
