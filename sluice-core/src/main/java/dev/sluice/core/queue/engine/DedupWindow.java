package dev.sluice.core.queue.engine;

import dev.sluice.core.queue.message.MessageDigests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A FIFO queue's accepted de-duplication ids of the last five minutes. Entries expire in the order
 * they were added (the window is the same for all), so insertion order is expiry order and
 * forgetting old ones only looks at the oldest. Guarded by the QueueState's lock.
 *
 * <p>Compact, because a FIFO queue sent to at full speed holds millions of them: at 30,000
 * messages/s the window holds 9,000,000. A map of strings to records took about 255 bytes of heap
 * per id (measured: 283,000 ids, 72 MB), 2.3 GB for that window. Here an id is a 128-bit digest of
 * its key and the message id a UUID's two longs, in one array of longs (no object per id): 56
 * bytes per slot, so 56 to 112 bytes per id (224 just before the array shrinks).
 *
 * <p>Keys ({@link #key}) are the digest in hex behind a mark that no de-duplication or group id
 * can contain; stores keep them as opaque strings. Records restored from data written when keys
 * were the ids themselves are still found (their raw key is digested the same way) and expire
 * under the key they were stored with.
 */
final class DedupWindow {

  /** AWS: "any messages sent with the same message deduplication ID are accepted successfully but
   * aren't delivered during the 5-minute deduplication interval". */
  static final long WINDOW_MILLIS = 5 * 60 * 1000L;

  /** Starts a digest key; SQS ids are printable ASCII, so no raw key starts with it. */
  private static final char DIGEST_MARK = '\u0001';
  private static final HexFormat HEX = HexFormat.of();
  static final int MIN_CAPACITY = 16;
  private static final long DEAD = Long.MIN_VALUE;

  /** A key's digest; used as a map key only for the rare records kept in the side maps. */
  private record Digest(long high, long low) {}

  // The ring of entries, oldest first: entry number n sits in ring slot n & (capacity - 1), as
  // FIELDS consecutive longs. why one array: one allocation and one cache line per entry; six
  // arrays of a power-of-two size each wasted up to half of their G1 humongous regions (76 MB of
  // heap for 34 MB of arrays, measured). An entry replaced by a later one for the same key is
  // DEAD and skipped.
  private static final int KEY_HIGH = 0;
  private static final int KEY_LOW = 1;
  private static final int ID_HIGH = 2;
  private static final int ID_LOW = 3;
  private static final int SEQUENCE = 4;
  private static final int EXPIRES = 5;
  private static final int FIELDS = 6;
  private long[] entries;
  private int capacity;
  private long first;
  private long end;
  private int live;
  // Linear probing over ring slot + 1 (0: empty), twice the ring's size, so at most half full.
  // Holds the live entries only.
  private int[] index;
  private String lastKey;
  private Digest lastDigest;
  /** Keys of restored records stored under their raw (pre-digest) key. */
  private final Map<Digest, String> rawKeys = new HashMap<>();
  /** Message ids that are not UUIDs in canonical form (none that Sluice makes). */
  private final Map<Digest, String> otherMessageIds = new HashMap<>();

  DedupWindow() {
    allocate(MIN_CAPACITY);
  }

  /** The key of a de-duplication id: a digest of the id (and of the group's, scoped per group). */
  static String key(String messageGroupId, String deduplicationId, boolean perGroup) {
    String raw = perGroup ? messageGroupId + '\u0000' + deduplicationId : deduplicationId;
    // The first 128 bits of the SHA-256, as content-based de-duplication digests a body.
    return DIGEST_MARK + MessageDigests.sha256OfBody(raw).substring(0, 32);
  }

  /** The record that makes a send with this key a duplicate, or null. */
  DedupRecord find(String key, long now) {
    Digest digest = digestOf(key);
    int ringSlot = index[slotOf(digest.high(), digest.low())] - 1;
    if (ringSlot < 0) {
      return null;
    }
    int at = ringSlot * FIELDS;
    if (entries[at + EXPIRES] <= now) {
      return null;
    }
    return new DedupRecord(
        key, messageIdAt(at, digest), entries[at + SEQUENCE], entries[at + EXPIRES]);
  }

  void put(DedupRecord record) {
    Digest digest = digestOf(record.key());
    remember(rawKeys, digest, isDigestKey(record.key()) ? null : record.key());
    UUID messageId = canonicalUuid(record.messageId());
    remember(otherMessageIds, digest, messageId == null ? record.messageId() : null);
    if (end - first == capacity) { // full: drop dead entries, and grow if that is not enough
      rebuild(live * 2 >= capacity ? capacity * 2 : capacity);
    }
    int ringSlot = ringSlot(end++);
    int at = ringSlot * FIELDS;
    entries[at + KEY_HIGH] = digest.high();
    entries[at + KEY_LOW] = digest.low();
    entries[at + ID_HIGH] = messageId == null ? 0 : messageId.getMostSignificantBits();
    entries[at + ID_LOW] = messageId == null ? 0 : messageId.getLeastSignificantBits();
    entries[at + SEQUENCE] = record.sequence();
    entries[at + EXPIRES] = record.expiresAtMillis();
    int slot = slotOf(digest.high(), digest.low());
    if (index[slot] != 0) { // why: the key's older entry (expired, not yet forgotten) gives way
      entries[(index[slot] - 1) * FIELDS + EXPIRES] = DEAD;
      live--;
    }
    index[slot] = ringSlot + 1;
    live++;
  }

  /** Forgets expired records; returns their keys, as they were stored. */
  List<String> expire(long now) {
    List<String> expired = null;
    while (first < end) {
      int at = ringSlot(first) * FIELDS;
      if (entries[at + EXPIRES] != DEAD) {
        if (entries[at + EXPIRES] > now) {
          break;
        }
        if (expired == null) {
          expired = new ArrayList<>();
        }
        expired.add(forget(at));
      }
      first++;
    }
    if (capacity > MIN_CAPACITY && live < capacity / 4) {
      // why: give back what a burst made the array grow to (live stays under half of the new size)
      rebuild(Math.max(MIN_CAPACITY, Integer.highestOneBit(live) << 2));
    }
    return expired == null ? List.of() : expired;
  }

  int size() {
    return live;
  }

  /** How many entries the array holds room for (tests, footprint). */
  int capacity() {
    return capacity;
  }

  private String forget(int at) {
    Digest digest = new Digest(entries[at + KEY_HIGH], entries[at + KEY_LOW]);
    removeFromIndex(slotOf(digest.high(), digest.low()));
    live--;
    otherMessageIds.remove(digest);
    String raw = rawKeys.isEmpty() ? null : rawKeys.remove(digest);
    return raw != null ? raw : encode(digest);
  }

  private String messageIdAt(int at, Digest digest) {
    String other = otherMessageIds.isEmpty() ? null : otherMessageIds.get(digest);
    return other != null
        ? other : new UUID(entries[at + ID_HIGH], entries[at + ID_LOW]).toString();
  }

  /** The index slot holding the key's ring slot, or the empty index slot where it would go. */
  private int slotOf(long high, long low) {
    int mask = index.length - 1;
    for (int slot = home(high, mask); ; slot = (slot + 1) & mask) {
      int found = index[slot];
      if (found == 0) {
        return slot;
      }
      int at = (found - 1) * FIELDS;
      if (entries[at + KEY_HIGH] == high && entries[at + KEY_LOW] == low) {
        return slot;
      }
    }
  }

  // Backward-shift deletion: later entries of the probe run move up, so no tombstones.
  private void removeFromIndex(int hole) {
    int mask = index.length - 1;
    for (int next = (hole + 1) & mask; index[next] != 0; next = (next + 1) & mask) {
      int home = home(entries[(index[next] - 1) * FIELDS + KEY_HIGH], mask);
      boolean homeAfterHole =
          hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (!homeAfterHole) {
        index[hole] = index[next];
        hole = next;
      }
    }
    index[hole] = 0;
  }

  // The live entries, oldest first, into an array of the given size, renumbered from 0.
  private void rebuild(int newCapacity) {
    long[] old = entries;
    int oldCapacity = capacity;
    long oldFirst = first;
    long oldEnd = end;
    allocate(newCapacity);
    for (long entry = oldFirst; entry < oldEnd; entry++) {
      int from = (int) (entry & (oldCapacity - 1)) * FIELDS;
      if (old[from + EXPIRES] == DEAD) {
        continue;
      }
      int ringSlot = (int) end++;
      int to = ringSlot * FIELDS;
      System.arraycopy(old, from, entries, to, FIELDS);
      index[slotOf(entries[to + KEY_HIGH], entries[to + KEY_LOW])] = ringSlot + 1;
    }
  }

  private void allocate(int newCapacity) {
    capacity = newCapacity;
    entries = new long[newCapacity * FIELDS];
    index = new int[newCapacity * 2];
    first = 0;
    end = 0;
  }

  private int ringSlot(long entry) {
    return (int) (entry & (capacity - 1));
  }

  private static int home(long high, int mask) {
    return (int) high & mask; // the digest's bits are already uniform
  }

  private static boolean isDigestKey(String key) {
    return key.length() == 33 && key.charAt(0) == DIGEST_MARK;
  }

  // why: a send looks its key up, then puts it: parse it once
  private Digest digestOf(String key) {
    if (key != lastKey) {
      lastDigest = parse(key);
      lastKey = key;
    }
    return lastDigest;
  }

  private static Digest parse(String key) {
    if (!isDigestKey(key)) { // a raw key, restored from data written before digests
      return parse(key(null, key, false));
    }
    byte[] bytes = HEX.parseHex(key, 1, 33);
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = high << 8 | (bytes[i] & 0xff);
      low = low << 8 | (bytes[i + 8] & 0xff);
    }
    return new Digest(high, low);
  }

  private static String encode(Digest digest) {
    return DIGEST_MARK + HEX.toHexDigits(digest.high()) + HEX.toHexDigits(digest.low());
  }

  /** The UUID if the id is one in canonical form (lower-case hex, 8-4-4-4-12), else null. */
  private static UUID canonicalUuid(String id) {
    if (id.length() != 36) {
      return null;
    }
    long high = 0;
    long low = 0;
    int digits = 0;
    for (int i = 0; i < 36; i++) {
      char c = id.charAt(i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          return null;
        }
        continue;
      }
      int value = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (value < 0) {
        return null;
      }
      if (digits++ < 16) {
        high = high << 4 | value;
      } else {
        low = low << 4 | value;
      }
    }
    return new UUID(high, low);
  }

  private static void remember(Map<Digest, String> side, Digest digest, String value) {
    if (value != null) {
      side.put(digest, value);
    } else if (!side.isEmpty()) {
      side.remove(digest);
    }
  }
}
