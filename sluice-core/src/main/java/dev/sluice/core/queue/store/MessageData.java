package dev.sluice.core.queue.store;

import dev.sluice.core.queue.model.MessageAttributeValue;
import java.util.Map;

/**
 * The immutable part of a message, fixed when it was sent. The core computes every derived value
 * (ids, MD5s, the FIFO de-duplication id) before the store sees it.
 *
 * @param messageGroupId null on standard queues (unless the client set one; AWS allows it)
 * @param messageDeduplicationId FIFO only: explicit or content-based (SHA-256 of the body, hex)
 * @param deadLetterQueueSourceArn set when the message was moved to a dead-letter queue
 */
public record MessageData(
    String messageId,
    String body,
    String md5OfBody,
    Map<String, MessageAttributeValue> messageAttributes,
    String md5OfMessageAttributes,
    Map<String, MessageAttributeValue> systemAttributes,
    String md5OfMessageSystemAttributes,
    long sentTimestamp,
    String senderId,
    String messageGroupId,
    String messageDeduplicationId,
    String deadLetterQueueSourceArn) {

  public MessageData withDeadLetterQueueSourceArn(String sourceArn) {
    return new MessageData(messageId, body, md5OfBody, messageAttributes, md5OfMessageAttributes,
        systemAttributes, md5OfMessageSystemAttributes, sentTimestamp, senderId, messageGroupId,
        messageDeduplicationId, sourceArn);
  }

  /** Approximate bytes the message takes: body plus attribute names, types and values. */
  public int sizeInBytes() {
    return MessageSizes.sizeOf(body, messageAttributes);
  }
}
