package dev.sluice.core.queue.model;

import java.util.Map;

/**
 * One message to send, as the client gave it. Nullable fields were absent from the request.
 *
 * @param senderId who sends it (reported back as the SenderId system attribute)
 * @param systemAttributes message system attributes; AWS accepts only {@code AWSTraceHeader}
 */
public record SendMessageRequest(
    String body,
    Integer delaySeconds,
    Map<String, MessageAttributeValue> messageAttributes,
    Map<String, MessageAttributeValue> systemAttributes,
    String messageDeduplicationId,
    String messageGroupId,
    String senderId) {

  public SendMessageRequest {
    messageAttributes = messageAttributes == null ? Map.of() : messageAttributes;
    systemAttributes = systemAttributes == null ? Map.of() : systemAttributes;
  }

  public static SendMessageRequest of(String body) {
    return new SendMessageRequest(body, null, Map.of(), Map.of(), null, null, null);
  }
}
