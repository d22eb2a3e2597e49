package dev.sluice.core.queue.attributes;

import static dev.sluice.core.queue.attributes.QueueAttributeNames.*;

import dev.sluice.core.queue.SqsError;
import dev.sluice.core.queue.SqsException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks and normalizes the attributes a client gives CreateQueue or SetQueueAttributes, with
 * AWS's ranges, defaults and errors. Numbers are stored in canonical form and booleans in lower
 * case, so that "30" and "030" are the same value when CreateQueue compares an existing queue.
 */
public final class QueueAttributeRules {

  public static final int DEFAULT_VISIBILITY_TIMEOUT = 30;
  public static final int MAX_VISIBILITY_TIMEOUT = 43_200;
  public static final int DEFAULT_MESSAGE_RETENTION_PERIOD = 345_600;
  public static final int DEFAULT_MAXIMUM_MESSAGE_SIZE = 1_048_576;
  public static final int MAX_RECEIVE_MESSAGE_WAIT_TIME_SECONDS = 20;
  // why: AWS treats these values as "not set" and stops returning the attribute.
  private static final String DEFAULT_KMS_DATA_KEY_REUSE_PERIOD = "300";

  private QueueAttributeRules() {}

  /** The stored attributes of a new queue before the client's own. */
  public static Map<String, String> defaults(boolean fifo) {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put(DELAY_SECONDS, "0");
    defaults.put(MAXIMUM_MESSAGE_SIZE, Integer.toString(DEFAULT_MAXIMUM_MESSAGE_SIZE));
    defaults.put(MESSAGE_RETENTION_PERIOD, Integer.toString(DEFAULT_MESSAGE_RETENTION_PERIOD));
    defaults.put(RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "0");
    defaults.put(VISIBILITY_TIMEOUT, Integer.toString(DEFAULT_VISIBILITY_TIMEOUT));
    defaults.put(SQS_MANAGED_SSE_ENABLED, "true");
    if (fifo) {
      defaults.put(FIFO_QUEUE, "true");
      defaults.put(CONTENT_BASED_DEDUPLICATION, "false");
      defaults.put(DEDUPLICATION_SCOPE, "queue");
      defaults.put(FIFO_THROUGHPUT_LIMIT, "perQueue");
    }
    return defaults;
  }

  /**
   * Checks {@code given} for a queue named by {@code queueArn}; the first bad attribute, in the
   * client's order, is refused.
   */
  public static AttributeChanges check(
      Map<String, String> given, boolean fifo, String queueArn, QueueLookup queues) {
    AttributeChanges changes = new AttributeChanges();
    for (var entry : given.entrySet()) {
      String name = entry.getKey();
      String value = entry.getValue() == null ? "" : entry.getValue();
      changes.request(name, normalize(name, value, fifo, queueArn, queues));
    }
    implyEncryption(changes);
    return changes;
  }

  /** Rules that span attributes, checked on the attributes a queue would have. */
  public static void checkCombination(Map<String, String> attributes) {
    if ("perMessageGroupId".equals(attributes.get(FIFO_THROUGHPUT_LIMIT))
        && !"messageGroup".equals(attributes.get(DEDUPLICATION_SCOPE))) {
      throw new SqsException(SqsError.INVALID_ATTRIBUTE_VALUE, "Invalid value for the parameter "
          + FIFO_THROUGHPUT_LIMIT + ". Reason: The perMessageGroupId value is allowed only when the"
          + " value for DeduplicationScope is messageGroup.");
    }
  }

