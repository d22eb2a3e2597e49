package dev.sluice.store.embedded;

import dev.sluice.core.queue.model.MessageAttributeValue;
import dev.sluice.core.queue.store.MessageData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message payload on disk. Binary rather than JSON: bodies up to 1 MiB and binary attributes go
 * in as they are, with no escaping or base64, and every delivery decodes one. The first byte is a
 * format version so that a later format can still read old data.
 *
 * <p>Strings and byte arrays are length-prefixed (-1: null); maps keep their iteration order.
 */
final class MessageDataCodec {

  private static final byte FORMAT_1 = 1;

  private MessageDataCodec() {}

  static byte[] encode(MessageData m) {
    var bytes = new ByteArrayOutputStream(256 + m.body().length() * 2);
    try (var out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_1);
      writeString(out, m.messageId());
      writeString(out, m.body());
      writeString(out, m.md5OfBody());
      writeAttributes(out, m.messageAttributes());
      writeString(out, m.md5OfMessageAttributes());
      writeAttributes(out, m.systemAttributes());
      writeString(out, m.md5OfMessageSystemAttributes());
      out.writeLong(m.sentTimestamp());
      writeString(out, m.senderId());
      writeString(out, m.messageGroupId());
      writeString(out, m.messageDeduplicationId());
      writeString(out, m.deadLetterQueueSourceArn());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static MessageData decode(byte[] value) {
    try (var in = new DataInputStream(new ByteArrayInputStream(value))) {
      byte format = in.readByte();
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
          in.readLong(),
          readString(in),
          readString(in),
          readString(in),
          readString(in));
    } catch (IOException e) {
      throw new UncheckedIOException("Corrupt message payload", e);
    }
  }

  private static void writeAttributes(
      DataOutputStream out, Map<String, MessageAttributeValue> attributes) throws IOException {
    if (attributes == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(attributes.size());
    for (var entry : attributes.entrySet()) {
      MessageAttributeValue value = entry.getValue();
      writeString(out, entry.getKey());
      writeString(out, value.dataType());
      writeString(out, value.stringValue());
      writeBytes(out, value.binaryValue());
    }
  }

  private static Map<String, MessageAttributeValue> readAttributes(DataInputStream in)
      throws IOException {
    int size = in.readInt();
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

  private static void writeString(DataOutputStream out, String s) throws IOException {
    writeBytes(out, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] bytes = readBytes(in);
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    if (bytes == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    return in.readNBytes(length);
  }
}
