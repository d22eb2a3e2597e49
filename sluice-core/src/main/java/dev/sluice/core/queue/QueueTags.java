package dev.sluice.core.queue;

import java.util.HashMap;
import java.util.Map;

/** Cost-allocation tags: at most 50 per queue, keys of 1 to 128 and values of up to 256 characters. */
public final class QueueTags {

  public static final int MAX_TAGS = 50;
  public static final int MAX_KEY_LENGTH = 128;
  public static final int MAX_VALUE_LENGTH = 256;

  private QueueTags() {}

  /** {@code current} with {@code added} merged in (an existing key is overwritten), checked. */
  public static Map<String, String> merge(
      String queueName, Map<String, String> current, Map<String, String> added) {
    for (var tag : added.entrySet()) {
      checkTag(tag.getKey(), tag.getValue());
    }
    Map<String, String> merged = new HashMap<>(current);
    merged.putAll(added);
    if (merged.size() > MAX_TAGS) {
      throw SqsException.invalidParameterValue("Too many tags added for queue " + queueName + ".");
    }
    return merged;
  }

  private static void checkTag(String key, String value) {
    if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw SqsException.invalidParameterValue(
          "Tag keys must be between 1 and " + MAX_KEY_LENGTH + " characters in length.");
    }
    if (key.regionMatches(true, 0, "aws:", 0, 4)) {
      throw SqsException.invalidParameterValue(
          "Tag keys starting with 'aws:' are reserved for AWS use.");
    }
    if (value == null || value.length() > MAX_VALUE_LENGTH) {
      throw SqsException.invalidParameterValue(
          "Tag values must be between 0 and " + MAX_VALUE_LENGTH + " characters in length.");
    }
  }
}
