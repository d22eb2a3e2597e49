package dev.sluice.core.queue.message;

import static dev.sluice.core.queue.AwsRecordings.assertRefusedAsRecorded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.core.queue.AwsRecordings;
import dev.sluice.core.queue.SqsError;
import dev.sluice.core.queue.SqsException;
import dev.sluice.core.queue.TestQueues;
import dev.sluice.core.queue.model.MessageAttributeValue;
import dev.sluice.core.queue.model.SendMessageRequest;
import dev.sluice.core.queue.store.QueueRecord;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SendRulesTest {

  private static final QueueRecord STANDARD = TestQueues.standard("q");
  private static final QueueRecord FIFO = TestQueues.fifo("q.fifo", Map.of("FifoQueue", "true"));
  private static final QueueRecord FIFO_CBD = TestQueues.fifo("q.fifo",
      Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"));

  private static void check(SendMessageRequest request, QueueRecord queue) {
    SendRules.check(request, queue, SendRules.Origin.SEND_MESSAGE);
  }

  private static SendMessageRequest withAttributes(Map<String, MessageAttributeValue> attributes) {
    return new SendMessageRequest("body", null, attributes, null, null, null, null);
  }

  private static SendMessageRequest fifo(String body, Integer delay, String dedupId, String groupId) {
    return new SendMessageRequest(body, delay, null, null, dedupId, groupId, null);
  }

  private static SqsException refusal(Runnable call) {
    return catchThrowableOfType(SqsException.class, call::run);
  }

  @Test
  void an_empty_body_is_a_missing_parameter() {
    assertRefusedAsRecorded(AwsRecordings.sqs("test_send_empty_message[sqs]", "send_empty_message"),
        () -> check(SendMessageRequest.of(""), STANDARD));
    assertThat(refusal(() -> check(SendMessageRequest.of(null), STANDARD)).error())
        .isEqualTo(SqsError.MISSING_PARAMETER);
  }

  @Test
  void body_and_attributes_together_may_not_exceed_the_maximum_message_size() {
    var attributes = Map.of("k", MessageAttributeValue.string("x"));
    int attributeBytes = "k".length() + "String".length() + "x".length();
    String atLimit = "a".repeat(1_048_576 - attributeBytes);

    assertThatCode(() -> check(new SendMessageRequest(atLimit, null, attributes, null, null, null, null),
        STANDARD)).doesNotThrowAnyException();
    assertRefusedAsRecorded(
        AwsRecordings.sqs("test_send_oversized_message[sqs]", "send_oversized_message"),
        () -> check(new SendMessageRequest(atLimit + "a", null, attributes, null, null, null, null),
            STANDARD));
  }

  @Test
  void the_size_limit_is_the_queues_maximum_message_size() {
    QueueRecord small = TestQueues.standard("q", Map.of("MaximumMessageSize", "1024"));

    assertThatCode(() -> check(SendMessageRequest.of("a".repeat(1024)), small))
        .doesNotThrowAnyException();
    assertRefusedAsRecorded(AwsRecordings.sqs(
            "test_send_message_with_updated_maximum_message_size[sqs]", "send_oversized_message"),
        () -> check(SendMessageRequest.of("a".repeat(1025)), small));
  }

  @Test
  void in_a_batch_the_size_refusal_is_worded_as_aws_words_it_there() {
    QueueRecord small = TestQueues.standard("q", Map.of("MaximumMessageSize", "1024"));
    var failed = AwsRecordings.sqs("test_send_batch_message_size", "send-message-batch-result")
        .path("Failed").get(0);

    SqsException refused = refusal(() -> SendRules.check(
        SendMessageRequest.of("a".repeat(1025)), small, SendRules.Origin.SEND_MESSAGE_BATCH));

    assertThat(refused.getMessage()).isEqualTo(failed.path("Message").asText());
    assertThat(refused.error().queryCode()).isEqualTo(failed.path("Code").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0000", "a\u0008b", "\u0013", "\uffff", "\ud800", "x\udc00"})
  void bodies_with_characters_outside_the_xml_range_are_refused(String body) {
    SqsException refused = refusal(() -> check(SendMessageRequest.of(body), STANDARD));

    assertThat(refused.error()).isEqualTo(SqsError.INVALID_MESSAGE_CONTENTS);
    assertThat(refused.getMessage()).startsWith("Invalid characters found.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tab\tnewline\ncr\r", "emoji \ud83d\ude00", "\ue000\ufffd", "\"&quot;\r"})
  void bodies_within_the_xml_range_are_accepted(String body) {
    assertThatCode(() -> check(SendMessageRequest.of(body), STANDARD)).doesNotThrowAnyException();
  }

  @Test
  void an_empty_string_attribute_is_refused_with_aws_wording() {
    assertRefusedAsRecorded(
        AwsRecordings.sqs("test_send_message_with_empty_string_attribute[sqs]", "empty-string-attr"),
        () -> check(withAttributes(Map.of("ErrorDetails", MessageAttributeValue.string(""))),
            STANDARD));
  }

  @Test
  void at_most_ten_message_attributes_are_accepted() {
    Map<String, MessageAttributeValue> attributes = new HashMap<>();
    for (int i = 0; i < 10; i++) {
      attributes.put("a" + i, MessageAttributeValue.string("v"));
    }
    assertThatCode(() -> check(withAttributes(attributes), STANDARD)).doesNotThrowAnyException();

    attributes.put("a10", MessageAttributeValue.string("v"));
    assertThat(refusal(() -> check(withAttributes(attributes), STANDARD)).getMessage())
        .isEqualTo("Number of message attributes [11] exceeds the allowed maximum [10].");
  }

  @ParameterizedTest
  @ValueSource(strings = {"aWs.-Invalid-attr", "AMAZON.-Invalid-attr", ".-Invalid-attr",
      "Invalid.", "a..b", "Invalid-!-attr", "Invalid-\"-attr", "Invalid-§-attr", "Invalid-(-attr",
      "Invalid-?-attr"})
  void malformed_attribute_names_are_refused(String name) {
    SqsException refused = refusal(
        () -> check(withAttributes(Map.of(name, MessageAttributeValue.string("Valid"))), STANDARD));

    assertThat(refused.error()).isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
  }

  @Test
  void attribute_names_may_be_256_characters_and_use_letters_beyond_ascii() {
    var longName = Map.of("L".repeat(256), MessageAttributeValue.string("v"));
    var umlauts = Map.of("attr.1øßä", MessageAttributeValue.string("Valida"));

    assertThatCode(() -> check(withAttributes(longName), STANDARD)).doesNotThrowAnyException();
    assertThatCode(() -> check(withAttributes(umlauts), STANDARD)).doesNotThrowAnyException();
    assertThat(refusal(() -> check(withAttributes(
        Map.of("L".repeat(257), MessageAttributeValue.string("v"))), STANDARD))).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b", "a/b", "a+b", "name:x", "a\u00a0b", "\u00e9 \u00e9", "x\ud83d\ude00"})
  void attribute_names_with_characters_beyond_letters_digits_hyphen_underscore_period_are_refused(
      String name) {
    var attributes = Map.of(name, MessageAttributeValue.string("v"));

    assertThat(refusal(() -> check(withAttributes(attributes), STANDARD)).getMessage())
        .isEqualTo("Message (user) attribute name '" + name + "' can only contain alphanumeric"
            + " characters, hyphens, underscores and periods.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"AWS.x", "aws.x", "aWs.trace", "Amazon.x", "AMAZON.y", "amazon.\u00e9"})
  void attribute_names_beginning_with_aws_or_amazon_are_reserved_in_any_case(String name) {
    var attributes = Map.of(name, MessageAttributeValue.string("v"));

    assertThat(refusal(() -> check(withAttributes(attributes), STANDARD)).getMessage())
        .startsWith("You can't use message attribute names beginning with 'AWS.' or 'Amazon.'.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"aws", "awsx.y", "amazonx", "my.aws.name", "Z-9_a.b", "aw\u017f.x"})
  void names_that_only_resemble_the_reserved_prefixes_are_accepted(String name) {
    var attributes = Map.of(name, MessageAttributeValue.string("v"));

    assertThatCode(() -> check(withAttributes(attributes), STANDARD)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Invalid", "Strings", "Number.", "Integer"})
  void attribute_types_must_start_with_string_number_or_binary(String type) {
    var attributes = Map.of("a", new MessageAttributeValue(type, "1", null));

    assertThat(refusal(() -> check(withAttributes(attributes), STANDARD)).getMessage())
        .contains("supported type prefixes: Binary, Number, String");
  }

  @Test
  void custom_type_suffixes_are_accepted_up_to_256_characters() {
    var custom = Map.of("a", new MessageAttributeValue("Number.java.lang.Long", "5", null));
    var tooLong = Map.of("a", new MessageAttributeValue("Number." + "L".repeat(256), "5", null));

    assertThatCode(() -> check(withAttributes(custom), STANDARD)).doesNotThrowAnyException();
    assertThat(refusal(() -> check(withAttributes(tooLong), STANDARD))).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "1.2.3", "1e200", "NaN", "12345678901234567890123456789012345678901"})
  void number_attributes_must_be_numbers_sqs_can_hold(String value) {
    var attributes = Map.of("n", MessageAttributeValue.number(value));

    assertThat(refusal(() -> check(withAttributes(attributes), STANDARD)).getMessage())
        .isEqualTo("Can't cast the value of message (user) attribute 'n' to a number.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1614717034367", "-0.5", "0", "1e126", "1E-128", "000123"})
  void number_attributes_within_sqs_range_are_accepted(String value) {
    var attributes = Map.of("n", MessageAttributeValue.number(value));

    assertThatCode(() -> check(withAttributes(attributes), STANDARD)).doesNotThrowAnyException();
  }

  @Test
  void string_attribute_values_obey_the_body_character_rules() {
    var attributes = Map.of("attr1", MessageAttributeValue.string("Invalid-\u0008,\u000b"));

    SqsException refused = refusal(() -> check(withAttributes(attributes), STANDARD));

    assertThat(refused.error()).isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
  }

  @Test
  void empty_binary_attributes_are_refused() {
    var attributes = Map.of("b", MessageAttributeValue.binary(new byte[0]));

    assertThat(refusal(() -> check(withAttributes(attributes), STANDARD)).getMessage())
        .isEqualTo("Message (user) attribute 'b' must contain a non-empty value of type 'Binary'.");
  }

  @Test
  void the_only_message_system_attribute_is_a_string_aws_trace_header() {
    var trace = Map.of("AWSTraceHeader", MessageAttributeValue.string("Root=1-5759e988"));
    var other = Map.of("SenderId", MessageAttributeValue.string("me"));
    var number = Map.of("AWSTraceHeader", MessageAttributeValue.number("1"));

    assertThatCode(() -> check(new SendMessageRequest("b", null, null, trace, null, null, null),
        STANDARD)).doesNotThrowAnyException();
    assertThat(refusal(() -> check(new SendMessageRequest("b", null, null, other, null, null, null),
        STANDARD)).error()).isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
    assertThat(refusal(() -> check(new SendMessageRequest("b", null, null, number, null, null, null),
        STANDARD)).error()).isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
  }

  @Test
  void standard_queues_take_delays_from_0_to_900_seconds() {
    assertThatCode(() -> check(new SendMessageRequest("b", 900, null, null, null, null, null),
        STANDARD)).doesNotThrowAnyException();
    assertThat(refusal(() -> check(new SendMessageRequest("b", 901, null, null, null, null, null),
        STANDARD)).getMessage()).isEqualTo(
        "Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.");
    assertThat(refusal(() -> check(new SendMessageRequest("b", -1, null, null, null, null, null),
        STANDARD))).isNotNull();
  }

  @Test
  void fifo_queues_refuse_a_per_message_delay_but_accept_zero() {
    assertRefusedAsRecorded(
        AwsRecordings.sqs("test_fifo_queue_send_message_with_delay_seconds_fails[sqs]", "send_message"),
        () -> check(fifo("message-1", 2, null, "1"), FIFO_CBD));
    assertThatCode(() -> check(fifo("Hello World!", 0, "42", "test"), FIFO))
        .doesNotThrowAnyException();
  }

  @Test
  void fifo_messages_need_a_group_id_and_a_deduplication_id_unless_content_based() {
    var recorded = "test_posting_to_fifo_requires_deduplicationid_group_id[sqs]";
    assertRefusedAsRecorded(AwsRecordings.sqs(recorded, "invalid-parameter-value"),
        () -> check(fifo("test", null, null, "group"), FIFO));
    assertRefusedAsRecorded(AwsRecordings.sqs(recorded, "missing-parameter"),
        () -> check(fifo("test", null, "dedup", null), FIFO));
    assertThatCode(() -> check(fifo("test", null, null, "group"), FIFO_CBD))
        .doesNotThrowAnyException();
  }

  @Test
  void malformed_group_ids_are_refused_on_any_queue_type() {
    for (String variant : new String[] {"empty", "too_long", "spaces"}) {
      String id = switch (variant) {
        case "empty" -> "";
        case "too_long" -> "a".repeat(129);
        default -> "group 123";
      };
      assertRefusedAsRecorded(AwsRecordings.sqs(
              "test_send_message_to_standard_queue_with_invalid_message_group_id[" + variant + "]",
              "error-response"),
          () -> check(new SendMessageRequest("b", null, null, null, null, id, null), STANDARD));
    }
  }

  @Test
  void malformed_deduplication_ids_are_refused() {
    for (String variant : new String[] {"empty", "too_long", "spaces"}) {
      String id = switch (variant) {
        case "empty" -> "";
        case "too_long" -> "a".repeat(129);
        default -> "group 123";
      };
      assertRefusedAsRecorded(AwsRecordings.sqs(
              "test_message_deduplication_id_invalid[" + variant + "]", "error-response"),
          () -> check(fifo("b", null, id, "g"), FIFO));
    }
  }

  @Test
  void ids_of_128_punctuation_and_alphanumeric_characters_are_accepted() {
    String id = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".repeat(4) + "a".repeat(0);

    assertThat(id).hasSizeLessThanOrEqualTo(128);
    assertThatCode(() -> check(fifo("b", null, id, id), FIFO)).doesNotThrowAnyException();
  }

  @Test
  void standard_queues_refuse_a_deduplication_id() {
    assertThat(refusal(() -> check(fifo("b", null, "dedup", null), STANDARD)).getMessage())
        .isEqualTo("Value dedup for parameter MessageDeduplicationId is invalid. Reason: The"
            + " request includes a parameter that is not valid for this queue type.");
  }

  @Test
  void batches_to_fifo_queues_need_ids_on_every_entry_before_anything_is_sent() {
    assertRefusedAsRecorded(AwsRecordings.sqs(
            "test_send_batch_missing_deduplication_id_for_fifo_queue[sqs]",
            "test_missing_deduplication_id_for_fifo_queue"),
        () -> SendRules.checkBatchFifoRequirements(fifo("b", null, null, "g"), FIFO));
    assertRefusedAsRecorded(AwsRecordings.sqs(
            "test_send_batch_missing_message_group_id_for_fifo_queue[sqs]",
            "test_missing_message_group_id_for_fifo_queue"),
        () -> SendRules.checkBatchFifoRequirements(fifo("b", null, "d", null), FIFO));
  }
}
