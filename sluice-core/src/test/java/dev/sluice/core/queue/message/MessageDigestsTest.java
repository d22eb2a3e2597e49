package dev.sluice.core.queue.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.AwsRecordings;
import dev.sluice.core.queue.model.MessageAttributeValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageDigestsTest {

  private static final Map<String, MessageAttributeValue> THREE_STRINGS = Map.of(
      "Help.Me", MessageAttributeValue.string("Me"),
      "Hello", MessageAttributeValue.string("There"),
      "General", MessageAttributeValue.string("Kenobi"));

  @Test
  void body_md5_is_the_hex_md5_of_the_utf8_body_as_aws_records_it() {
    String recorded = AwsRecordings.sqs("test_send_receive_wait_time_seconds[sqs]",
        "empty_short_poll_by_default_resp").path("Messages").get(0).path("MD5OfBody").asText();

    assertThat(MessageDigests.md5OfBody("message")).isEqualTo(recorded);
  }

  @Test
  void attributes_md5_matches_what_aws_answered_for_three_string_attributes() {
    String recorded = AwsRecordings.sqs("test_receive_message_message_attribute_names_filters[sqs]",
        "send_message_response").path("MD5OfMessageAttributes").asText();

    assertThat(MessageDigests.md5OfAttributes(THREE_STRINGS)).isEqualTo(recorded);
  }

  @Test
  void attributes_md5_does_not_depend_on_the_order_attributes_were_given_in() {
    var reordered = new java.util.LinkedHashMap<String, MessageAttributeValue>();
    reordered.put("Hello", MessageAttributeValue.string("There"));
    reordered.put("General", MessageAttributeValue.string("Kenobi"));
    reordered.put("Help.Me", MessageAttributeValue.string("Me"));

    assertThat(MessageDigests.md5OfAttributes(reordered))
        .isEqualTo(MessageDigests.md5OfAttributes(THREE_STRINGS));
  }

  @Test
  void binary_attributes_hash_their_raw_bytes_with_the_binary_transport_byte() {
    byte[] value = "traceparent\u001e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01"
        .getBytes(StandardCharsets.UTF_8);
    String recorded = AwsRecordings.sqs("test_send_message_with_binary_attributes[sqs]",
        "binary-attrs-msg").path("Messages").get(0).path("MD5OfMessageAttributes").asText();

    assertThat(MessageDigests.md5OfAttributes(Map.of("attr1", MessageAttributeValue.binary(value))))
        .isEqualTo(recorded);
  }

  @Test
  void system_attributes_hash_like_message_attributes() {
    var traceHeader = MessageAttributeValue.string(
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");

    // The value AWS answers, asserted by LocalStack's AWS-validated test_system_attributes_have_no_effect_on_attr_md5.
    assertThat(MessageDigests.md5OfAttributes(Map.of("AWSTraceHeader", traceHeader)))
        .isEqualTo("5ae4d5d7636402d80f4eb6d213245a88");
  }

  @Test
  void custom_number_types_are_hashed_with_their_full_type_name() {
    var plain = Map.of("n", MessageAttributeValue.number("5"));
    var custom = Map.of("n", new MessageAttributeValue("Number.java.lang.Long", "5", null));

    assertThat(MessageDigests.md5OfAttributes(custom))
        .isNotEqualTo(MessageDigests.md5OfAttributes(plain));
  }

  @Test
  void the_sorted_attributes_digest_equals_the_digest_of_the_same_attributes_in_any_order() {
    var given = new java.util.LinkedHashMap<String, MessageAttributeValue>();
    given.put("zeta", MessageAttributeValue.string("\u6f22"));
    given.put("Alpha", MessageAttributeValue.number("1.5"));
    given.put("mid", MessageAttributeValue.binary(new byte[300]));

    assertThat(MessageDigests.md5OfSortedAttributes(new java.util.TreeMap<>(given)))
        .isEqualTo(MessageDigests.md5OfAttributes(given));
    assertThat(MessageDigests.md5OfSortedAttributes(Map.of())).isNull();
  }

  @Test
  void no_attributes_have_no_digest() {
    assertThat(MessageDigests.md5OfAttributes(Map.of())).isNull();
  }

  @Test
  void content_based_deduplication_id_is_the_hex_sha256_of_the_body() {
    assertThat(MessageDigests.sha256OfBody("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
