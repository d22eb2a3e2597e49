package dev.sluice.store.embedded;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Key layout: every key starts with the queue's id (its incarnation, never its name; any long),
 * big-endian, so one queue's records are contiguous and a range delete drops a whole queue. Then
 * the message's sequence, big-endian: sequences are positive (time-based), so a scan returns each
 * queue's messages in ascending sequence. De-duplication keys follow the id as UTF-8.
 */
final class Keys {

  static final int QUEUE_ID_BYTES = Long.BYTES;
  static final int MESSAGE_KEY_BYTES = 2 * Long.BYTES;

  private Keys() {}

  static byte[] queue(long queueId) {
    return ByteBuffer.allocate(QUEUE_ID_BYTES).putLong(queueId).array();
  }

  static byte[] message(long queueId, long sequence) {
    return ByteBuffer.allocate(MESSAGE_KEY_BYTES).putLong(queueId).putLong(sequence).array();
  }

  static byte[] dedup(long queueId, String dedupKey) {
    byte[] suffix = dedupKey.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(QUEUE_ID_BYTES + suffix.length).putLong(queueId).put(suffix).array();
  }

  /** The first key of a queue's range (inclusive). */
  static byte[] queueStart(long queueId) {
    return queue(queueId);
  }

  /**
   * The end of a queue's range (exclusive): the id followed by 0xFF. Every key of the queue sorts
   * below it: a positive sequence starts with a byte up to 0x7F, and UTF-8 never contains 0xFF.
   * (The id's successor would not do: the id 0xFFFFFFFFFFFFFFFF has none.)
   */
  static byte[] queueEnd(long queueId) {
    return ByteBuffer.allocate(QUEUE_ID_BYTES + 1).putLong(queueId).put((byte) 0xFF).array();
  }

  /** The end (exclusive) of a queue's messages with a sequence up to {@code upToSequence}. */
  static byte[] messagesUpTo(long queueId, long upToSequence) {
    return upToSequence == Long.MAX_VALUE ? queueEnd(queueId) : message(queueId, upToSequence + 1);
  }

  static long queueId(byte[] key) {
    return ByteBuffer.wrap(key).getLong(0);
  }

  static long sequence(byte[] key) {
    return ByteBuffer.wrap(key).getLong(QUEUE_ID_BYTES);
  }

  static String dedupKey(byte[] key) {
    return new String(key, QUEUE_ID_BYTES, key.length - QUEUE_ID_BYTES, StandardCharsets.UTF_8);
  }
}
