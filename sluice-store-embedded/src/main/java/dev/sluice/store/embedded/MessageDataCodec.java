package dev.sluice.store.embedded;

import dev.sluice.core.queue.model.MessageAttributeValue;
import dev.sluice.core.queue.store.MessageData;
import java.io.EOFException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message payload on disk. Binary rather than JSON: bodies up to 1 MiB and binary attributes go
 * in as they are, with no escaping or base64, and every delivery decodes one. The first byte is a
 * format version so that a later format can still read old data.
 *
 * <p>Strings and byte arrays are length-prefixed (-1: null), lengths as big-endian 32-bit ints;
 * maps keep their iteration order.
 *
 * <p>perf: every send encodes one payload and every delivery decodes one. Encoding turns each
 * string into UTF-8 once, adds up the exact size and fills one array of that size (no growing,
 * copying stream); decoding reads strings straight out of the stored array.
 */
final class MessageDataCodec {

  private static final byte FORMAT_1 = 1;
  private static final int NULL_LENGTH = -1;

  private MessageDataCodec() {}

  static byte[] encode(MessageData m) {
    byte[] messageId = utf8(m.messageId());
    byte[] body = utf8(m.body());
    byte[] md5OfBody = utf8(m.md5OfBody());
    byte[][] messageAttributes = attributeFields(m.messageAttributes());
    byte[] md5OfMessageAttributes = utf8(m.md5OfMessageAttributes());
    byte[][] systemAttributes = attributeFields(m.systemAttributes());
    byte[] md5OfSystemAttributes = utf8(m.md5OfMessageSystemAttributes());
    byte[] senderId = utf8(m.senderId());
    byte[] groupId = utf8(m.messageGroupId());
    byte[] deduplicationId = utf8(m.messageDeduplicationId());
    byte[] sourceArn = utf8(m.deadLetterQueueSourceArn());

    int size = 1 + Long.BYTES
        + sizeOf(messageId) + sizeOf(body) + sizeOf(md5OfBody)
        + sizeOf(messageAttributes) + sizeOf(md5OfMessageAttributes)
        + sizeOf(systemAttributes) + sizeOf(md5OfSystemAttributes)
        + sizeOf(senderId) + sizeOf(groupId) + sizeOf(deduplicationId) + sizeOf(sourceArn);
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(FORMAT_1);
    putBytes(out, messageId);
    putBytes(out, body);
    putBytes(out, md5OfBody);
    putAttributes(out, messageAttributes);
    putBytes(out, md5OfMessageAttributes);
    putAttributes(out, systemAttributes);
    putBytes(out, md5OfSystemAttributes);
    out.putLong(m.sentTimestamp());
    putBytes(out, senderId);
    putBytes(out, groupId);
    putBytes(out, deduplicationId);
    putBytes(out, sourceArn);
    return out.array();
  }

  static MessageData decode(byte[] value) {
    ByteBuffer in = ByteBuffer.wrap(value);
    try {
      byte format = in.get();
      if (format != FORMAT_1) {
        throw new IllegalStateException("Unknown message payload format " + format);
      }
      return new MessageData(
          readString(in),
          readString(in),
          readString(in),
          readAttributes(in),
          readString(in),
          readAttributes(in),
          readString(in),
          in.getLong(),
          readString(in),
          readString(in),
          readString(in),
          readString(in));
    } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new UncheckedIOException(
          "Corrupt message payload", new EOFException("payload ends early: " + e));
    }
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static int sizeOf(byte[] bytes) {
    return Integer.BYTES + (bytes == null ? 0 : bytes.length);
  }

  /** Four fields per attribute (name, data type, string value, binary value); null: no map. */
  private static byte[][] attributeFields(Map<String, MessageAttributeValue> attributes) {
    if (attributes == null) {
      return null;
    }
    byte[][] fields = new byte[attributes.size() * 4][];
    int i = 0;
    for (var entry : attributes.entrySet()) {
      MessageAttributeValue value = entry.getValue();
      fields[i++] = utf8(entry.getKey());
      fields[i++] = utf8(value.dataType());
      fields[i++] = utf8(value.stringValue());
      fields[i++] = value.binaryValue();
    }
    return fields;
  }

  private static int sizeOf(byte[][] attributeFields) {
    int size = Integer.BYTES;
    if (attributeFields != null) {
      for (byte[] field : attributeFields) {
        size += sizeOf(field);
      }
    }
    return size;
  }

  private static void putAttributes(ByteBuffer out, byte[][] attributeFields) {
    if (attributeFields == null) {
      out.putInt(NULL_LENGTH);
      return;
    }
    out.putInt(attributeFields.length / 4);
    for (byte[] field : attributeFields) {
      putBytes(out, field);
    }
  }

  private static void putBytes(ByteBuffer out, byte[] bytes) {
    if (bytes == null) {
      out.putInt(NULL_LENGTH);
    } else {
      out.putInt(bytes.length);
      out.put(bytes);
    }
  }

  private static Map<String, MessageAttributeValue> readAttributes(ByteBuffer in) {
    int size = in.getInt();
    if (size < 0) {
      return null;
    }
    Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>(size * 2);
    for (int i = 0; i < size; i++) {
      String name = readString(in);
      String dataType = readString(in);
      String stringValue = readString(in);
      attributes.put(name, new MessageAttributeValue(dataType, stringValue, readBytes(in)));
    }
    return attributes;
  }

  private static String readString(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0) {
      return null;
    }
    checkRemaining(in, length);
    String s = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return s;
  }

  private static byte[] readBytes(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0) {
      return null;
    }
    checkRemaining(in, length);
    byte[] bytes = new byte[length];
    in.get(bytes);
    return bytes;
  }

  private static void checkRemaining(ByteBuffer in, int length) {
    if (length > in.remaining()) {
      throw new BufferUnderflowException();
    }
  }
}
