package dev.sluice.core.queue.model;

import java.util.List;

/**
 * A receive as the client asked for it. Nullable numbers were absent (queue defaults apply).
 *
 * @param attributeNames the legacy {@code AttributeNames} list ({@code All} included)
 * @param messageSystemAttributeNames the newer {@code MessageSystemAttributeNames} list
 * @param messageAttributeNames names, {@code All}, {@code .*} or prefixes such as {@code bar.*}
 */
public record ReceiveMessageRequest(
    Integer maxNumberOfMessages,
    Integer visibilityTimeout,
    Integer waitTimeSeconds,
    List<String> attributeNames,
    List<String> messageSystemAttributeNames,
    List<String> messageAttributeNames,
    String receiveRequestAttemptId) {

  public ReceiveMessageRequest {
    attributeNames = attributeNames == null ? List.of() : attributeNames;
    messageSystemAttributeNames =
        messageSystemAttributeNames == null ? List.of() : messageSystemAttributeNames;
    messageAttributeNames = messageAttributeNames == null ? List.of() : messageAttributeNames;
  }

  public static ReceiveMessageRequest of(int maxNumberOfMessages) {
    return new ReceiveMessageRequest(maxNumberOfMessages, null, null, null, null, null, null);
  }
}