  private static String normalize(
      String name, String value, boolean fifo, String queueArn, QueueLookup queues) {
    if (FIFO_ONLY.contains(name) && !fifo) {
      throw notOnStandardQueues(name);
    }
    return switch (name) {
      case VISIBILITY_TIMEOUT -> integer(name, value, 0, MAX_VISIBILITY_TIMEOUT);
      case MESSAGE_RETENTION_PERIOD -> integer(name, value, 60, 1_209_600);
      case MAXIMUM_MESSAGE_SIZE -> integer(name, value, 1_024, DEFAULT_MAXIMUM_MESSAGE_SIZE);
      case DELAY_SECONDS -> integer(name, value, 0, 900);
      case RECEIVE_MESSAGE_WAIT_TIME_SECONDS ->
          integer(name, value, 0, MAX_RECEIVE_MESSAGE_WAIT_TIME_SECONDS);
      case KMS_DATA_KEY_REUSE_PERIOD_SECONDS -> {
        String seconds = integer(name, value, 60, 86_400);
        yield seconds.equals(DEFAULT_KMS_DATA_KEY_REUSE_PERIOD) ? null : seconds;
      }
      case KMS_MASTER_KEY_ID -> value.isEmpty() ? null : value;
      case SQS_MANAGED_SSE_ENABLED, CONTENT_BASED_DEDUPLICATION -> bool(name, value);
      case FIFO_QUEUE -> fifoQueue(value);
      case DEDUPLICATION_SCOPE -> oneOf(name, value, Set.of("messageGroup", "queue"));
      case FIFO_THROUGHPUT_LIMIT -> oneOf(name, value, Set.of("perQueue", "perMessageGroupId"));
      case POLICY -> policy(value);
      case REDRIVE_POLICY -> RedrivePolicies.isEmpty(value)
          ? null
          : RedrivePolicies.normalizeRedrivePolicy(value, queueArn, fifo, queues);
      case REDRIVE_ALLOW_POLICY -> {
        if (value.isBlank()) {
          yield null;
        }
        RedrivePolicies.checkRedriveAllowPolicy(value);
        yield value;
      }
      default -> throw unknownAttribute(name);
    };
  }

  /**
   * One server-side encryption at a time: a KMS key turns SQS-managed encryption off, and turning
   * SQS-managed encryption on drops the KMS settings. Asking for both at once is refused.
   */
  private static void implyEncryption(AttributeChanges changes) {
    boolean kmsKeyGiven = changes.value(KMS_MASTER_KEY_ID) != null;
    boolean sqsManagedOn = "true".equals(changes.value(SQS_MANAGED_SSE_ENABLED));
    if (kmsKeyGiven && sqsManagedOn) {
      throw new SqsException(SqsError.INVALID_ATTRIBUTE_NAME, "You can use one type of"
          + " server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.");
    }
    if (kmsKeyGiven) {
      changes.imply(SQS_MANAGED_SSE_ENABLED, "false");
    } else if (sqsManagedOn) {
      changes.imply(KMS_MASTER_KEY_ID, null);
      changes.imply(KMS_DATA_KEY_REUSE_PERIOD_SECONDS, null);
    }
  }

  private static String integer(String name, String value, int min, int max) {
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= min && parsed <= max) {
        return Integer.toString(parsed);
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw invalidValue(name);
  }

  private static String bool(String name, String value) {
    String lower = value.trim().toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("false")) {
      return lower;
    }
    throw invalidValue(name);
  }

  private static String fifoQueue(String value) {
    if (value.trim().equalsIgnoreCase("true")) {
      return "true";
    }
    throw new SqsException(SqsError.INVALID_ATTRIBUTE_VALUE, "Invalid value for the parameter"
        + " FifoQueue. Reason: Modifying queue type is not supported.");
  }

  private static String oneOf(String name, String value, Set<String> allowed) {
    if (allowed.contains(value)) {
      return value;
    }
    throw invalidValue(name);
  }

  private static String policy(String value) {
    if (value.isBlank()) {
      return null;
    }
    if (RedrivePolicies.parseObject(value).isEmpty()) {
      throw invalidValue(POLICY);
    }
    return value;
  }

  private static SqsException notOnStandardQueues(String name) {
    if (name.equals(DEDUPLICATION_SCOPE) || name.equals(FIFO_THROUGHPUT_LIMIT)) {
      return new SqsException(SqsError.INVALID_ATTRIBUTE_NAME,
          "You can specify the " + name + " only when FifoQueue is set to true.");
    }
    return unknownAttribute(name);
  }

  public static SqsException unknownAttribute(String name) {
    return new SqsException(SqsError.INVALID_ATTRIBUTE_NAME, "Unknown Attribute " + name + ".");
  }

  private static SqsException invalidValue(String name) {
    return new SqsException(
        SqsError.INVALID_ATTRIBUTE_VALUE, "Invalid value for the parameter " + name + ".");
  }
}
