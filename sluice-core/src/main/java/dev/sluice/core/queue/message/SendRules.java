package dev.sluice.core.queue.message;

import dev.sluice.core.queue.SqsError;
import dev.sluice.core.queue.SqsException;
import dev.sluice.core.queue.model.SendMessageRequest;
import dev.sluice.core.queue.store.MessageSizes;
import dev.sluice.core.queue.store.QueueRecord;
import dev.sluice.core.queue.store.QueueSettings;

/**
 * Checks one message to send against AWS's rules and the queue it goes to, in the order AWS reports
 * problems: body, size, characters, attributes, FIFO ids, then what the queue type allows.
 */
public final class SendRules {

  public static final int MAX_DELAY_SECONDS = 900;

  /** Where the message came from: AWS words the size refusal differently in a batch. */
  public enum Origin {
    SEND_MESSAGE("One or more parameters are invalid. "),
    SEND_MESSAGE_BATCH("One or more parameters cannot be validated. ");

    private final String sizeRefusalPrefix;

    Origin(String sizeRefusalPrefix) {
      this.sizeRefusalPrefix = sizeRefusalPrefix;
    }
  }

  private SendRules() {}

  public static void check(SendMessageRequest message, QueueRecord queue, Origin origin) {
    check(message, queue, queue.settings(), origin);
  }

  /** As above, with the queue's settings already parsed (they are on the hot path). */
  public static void check(
      SendMessageRequest message, QueueRecord queue, QueueSettings settings, Origin origin) {
    String body = message.body();
    if (body == null || body.isEmpty()) {
      throw SqsException.missingParameter("MessageBody");
    }
    int maximum = settings.maximumMessageSize();
    if (MessageSizes.sizeOf(body, message.messageAttributes()) > maximum) {
      throw SqsException.invalidParameterValue(origin.sizeRefusalPrefix
          + "Reason: Message must be shorter than " + maximum + " bytes.");
    }
    if (!MessageCharacters.allValid(body)) {
      throw new SqsException(SqsError.INVALID_MESSAGE_CONTENTS, MessageCharacters.INVALID_CHARACTERS);
    }
    MessageAttributeRules.checkMessageAttributes(message.messageAttributes());
    MessageAttributeRules.checkSystemAttributes(message.systemAttributes());
    FifoIds.check(message.messageDeduplicationId(), "MessageDeduplicationId");
    FifoIds.check(message.messageGroupId(), "MessageGroupId");
    checkDelay(message.delaySeconds());
    if (queue.fifo()) {
      checkFifoRequirements(message, settings);
    } else if (message.messageDeduplicationId() != null) {
      throw notForThisQueueType("MessageDeduplicationId", message.messageDeduplicationId());
    }
  }

  /** The checks SendMessageBatch makes on every entry before any is sent. */
  public static void checkBatchFifoRequirements(SendMessageRequest message, QueueRecord queue) {
    if (!queue.fifo()) {
      return;
    }
    if (isBlank(message.messageDeduplicationId())
        && !queue.settings().contentBasedDeduplication()) {
      throw missingDeduplicationId();
    }
    if (isBlank(message.messageGroupId())) {
      throw SqsException.invalidParameterValue(
          "The request must contain the parameter MessageGroupId.");
    }
  }

  private static void checkFifoRequirements(SendMessageRequest message, QueueSettings settings) {
    Integer delay = message.delaySeconds();
    if (delay != null && delay != 0) {
      // AWS: "You can't set DelaySeconds per message in FIFO queues"; 0 is accepted.
      throw SqsException.invalidParameterValue("Value " + delay + " for parameter DelaySeconds is"
          + " invalid. Reason: The request include parameter that is not valid for this queue type.");
    }
    if (message.messageGroupId() == null) {
      throw SqsException.missingParameter("MessageGroupId");
    }
    if (message.messageDeduplicationId() == null && !settings.contentBasedDeduplication()) {
      throw missingDeduplicationId();
    }
  }

  private static void checkDelay(Integer delay) {
    if (delay != null && (delay < 0 || delay > MAX_DELAY_SECONDS)) {
      throw SqsException.invalidParameterValue("Value " + delay + " for parameter DelaySeconds is"
          + " invalid. Reason: DelaySeconds must be >= 0 and <= " + MAX_DELAY_SECONDS + ".");
    }
  }

  private static SqsException notForThisQueueType(String parameter, String value) {
    return SqsException.invalidParameterValue("Value " + value + " for parameter " + parameter
        + " is invalid. Reason: The request includes a parameter that is not valid for this queue"
        + " type.");
  }

  private static SqsException missingDeduplicationId() {
    return SqsException.invalidParameterValue("The queue should either have"
        + " ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
  }

  private static boolean isBlank(String s) {
    return s == null || s.isEmpty();
  }
}
