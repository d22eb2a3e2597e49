package dev.sluice.core.queue.message;

import dev.sluice.core.queue.model.MessageAttributeValue;
import dev.sluice.core.queue.model.ReceiveMessageRequest;
import dev.sluice.core.queue.model.ReceivedMessage;
import dev.sluice.core.queue.store.Delivery;
import dev.sluice.core.queue.store.MessageData;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Shapes deliveries the way one ReceiveMessage asked: which system attributes (legacy
 * AttributeNames and MessageSystemAttributeNames together) and which message attributes, with
 * MD5OfMessageAttributes computed over the attributes actually returned, as the SDKs verify it.
 */
public final class ReceivedMessages {

  public static final String SENDER_ID = "SenderId";
  public static final String SENT_TIMESTAMP = "SentTimestamp";
  public static final String APPROXIMATE_RECEIVE_COUNT = "ApproximateReceiveCount";
  public static final String APPROXIMATE_FIRST_RECEIVE_TIMESTAMP = "ApproximateFirstReceiveTimestamp";
  public static final String SEQUENCE_NUMBER = "SequenceNumber";
  public static final String MESSAGE_DEDUPLICATION_ID = "MessageDeduplicationId";
  public static final String MESSAGE_GROUP_ID = "MessageGroupId";
  public static final String DEAD_LETTER_QUEUE_SOURCE_ARN = "DeadLetterQueueSourceArn";

  private final boolean allSystemAttributes;
  private final Set<String> systemAttributeNames = new HashSet<>();
  private final MessageAttributeFilter messageAttributeFilter;
  private final boolean fifo;

  public ReceivedMessages(ReceiveMessageRequest request, boolean fifo) {
    systemAttributeNames.addAll(request.attributeNames());
    systemAttributeNames.addAll(request.messageSystemAttributeNames());
    this.allSystemAttributes = systemAttributeNames.contains("All");
    this.messageAttributeFilter = new MessageAttributeFilter(request.messageAttributeNames());
    this.fifo = fifo;
  }

  public List<ReceivedMessage> shape(List<Delivery> deliveries) {
    return deliveries.stream().map(this::shape).toList();
  }

  public ReceivedMessage shape(Delivery delivery) {
    MessageData data = delivery.message();
    Map<String, MessageAttributeValue> attributes =
        messageAttributeFilter.select(data.messageAttributes());
    return new ReceivedMessage(
        data.messageId(),
        delivery.receiptHandle(),
        data.body(),
        data.md5OfBody(),
        systemAttributes(delivery),
        attributes,
        MessageDigests.md5OfAttributes(attributes));
  }

  private Map<String, String> systemAttributes(Delivery delivery) {
    if (systemAttributeNames.isEmpty()) {
      return Map.of();
    }
    MessageData data = delivery.message();
    Map<String, String> result = new TreeMap<>();
    put(result, SENDER_ID, data.senderId());
    put(result, SENT_TIMESTAMP, Long.toString(data.sentTimestamp()));
    put(result, APPROXIMATE_RECEIVE_COUNT, Integer.toString(delivery.receiveCount()));
    put(result, APPROXIMATE_FIRST_RECEIVE_TIMESTAMP, Long.toString(delivery.firstReceiveTimestamp()));
    if (fifo) {
      put(result, SEQUENCE_NUMBER, SequenceNumbers.render(delivery.sequenceNumber()));
      put(result, MESSAGE_DEDUPLICATION_ID, data.messageDeduplicationId());
    }
    // why: standard queues may carry a MessageGroupId too (fair queues), and AWS returns it.
    put(result, MESSAGE_GROUP_ID, data.messageGroupId());
    MessageAttributeValue traceHeader = data.systemAttributes().get(MessageAttributeRules.AWS_TRACE_HEADER);
    put(result, MessageAttributeRules.AWS_TRACE_HEADER,
        traceHeader == null ? null : traceHeader.stringValue());
    put(result, DEAD_LETTER_QUEUE_SOURCE_ARN, data.deadLetterQueueSourceArn());
    return result;
  }

  private void put(Map<String, String> result, String name, String value) {
    if (value != null && (allSystemAttributes || systemAttributeNames.contains(name))) {
      result.put(name, value);
    }
  }
}
