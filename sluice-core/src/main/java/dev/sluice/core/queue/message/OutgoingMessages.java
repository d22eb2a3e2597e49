package dev.sluice.core.queue.message;

import dev.sluice.core.queue.model.MessageAttributeValue;
import dev.sluice.core.queue.model.SendMessageRequest;
import dev.sluice.core.queue.model.SendMessageResult;
import dev.sluice.core.queue.store.MessageData;
import dev.sluice.core.queue.store.NewMessage;
import dev.sluice.core.queue.store.QueueRecord;
import dev.sluice.core.queue.store.QueueSettings;
import dev.sluice.core.queue.store.SendOutcome;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Turns a checked send request into what the store appends, and the store's outcome into the answer. */
public final class OutgoingMessages {

  private OutgoingMessages() {}

  /** Call only after {@link SendRules#check} accepted the request. */
  public static NewMessage build(
      SendMessageRequest request, QueueRecord queue, long nowMillis, String defaultSenderId) {
    return build(request, queue, queue.settings(), nowMillis, defaultSenderId);
  }

  /** As above, with the queue's settings already parsed. */
  public static NewMessage build(SendMessageRequest request, QueueRecord queue,
      QueueSettings settings, long nowMillis, String defaultSenderId) {
    Map<String, MessageAttributeValue> attributes = sorted(request.messageAttributes());
    Map<String, MessageAttributeValue> systemAttributes = sorted(request.systemAttributes());
    MessageData data = new MessageData(
        RandomUuids.nextString(),
        request.body(),
        MessageDigests.md5OfBody(request.body()),
        attributes,
        MessageDigests.md5OfSortedAttributes(attributes),
        systemAttributes,
        MessageDigests.md5OfSortedAttributes(systemAttributes),
        nowMillis,
        request.senderId() != null ? request.senderId() : defaultSenderId,
        request.messageGroupId(),
        queue.fifo() ? deduplicationId(request, settings) : null,
        null);
    return new NewMessage(data, delaySeconds(request, queue.fifo(), settings));
  }

  /**
   * The answer to the sender. A FIFO duplicate answers with the original message's id, but the
   * digests are of what this request sent: the SDKs check them against their own request.
   */
  public static SendMessageResult result(NewMessage sent, SendOutcome outcome, boolean fifo) {
    MessageData data = sent.data();
    return new SendMessageResult(
        outcome.message().messageId(),
        data.md5OfBody(),
        data.md5OfMessageAttributes(),
        data.md5OfMessageSystemAttributes(),
        fifo ? SequenceNumbers.render(outcome.sequenceNumber()) : null);
  }

  private static String deduplicationId(SendMessageRequest request, QueueSettings settings) {
    if (request.messageDeduplicationId() != null) {
      return request.messageDeduplicationId();
    }
    return settings.contentBasedDeduplication() ? MessageDigests.sha256OfBody(request.body()) : null;
  }

  // FIFO queues only honour the queue's delay; standard messages may bring their own.
  private static int delaySeconds(SendMessageRequest request, boolean fifo, QueueSettings settings) {
    if (!fifo && request.delaySeconds() != null) {
      return request.delaySeconds();
    }
    return settings.delaySeconds();
  }

  // In name order, as the attribute digests need them (they take these without another copy).
  private static Map<String, MessageAttributeValue> sorted(Map<String, MessageAttributeValue> map) {
    return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
  }
}
