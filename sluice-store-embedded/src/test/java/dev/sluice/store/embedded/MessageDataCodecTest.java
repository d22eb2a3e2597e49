package dev.sluice.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.queue.model.MessageAttributeValue;
import dev.sluice.core.queue.store.MessageData;
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
}
