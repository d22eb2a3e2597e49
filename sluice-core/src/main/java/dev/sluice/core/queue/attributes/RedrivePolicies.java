package dev.sluice.core.queue.attributes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.queue.QueueArns;
import dev.sluice.core.queue.SqsException;
import dev.sluice.core.queue.store.QueueRecord;
import java.util.Optional;
import java.util.Set;

/** RedrivePolicy (where a queue's dead letters go) and RedriveAllowPolicy (who may send them here). */
public final class RedrivePolicies {

  public static final int MIN_MAX_RECEIVE_COUNT = 1;
  public static final int MAX_MAX_RECEIVE_COUNT = 1000;
  public static final int MAX_SOURCE_QUEUE_ARNS = 10;
  private static final Set<String> PERMISSIONS = Set.of("allowAll", "denyAll", "byQueue");
  private static final ObjectMapper JSON = new ObjectMapper();

  private RedrivePolicies() {}

  /**
   * Checks a RedrivePolicy for the queue {@code sourceArn} and renders it as AWS stores it:
   * {@code {"deadLetterTargetArn":"...","maxReceiveCount":N}}.
   */
  public static String normalizeRedrivePolicy(
      String raw, String sourceArn, boolean sourceFifo, QueueLookup queues) {
    JsonNode policy = parseObject(raw).orElseThrow(() -> invalidRedrive(raw, "Invalid JSON."));
    JsonNode arnNode = policy.get("deadLetterTargetArn");
    if (arnNode == null || arnNode.isNull()) {
      throw invalidRedrive(raw, "Redrive policy does not contain mandatory attribute:"
          + " deadLetterTargetArn.");
    }
    JsonNode countNode = policy.get("maxReceiveCount");
    if (countNode == null || countNode.isNull()) {
      throw invalidRedrive(raw, "Redrive policy does not contain mandatory attribute:"
          + " maxReceiveCount.");
    }
    int maxReceiveCount = maxReceiveCount(raw, countNode);
    String targetArn = arnNode.asText();
    if (!QueueArns.wellFormed(targetArn)) {
      throw invalidRedrive(raw, "Invalid value for deadLetterTargetArn.");
    }
    QueueRecord target = queues.byArn(targetArn)
        .orElseThrow(() -> invalidRedrive(raw, "Dead letter target does not exist."));
    if (target.fifo() != sourceFifo) {
      // AWS's message really ends with two periods.
      throw invalidRedrive(raw, "Dead-letter queue must be same type of queue as the source..");
    }
    if (!allows(target.attributes().get(QueueAttributeNames.REDRIVE_ALLOW_POLICY), sourceArn)) {
      throw invalidRedrive(raw, "Dead-letter queue does not allow this source queue.");
    }
    ObjectNode canonical = JSON.createObjectNode();
    canonical.put("deadLetterTargetArn", targetArn);
    canonical.put("maxReceiveCount", maxReceiveCount);
    return canonical.toString();
  }

  /** Checks a RedriveAllowPolicy; it is stored as given. */
  public static void checkRedriveAllowPolicy(String raw) {
    JsonNode policy = parseObject(raw).orElseThrow(() -> unsupportedAllowPolicy(raw));
    String permission = policy.path("redrivePermission").asText("");
    if (!PERMISSIONS.contains(permission)) {
      throw unsupportedAllowPolicy(raw);
    }
    JsonNode sources = policy.get("sourceQueueArns");
    if (!permission.equals("byQueue")) {
      if (sources != null) {
        throw unsupportedAllowPolicy(raw);
      }
      return;
    }
    if (sources == null || !sources.isArray() || sources.isEmpty()) {
      throw unsupportedAllowPolicy(raw);
    }
    if (sources.size() > MAX_SOURCE_QUEUE_ARNS) {
      throw SqsException.invalidParameterValue("Value " + raw + " for parameter"
          + " RedriveAllowPolicy is invalid. Reason: Number of source queue ARNs exceeds the"
          + " limit of " + MAX_SOURCE_QUEUE_ARNS + ".");
    }
    for (JsonNode source : sources) {
      if (!source.isTextual() || !QueueArns.wellFormed(source.asText())) {
        throw unsupportedAllowPolicy(raw);
      }
    }
  }

  /** Whether a dead-letter queue with this RedriveAllowPolicy (null: none) accepts {@code sourceArn}. */
  public static boolean allows(String allowPolicy, String sourceArn) {
    if (allowPolicy == null) {
      return true;
    }
    JsonNode policy = parseObject(allowPolicy).orElse(null);
    if (policy == null) {
      return true;
    }
    return switch (policy.path("redrivePermission").asText("allowAll")) {
      case "denyAll" -> false;
      case "byQueue" -> {
        for (JsonNode source : policy.path("sourceQueueArns")) {
          if (source.asText().equals(sourceArn)) {
            yield true;
          }
        }
        yield false;
      }
      default -> true;
    };
  }

  /** An empty RedrivePolicy (blank or {@code {}}) removes the queue's dead-letter queue. */
  public static boolean isEmpty(String raw) {
    return raw.isBlank() || parseObject(raw).map(JsonNode::isEmpty).orElse(false);
  }

  private static int maxReceiveCount(String raw, JsonNode node) {
    String text = node.asText();
    int count;
    try {
      count = node.isIntegralNumber() ? node.intValue() : Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      count = Integer.MIN_VALUE;
    }
    if (count < MIN_MAX_RECEIVE_COUNT || count > MAX_MAX_RECEIVE_COUNT) {
      throw invalidRedrive(raw, "Invalid value for maxReceiveCount: " + text
          + ", valid values are from " + MIN_MAX_RECEIVE_COUNT + " to " + MAX_MAX_RECEIVE_COUNT
          + " both inclusive.");
    }
    return count;
  }

  static Optional<JsonNode> parseObject(String raw) {
    try {
      JsonNode node = JSON.readTree(raw);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static SqsException invalidRedrive(String raw, String reason) {
    return SqsException.invalidParameterValue(
        "Value " + raw + " for parameter RedrivePolicy is invalid. Reason: " + reason);
  }

  private static SqsException unsupportedAllowPolicy(String raw) {
    return SqsException.invalidParameterValue("Value " + raw + " for parameter RedriveAllowPolicy"
        + " is invalid. Reason: Amazon SQS can't create the redrive allow policy, as it's in an"
        + " unsupported format.");
  }
}
