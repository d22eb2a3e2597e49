package dev.sluice.store.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.queue.engine.DedupRecord;
import dev.sluice.core.queue.engine.MessageState;
import dev.sluice.core.queue.store.QueueRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The small records: message state (fixed binary layout, since recovery decodes a million of them),
 * de-duplication records, and queue records (JSON: few, and readable with any RocksDB tool). Each
 * binary value starts with a format version byte.
 */
final class RecordCodecs {

  private static final byte FORMAT_1 = 1;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** version, enqueuedAt, visibleAt, receiveCount, firstReceive, group length. */
  private static final int STATE_FIXED_BYTES = 1 + 8 + 8 + 4 + 8 + 4;

  private RecordCodecs() {}

  static byte[] encodeState(MessageState state) {
    byte[] group = state.messageGroupId() == null
        ? null
        : state.messageGroupId().getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.allocate(STATE_FIXED_BYTES + (group == null ? 0 : group.length))
        .put(FORMAT_1)
        .putLong(state.enqueuedAtMillis())
        .putLong(state.visibleAtMillis())
        .putInt(state.receiveCount())
        .putLong(state.firstReceiveMillis());
    if (group == null) {
      buffer.putInt(-1);
    } else {
      buffer.putInt(group.length).put(group);
    }
    return buffer.array();
  }

  static MessageState decodeState(byte[] value) {
    ByteBuffer buffer = ByteBuffer.wrap(value);
    checkFormat(buffer.get(), "message state");
    long enqueuedAt = buffer.getLong();
    long visibleAt = buffer.getLong();
    int receiveCount = buffer.getInt();
    long firstReceive = buffer.getLong();
    int groupLength = buffer.getInt();
    String group = groupLength < 0
        ? null
        : new String(value, buffer.position(), groupLength, StandardCharsets.UTF_8);
    return new MessageState(enqueuedAt, visibleAt, receiveCount, firstReceive, group);
  }

  /** The key is not repeated in the value: it is the RocksDB key's suffix. */
  static byte[] encodeDedup(DedupRecord dedup) {
    byte[] messageId = dedup.messageId().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + 8 + 8 + messageId.length)
        .put(FORMAT_1)
        .putLong(dedup.sequence())
        .putLong(dedup.expiresAtMillis())
        .put(messageId)
        .array();
  }

  static DedupRecord decodeDedup(String key, byte[] value) {
    ByteBuffer buffer = ByteBuffer.wrap(value);
    checkFormat(buffer.get(), "de-duplication record");
    long sequence = buffer.getLong();
    long expiresAt = buffer.getLong();
    String messageId =
        new String(value, buffer.position(), buffer.remaining(), StandardCharsets.UTF_8);
    return new DedupRecord(key, messageId, sequence, expiresAt);
  }

  static byte[] encodeQueue(QueueRecord queue) {
    try {
      return JSON.writeValueAsBytes(queue);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot encode queue " + queue.name(), e);
    }
  }

  static QueueRecord decodeQueue(byte[] value) {
    try {
      return JSON.readValue(value, QueueRecord.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Corrupt queue record", e);
    }
  }

  private static void checkFormat(byte format, String what) {
    if (format != FORMAT_1) {
      throw new IllegalStateException("Unknown " + what + " format " + format);
    }
  }
}
