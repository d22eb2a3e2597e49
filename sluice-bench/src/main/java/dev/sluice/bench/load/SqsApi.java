package dev.sluice.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The few SQS JSON-protocol calls the scenarios make, with their answers checked: a batch that
 * reports failed entries, or an answer missing its fields, fails the call (no fake success).
 */
public final class SqsApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SqsApi() {}

  public static CompletableFuture<String> createQueue(
      SqsConnection connection, String name, Map<String, String> attributes) {
    ObjectNode request = JSON.createObjectNode().put("QueueName", name);
    if (!attributes.isEmpty()) {
      ObjectNode attributeNode = request.putObject("Attributes");
      attributes.forEach(attributeNode::put);
    }
    return connection
        .callOk("CreateQueue", bytes(request))
        .thenApply(response -> requiredText(parse(response), "QueueUrl", "CreateQueue"));
  }

  public static CompletableFuture<Void> deleteQueue(SqsConnection connection, String queueUrl) {
    ObjectNode request = JSON.createObjectNode().put("QueueUrl", queueUrl);
    return connection.callOk("DeleteQueue", bytes(request)).thenApply(response -> null);
  }

  /** Sends a prepared SendMessageBatch body; completes with the number of messages accepted. */
  public static CompletableFuture<Integer> sendBatch(
      SqsConnection connection, byte[] body, int entries) {
    return connection
        .callOk("SendMessageBatch", body)
        .thenApply(response -> successfulEntries(parse(response), entries, "SendMessageBatch"));
  }

  public static CompletableFuture<String> sendMessage(
      SqsConnection connection, String queueUrl, String body) {
    ObjectNode request = JSON.createObjectNode().put("QueueUrl", queueUrl).put("MessageBody", body);
    return connection
        .callOk("SendMessage", bytes(request))
        .thenApply(response -> requiredText(parse(response), "MessageId", "SendMessage"));
  }

  /** ReceiveMessage; completes with the receipt handles of the messages received (maybe none). */
  public static CompletableFuture<List<String>> receive(
      SqsConnection connection, String queueUrl, int max, int waitSeconds, int visibility) {
    ObjectNode request =
        JSON.createObjectNode()
            .put("QueueUrl", queueUrl)
            .put("MaxNumberOfMessages", max)
            .put("WaitTimeSeconds", waitSeconds)
            .put("VisibilityTimeout", visibility);
    return connection
        .callOk("ReceiveMessage", bytes(request))
        .thenApply(response -> receiptHandles(parse(response)));
  }

  /** A received message: its receipt handle and body. */
  public record Received(String receiptHandle, String body) {}

  /** ReceiveMessage, keeping the bodies. */
  public static CompletableFuture<List<Received>> receiveMessages(
      SqsConnection connection, String queueUrl, int max, int waitSeconds, int visibility) {
    ObjectNode request =
        JSON.createObjectNode()
            .put("QueueUrl", queueUrl)
            .put("MaxNumberOfMessages", max)
            .put("WaitTimeSeconds", waitSeconds)
            .put("VisibilityTimeout", visibility);
    return connection
        .callOk("ReceiveMessage", bytes(request))
        .thenApply(
            response -> {
              List<Received> received = new ArrayList<>();
              for (JsonNode message : parse(response).path("Messages")) {
                received.add(
                    new Received(
                        message.path("ReceiptHandle").asText(), message.path("Body").asText()));
              }
              return received;
            });
  }

  /** DeleteMessageBatch of the given handles; completes with the number deleted. */
  public static CompletableFuture<Integer> deleteBatch(
      SqsConnection connection, String queueUrl, List<String> receiptHandles) {
    if (receiptHandles.isEmpty()) {
      return CompletableFuture.completedFuture(0);
    }
    ObjectNode request = JSON.createObjectNode().put("QueueUrl", queueUrl);
    ArrayNode entries = request.putArray("Entries");
    for (int i = 0; i < receiptHandles.size(); i++) {
      entries.addObject().put("Id", "d" + i).put("ReceiptHandle", receiptHandles.get(i));
    }
    int expected = receiptHandles.size();
    return connection
        .callOk("DeleteMessageBatch", bytes(request))
        .thenApply(response -> successfulEntries(parse(response), expected, "DeleteMessageBatch"));
  }

  /** Approximate visible + in-flight messages, as GetQueueAttributes reports them. */
  public static CompletableFuture<Long> approximateMessages(
      SqsConnection connection, String queueUrl) {
    ObjectNode request = JSON.createObjectNode().put("QueueUrl", queueUrl);
    request.putArray("AttributeNames").add("ApproximateNumberOfMessages");
    return connection
        .callOk("GetQueueAttributes", bytes(request))
        .thenApply(
            response ->
                parse(response).path("Attributes").path("ApproximateNumberOfMessages").asLong(-1));
  }

  static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode parse(SqsResponse response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new SqsCallException(
          "answer is not JSON: " + new String(response.body(), StandardCharsets.UTF_8), e);
    }
  }

  private static String requiredText(JsonNode answer, String field, String action) {
    JsonNode value = answer.get(field);
    if (value == null || !value.isTextual()) {
      throw new SqsCallException(action + " answer lacks " + field + ": " + answer);
    }
    return value.asText();
  }

  private static int successfulEntries(JsonNode answer, int expected, String action) {
    JsonNode failed = answer.path("Failed");
    if (failed.size() > 0) {
      throw new SqsCallException(action + " reported failed entries: " + failed);
    }
    int successful = answer.path("Successful").size();
    if (successful != expected) {
      throw new SqsCallException(
          action + " reported " + successful + " successful entries of " + expected);
    }
    return successful;
  }

  private static List<String> receiptHandles(JsonNode answer) {
    JsonNode messages = answer.path("Messages");
    List<String> handles = new ArrayList<>(messages.size());
    for (JsonNode message : messages) {
      JsonNode handle = message.get("ReceiptHandle");
      if (handle == null || !handle.isTextual()) {
        throw new SqsCallException("ReceiveMessage answer has a message without ReceiptHandle");
      }
      handles.add(handle.asText());
    }
    return handles;
  }
}
