package dev.sluice.functions.mappings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.queue.model.MessageAttributeValue;
import dev.sluice.core.queue.model.ReceivedMessage;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The event a mapping hands its function: {@code {"Records":[...]}} in AWS's SQS record shape
 * (checked against the recording in lambda-test_lambda_integration_sqs.snapshot.json).
 */
final class SqsEvent {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The system attributes a record carries, in AWS's order; FIFO queues add the last three. */
  static final List<String> RECORD_ATTRIBUTES = List.of(
      "ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp",
      "SequenceNumber", "MessageGroupId", "MessageDeduplicationId", "AWSTraceHeader");

  private SqsEvent() {}

  static byte[] of(List<ReceivedMessage> messages, String queueArn, String region) {
    ObjectNode event = JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    for (ReceivedMessage message : messages) {
      records.add(record(message, queueArn, region));
    }
    try {
      return JSON.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write an SQS event", e);
    }
  }

  /**
   * A record as FilterCriteria see it: {@code body} is the parsed JSON when the body is a JSON
   * object or array, else the string (AWS: "If the body is not valid JSON, ... as a string").
   */
  static JsonNode filterView(ReceivedMessage message) {
    ObjectNode record = record(message, null, null);
    try {
      JsonNode body = JSON.readTree(message.body());
      if (body != null && (body.isObject() || body.isArray())) {
        record.set("body", body);
      }
    } catch (IOException notJson) {
      // filtered as a plain string
    }
    return record;
  }

  private static ObjectNode record(ReceivedMessage message, String queueArn, String region) {
    ObjectNode record = JSON.createObjectNode();
    record.put("messageId", message.messageId());
    record.put("receiptHandle", message.receiptHandle());
    record.put("body", message.body());
    ObjectNode attributes = record.putObject("attributes");
    for (String name : RECORD_ATTRIBUTES) {
      String value = message.attributes().get(name);
      if (value != null) {
        attributes.put(name, value);
      }
    }
    ObjectNode messageAttributes = record.putObject("messageAttributes");
    for (Map.Entry<String, MessageAttributeValue> entry : message.messageAttributes().entrySet()) {
      messageAttributes.set(entry.getKey(), attribute(entry.getValue()));
    }
    if (message.md5OfMessageAttributes() == null) {
      record.putNull("md5OfMessageAttributes");
    } else {
      record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
    }
    record.put("md5OfBody", message.md5OfBody());
    record.put("eventSource", "aws:sqs");
    record.put("eventSourceARN", queueArn);
    record.put("awsRegion", region);
    return record;
  }

  private static ObjectNode attribute(MessageAttributeValue value) {
    ObjectNode node = JSON.createObjectNode();
    if (value.isBinary()) {
      node.put("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue()));
    } else {
      node.put("stringValue", value.stringValue());
    }
    node.putArray("stringListValues");
    node.putArray("binaryListValues");
    node.put("dataType", value.dataType());
    return node;
  }
}
