package dev.sluice.bench.ceiling;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Well-formed SQS JSON answers with no queue behind them. Batch answers list one success per entry
 * id of the request (read with a streaming parser, the cheapest correct way); message ids, receipt
 * handles and MD5 digests are constants: the load generator checks entry counts, not digests (an
 * AWS SDK client would reject the digests, which is fine for a ceiling).
 */
final class CannedAnswers {

  private static final JsonFactory JSON = new JsonFactory();
  private static final String MESSAGE_ID = "00000000-0000-4000-8000-000000000000";
  private static final String MD5 = "00000000000000000000000000000000";
  private static final byte[] EMPTY = bytes("{}");
  private static final byte[] LIST_QUEUES = bytes("{\"QueueUrls\":[]}");
  private static final byte[] SEND_MESSAGE =
      bytes("{\"MessageId\":\"" + MESSAGE_ID + "\",\"MD5OfMessageBody\":\"" + MD5 + "\"}");
  private static final byte[] QUEUE_ATTRIBUTES =
      bytes(
          "{\"Attributes\":{\"ApproximateNumberOfMessages\":\"0\","
              + "\"ApproximateNumberOfMessagesNotVisible\":\"0\","
              + "\"ApproximateNumberOfMessagesDelayed\":\"0\"}}");
  private static final int MAX_RECEIVE = 10;
  private static final byte[][] RECEIVES = new byte[MAX_RECEIVE + 1][];

  static {
    for (int count = 0; count <= MAX_RECEIVE; count++) {
      StringBuilder json = new StringBuilder("{\"Messages\":[");
      for (int i = 0; i < count; i++) {
        json.append(i == 0 ? "" : ",")
            .append("{\"MessageId\":\"").append(MESSAGE_ID)
            .append("\",\"ReceiptHandle\":\"ceiling-handle-").append(i)
            .append("\",\"MD5OfBody\":\"").append(MD5)
            .append("\",\"Body\":\"ceiling\"}");
      }
      RECEIVES[count] = bytes(json.append("]}").toString());
    }
  }

  private CannedAnswers() {}

  static byte[] answer(String action, InputStream body) throws IOException {
    return switch (action) {
      case "SendMessageBatch" -> batch(entryIds(body), true);
      case "DeleteMessageBatch", "ChangeMessageVisibilityBatch" -> batch(entryIds(body), false);
      case "ReceiveMessage" -> RECEIVES[receiveCount(body)];
      case "SendMessage" -> SEND_MESSAGE;
      case "CreateQueue", "GetQueueUrl" -> queueUrl(stringField(body, "QueueName"));
      case "ListQueues" -> LIST_QUEUES;
      case "GetQueueAttributes" -> QUEUE_ATTRIBUTES;
      default -> EMPTY;
    };
  }

  static byte[] error(String code, String message) {
    return bytes(
        "{\"__type\":\"com.amazonaws.sqs#" + code + "\",\"message\":\""
            + message.replace("\\", "\\\\").replace("\"", "'") + "\"}");
  }

  private static byte[] queueUrl(String name) {
    String safe = name == null ? "ceiling" : name.replaceAll("[^A-Za-z0-9_.-]", "");
    return bytes("{\"QueueUrl\":\"http://127.0.0.1/000000000000/" + safe + "\"}");
  }

  private static byte[] batch(List<String> ids, boolean sent) {
    StringBuilder json = new StringBuilder(64 + ids.size() * 120).append("{\"Successful\":[");
    for (int i = 0; i < ids.size(); i++) {
      json.append(i == 0 ? "" : ",").append("{\"Id\":\"").append(ids.get(i)).append('"');
      if (sent) {
        json.append(",\"MessageId\":\"").append(MESSAGE_ID)
            .append("\",\"MD5OfMessageBody\":\"").append(MD5).append('"');
      }
      json.append('}');
    }
    return bytes(json.append("],\"Failed\":[]}").toString());
  }

  /** The "Id" of every object in the top-level "Entries" array. */
  private static List<String> entryIds(InputStream body) throws IOException {
    List<String> ids = new ArrayList<>(10);
    try (JsonParser parser = JSON.createParser(body)) {
      int depth = 0;
      boolean inEntries = false;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        switch (token) {
          case START_OBJECT, START_ARRAY -> depth++;
          case END_OBJECT, END_ARRAY -> {
            depth--;
            if (depth == 1) {
              inEntries = false;
            }
          }
          case FIELD_NAME -> {
            String field = parser.currentName();
            if (depth == 1 && "Entries".equals(field)) {
              inEntries = true;
            } else if (inEntries && depth == 3 && "Id".equals(field)) {
              parser.nextToken();
              ids.add(parser.getValueAsString().replaceAll("[^A-Za-z0-9_-]", ""));
            }
          }
          default -> {}
        }
      }
    }
    return ids;
  }

  private static int receiveCount(InputStream body) throws IOException {
    String text = null;
    try (JsonParser parser = JSON.createParser(body)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME && "MaxNumberOfMessages".equals(parser.currentName())) {
          parser.nextToken();
          text = parser.getValueAsString();
        }
      }
    }
    int requested = text == null ? 1 : Integer.parseInt(text.trim());
    return Math.max(0, Math.min(MAX_RECEIVE, requested));
  }

  private static String stringField(InputStream body, String name) throws IOException {
    try (JsonParser parser = JSON.createParser(body)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME && name.equals(parser.currentName())) {
          parser.nextToken();
          return parser.getValueAsString();
        }
      }
    }
    return null;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
