package dev.sluice.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.queue.model.MessageAttributeValue;
import dev.sluice.core.queue.store.MessageData;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageDataCodecTest {

  @Test
  void a_payload_with_every_field_set_survives_a_round_trip() {
    Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
    attributes.put("zeta", MessageAttributeValue.string("last letter"));
    attributes.put("count", new MessageAttributeValue("Number.java.lang.Long", "42", null));
    attributes.put("blob", MessageAttributeValue.binary(new byte[] {0, 1, (byte) 0xff}));
    MessageData message = new MessageData("id-1", "body ✓ 🚀 \u0000 end", "md5-body", attributes,
        "md5-attributes", Map.of("AWSTraceHeader", MessageAttributeValue.string("Root=1-abc")),
        "md5-system", 1_767_225_600_123L, "AIDAEXAMPLE", "group-7", "dedup-9",
        "arn:aws:sqs:us-east-1:000000000000:source");

    MessageData decoded = MessageDataCodec.decode(MessageDataCodec.encode(message));

    assertThat(decoded).usingRecursiveComparison().isEqualTo(message);
    assertThat(decoded.messageAttributes().keySet()).containsExactly("zeta", "count", "blob");
    assertThat(decoded.messageAttributes().get("blob").binaryValue()).containsExactly(0, 1, 0xff);
  }

  @Test
  void absent_optional_fields_stay_absent() {
    MessageData message = new MessageData("id-2", "", "md5", Map.of(), null, null, null, 1L,
        "sender", null, null, null);

    MessageData decoded = MessageDataCodec.decode(MessageDataCodec.encode(message));

    assertThat(decoded).usingRecursiveComparison().isEqualTo(message);
    assertThat(decoded.systemAttributes()).isNull();
    assertThat(decoded.messageAttributes()).isEmpty();
  }

  @Test
  void a_one_mebibyte_body_is_stored_whole() {
    String body = "x".repeat(1 << 20);
    MessageData message = new MessageData("id-3", body, "md5", Map.of(), null, null, null, 1L,
        "sender", null, null, null);

    assertThat(MessageDataCodec.decode(MessageDataCodec.encode(message)).body()).isEqualTo(body);
  }

  @Test
  void an_unknown_format_version_is_refused_rather_than_misread() {
    byte[] encoded = MessageDataCodec.encode(new MessageData("id", "b", "m", Map.of(), null, null,
        null, 1L, "s", null, null, null));
    encoded[0] = 99;

    assertThatThrownBy(() -> MessageDataCodec.decode(encoded))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("format 99");
  }

  @Test
  void the_bytes_are_those_of_format_1_as_first_written_so_old_data_still_reads() throws IOException {
    Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
    attributes.put("name ✓", MessageAttributeValue.string("välue 🚀"));
    attributes.put("blob", MessageAttributeValue.binary(new byte[] {7, 0, (byte) 0x80}));
    MessageData message = new MessageData("id-4", "bödy 🚀", "md5-body", attributes, "md5-a",
        null, null, 1_767_225_600_123L, "sender", "group", null, "arn");

    assertThat(MessageDataCodec.encode(message)).isEqualTo(formatOneAsFirstWritten(message));
  }

  @Test
  void a_truncated_payload_is_reported_as_corrupt() {
    byte[] encoded = MessageDataCodec.encode(new MessageData("id", "body", "m", Map.of(), null,
        null, null, 1L, "s", null, null, null));

    for (int length = 1; length < encoded.length; length++) {
      byte[] truncated = Arrays.copyOf(encoded, length);
      assertThatThrownBy(() -> MessageDataCodec.decode(truncated))
          .as("cut at %d", length)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("Corrupt message payload");
    }
  }

  /** The original DataOutputStream encoder of format 1, kept as the reference for its layout. */
  private static byte[] formatOneAsFirstWritten(MessageData m) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(bytes)) {
      out.writeByte(1);
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
    }
    return bytes.toByteArray();
  }

  private static void writeAttributes(DataOutputStream out,
      Map<String, MessageAttributeValue> attributes) throws IOException {
    if (attributes == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(attributes.size());
    for (var entry : attributes.entrySet()) {
      writeString(out, entry.getKey());
      writeString(out, entry.getValue().dataType());
      writeString(out, entry.getValue().stringValue());
      writeBytes(out, entry.getValue().binaryValue());
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    writeBytes(out, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
  }

  private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    if (bytes == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }
}
