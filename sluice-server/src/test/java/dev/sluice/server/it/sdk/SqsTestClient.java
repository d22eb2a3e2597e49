package dev.sluice.server.it.sdk;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The SQS API as the scenario suite sees it, implemented once per AWS SDK (ElasticMQ's
 * MultiSdkTestSuite idea): every scenario runs through each real client, so a wire format that only
 * one SDK accepts fails a test. Implementations translate SDK types to the records below and SDK
 * service errors to {@link SqsCallFailed}; they add no logic of their own.
 */
public interface SqsTestClient extends AutoCloseable {

  /** Which SDK this is, for test display names. */
  String sdkName();

  String createQueue(String name, Map<String, String> attributes, Map<String, String> tags);

  default String createQueue(String name, Map<String, String> attributes) {
    return createQueue(name, attributes, Map.of());
  }

  default String createQueue(String name) {
    return createQueue(name, Map.of(), Map.of());
  }

  String getQueueUrl(String name);

  QueuePage listQueues(String prefix, Integer maxResults, String nextToken);

  void deleteQueue(String queueUrl);

  Map<String, String> getQueueAttributes(String queueUrl, String... attributeNames);

  void setQueueAttributes(String queueUrl, Map<String, String> attributes);

  void purgeQueue(String queueUrl);

  SentMessage sendMessage(String queueUrl, OutgoingMessage message);

  default SentMessage sendMessage(String queueUrl, String body) {
    return sendMessage(queueUrl, OutgoingMessage.of(body));
  }

  BatchOutcome sendMessageBatch(String queueUrl, Map<String, OutgoingMessage> entriesById);

  List<ReceivedMessage> receiveMessages(String queueUrl, ReceiveOptions options);

  void deleteMessage(String queueUrl, String receiptHandle);

  BatchOutcome deleteMessageBatch(String queueUrl, Map<String, String> receiptHandlesById);

  void changeMessageVisibility(String queueUrl, String receiptHandle, int visibilityTimeout);

  BatchOutcome changeMessageVisibilityBatch(
      String queueUrl, Map<String, String> receiptHandlesById, int visibilityTimeout);

  void tagQueue(String queueUrl, Map<String, String> tags);

  void untagQueue(String queueUrl, List<String> tagKeys);

  Map<String, String> listQueueTags(String queueUrl);

  List<String> listDeadLetterSourceQueues(String queueUrl);

  /** {@code destinationArn} null: each message goes back to the queue it was dead-lettered from. */
  String startMessageMoveTask(String sourceArn, String destinationArn);

  List<MoveTask> listMessageMoveTasks(String sourceArn);

  void addPermission(String queueUrl, String label, List<String> accountIds, List<String> actions);

  void removePermission(String queueUrl, String label);

  @Override
  void close();

  /** A message attribute as sent and received: String, Number or Binary, with optional sub-type. */
  record Attribute(String dataType, String stringValue, byte[] binaryValue) {
    public static Attribute string(String value) {
      return new Attribute("String", value, null);
    }

    public static Attribute number(String dataType, String value) {
      return new Attribute(dataType, value, null);
    }

    public static Attribute binary(String dataType, byte[] value) {
      return new Attribute(dataType, null, value);
    }

    // Records compare arrays by identity; attributes are compared by content in assertions.
    @Override
    public boolean equals(Object other) {
      return other instanceof Attribute that
          && dataType.equals(that.dataType)
          && Objects.equals(stringValue, that.stringValue)
          && Arrays.equals(binaryValue, that.binaryValue);
    }

    @Override
    public int hashCode() {
      return Objects.hash(dataType, stringValue, Arrays.hashCode(binaryValue));
    }

    @Override
    public String toString() {
      return dataType + "=" + (binaryValue != null ? Arrays.toString(binaryValue) : stringValue);
    }
  }

  record OutgoingMessage(
      String body,
      Map<String, Attribute> attributes,
      Integer delaySeconds,
      String groupId,
      String deduplicationId) {
    public static OutgoingMessage of(String body) {
      return new OutgoingMessage(body, Map.of(), null, null, null);
    }

    public OutgoingMessage withAttributes(Map<String, Attribute> newAttributes) {
      return new OutgoingMessage(body, newAttributes, delaySeconds, groupId, deduplicationId);
    }

    public OutgoingMessage withDelay(int seconds) {
      return new OutgoingMessage(body, attributes, seconds, groupId, deduplicationId);
    }

    public OutgoingMessage inGroup(String group) {
      return new OutgoingMessage(body, attributes, delaySeconds, group, deduplicationId);
    }

    public OutgoingMessage withDeduplicationId(String id) {
      return new OutgoingMessage(body, attributes, delaySeconds, groupId, id);
    }
  }

  record SentMessage(
      String messageId, String md5OfBody, String md5OfMessageAttributes, String sequenceNumber) {}

  record ReceivedMessage(
      String messageId,
      String receiptHandle,
      String body,
      String md5OfBody,
      String md5OfMessageAttributes,
      Map<String, String> attributes,
      Map<String, Attribute> messageAttributes) {}

  record ReceiveOptions(
      int maxMessages,
      Integer waitTimeSeconds,
      Integer visibilityTimeout,
      List<String> attributeNames,
      List<String> messageAttributeNames) {
    /** Up to ten messages, no wait, every system and message attribute. */
    public static ReceiveOptions all() {
      return new ReceiveOptions(10, 0, null, List.of("All"), List.of("All"));
    }

    public ReceiveOptions max(int n) {
      return new ReceiveOptions(n, waitTimeSeconds, visibilityTimeout, attributeNames,
          messageAttributeNames);
    }

    public ReceiveOptions waitSeconds(int seconds) {
      return new ReceiveOptions(maxMessages, seconds, visibilityTimeout, attributeNames,
          messageAttributeNames);
    }

    public ReceiveOptions visibility(int seconds) {
      return new ReceiveOptions(maxMessages, waitTimeSeconds, seconds, attributeNames,
          messageAttributeNames);
    }

    public ReceiveOptions messageAttributes(List<String> names) {
      return new ReceiveOptions(maxMessages, waitTimeSeconds, visibilityTimeout, attributeNames,
          names);
    }
  }

  record QueuePage(List<String> queueUrls, String nextToken) {}

  /**
   * Successful entry ids (mapped to the message id for sends, to "" for deletes and visibility
   * changes), and failed entry ids with their errors.
   */
  record BatchOutcome(Map<String, String> successful, Map<String, BatchFailure> failed) {}

  record BatchFailure(String code, String message, boolean senderFault) {}

  record MoveTask(
      String status,
      String sourceArn,
      String destinationArn,
      long messagesMoved,
      long messagesToMove,
      String taskHandle) {}
}
