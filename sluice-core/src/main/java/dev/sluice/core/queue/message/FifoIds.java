package dev.sluice.core.queue.message;

import dev.sluice.core.queue.SqsException;
import java.util.regex.Pattern;

/**
 * MessageGroupId, MessageDeduplicationId and ReceiveRequestAttemptId: 1 to 128 characters,
 * "alphanumeric characters and punctuation (!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~)".
 */
public final class FifoIds {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9!-/:-@\\[-`{-~]{1,128}");

  private FifoIds() {}

  /** Refuses a present but malformed id; null (absent) passes. */
  public static void check(String id, String parameter) {
    if (id != null && !ID.matcher(id).matches()) {
      throw SqsException.invalidParameterValue("Value " + id + " for parameter " + parameter
          + " is invalid. Reason: " + parameter
          + " can only include alphanumeric and punctuation characters. 1 to 128 in length.");
    }
  }
}
