package dev.sluice.protocol.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.queue.model.MessageAttributeValue;
import dev.sluice.protocol.aws.wire.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonOutputTest {

  @Test
  void members_are_written_in_order_with_their_json_types_and_absent_ones_left_out() {
    JsonOutput out = new JsonOutput();
    out.string("QueueUrl", "http://h/000000000000/q \"quoted\" ✓")
        .string("Missing", null)
        .number("Count", 7)
        .number("Big", 12_345_678_901L)
        .number("Ratio", 1.5)
        .number("None", null)
        .bool("SenderFault", true)
        .strings("QueueUrls", "QueueUrl", List.of("a", "b"))
        .strings("Empty", "X", List.of());

    assertThat(new String(out.toBytes(), StandardCharsets.UTF_8)).isEqualTo(
        "{\"QueueUrl\":\"http://h/000000000000/q \\\"quoted\\\" ✓\",\"Count\":7,"
            + "\"Big\":12345678901,\"Ratio\":1.5,\"SenderFault\":true,"
            + "\"QueueUrls\":[\"a\",\"b\"]}");
  }

  @Test
  void lists_maps_and_message_attributes_nest_as_the_json_protocol_has_them() throws IOException {
    Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
    attributes.put("s", MessageAttributeValue.string("text"));
    attributes.put("b", MessageAttributeValue.binary(new byte[] {1, 2, 3}));
    JsonOutput out = new JsonOutput();
    out.list("Messages", "Message", List.of("m1", "m2"), (entry, id) -> entry
            .string("MessageId", id)
            .stringMap("Attributes", "Attribute", "Name", "Value", Map.of("SenderId", "x"))
            .messageAttributes("MessageAttributes", "MessageAttribute", attributes))
        .list("Failed", "BatchResultErrorEntry", List.of(), (entry, item) -> {});

    JsonNode written = Json.MAPPER.readTree(out.toBytes());

    assertThat(written).isEqualTo(Json.MAPPER.readTree("{\"Messages\":["
        + "{\"MessageId\":\"m1\",\"Attributes\":{\"SenderId\":\"x\"},\"MessageAttributes\":{"
        + "\"s\":{\"StringValue\":\"text\",\"DataType\":\"String\"},"
        + "\"b\":{\"BinaryValue\":\"AQID\",\"DataType\":\"Binary\"}}},"
        + "{\"MessageId\":\"m2\",\"Attributes\":{\"SenderId\":\"x\"},\"MessageAttributes\":{"
        + "\"s\":{\"StringValue\":\"text\",\"DataType\":\"String\"},"
        + "\"b\":{\"BinaryValue\":\"AQID\",\"DataType\":\"Binary\"}}}]}"));
  }

  @Test
  void an_answer_with_no_members_is_an_empty_object() {
    assertThat(new String(new JsonOutput().toBytes(), StandardCharsets.UTF_8)).isEqualTo("{}");
  }
}
