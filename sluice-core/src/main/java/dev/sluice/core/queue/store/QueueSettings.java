package dev.sluice.core.queue.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The typed settings message operations need, parsed from a {@link QueueRecord}'s attributes. The
 * core validated them when they were set, so parsing here does not validate again.
 *
 * @param redrive null when the queue has no dead-letter queue
 * @param deduplicationPerGroup true for DeduplicationScope=messageGroup (FIFO only)
 */
public record QueueSettings(
    int visibilityTimeoutSeconds,
    int delaySeconds,
    int messageRetentionSeconds,
    int maximumMessageSize,
    int receiveMessageWaitTimeSeconds,
    boolean contentBasedDeduplication,
    boolean deduplicationPerGroup,
    Redrive redrive) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A dead-letter target: after {@code maxReceiveCount} receives a message moves to the queue named
   * {@code deadLetterQueueName} (same account) instead of being delivered again.
   */
  public record Redrive(String deadLetterQueueName, String deadLetterTargetArn, int maxReceiveCount) {}

  public static QueueSettings of(QueueRecord queue) {
    var a = queue.attributes();
    return new QueueSettings(
        intOr(a.get("VisibilityTimeout"), 30),
        intOr(a.get("DelaySeconds"), 0),
        intOr(a.get("MessageRetentionPeriod"), 345_600),
        intOr(a.get("MaximumMessageSize"), 1_048_576),
        intOr(a.get("ReceiveMessageWaitTimeSeconds"), 0),
        "true".equalsIgnoreCase(a.get("ContentBasedDeduplication")),
        "messageGroup".equals(a.get("DeduplicationScope")),
        parseRedrive(a.get("RedrivePolicy")));
  }

  private static int intOr(String value, int fallback) {
    return value == null || value.isEmpty() ? fallback : Integer.parseInt(value.trim());
  }

  private static Redrive parseRedrive(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(json);
      String arn = node.path("deadLetterTargetArn").asText(null);
      if (arn == null) {
        return null;
      }
      int max = node.path("maxReceiveCount").asInt(10);
      return new Redrive(arn.substring(arn.lastIndexOf(':') + 1), arn, max);
    } catch (IOException e) {
      return null;
    }
  }
}
