package dev.sluice.core.queue.model;

import java.util.Map;

/**
 * One delivered message, with only the attributes the receive asked for.
 *
 * @param attributes system attributes by AWS name (SentTimestamp, ApproximateReceiveCount, ...)
 * @param md5OfMessageAttributes null when no message attribute is returned
 */
public record ReceivedMessage(
    String messageId,
    String receiptHandle,
    String body,
    String md5OfBody,
    Map<String, String> attributes,
    Map<String, MessageAttributeValue> messageAttributes,
    String md5OfMessageAttributes) {}
