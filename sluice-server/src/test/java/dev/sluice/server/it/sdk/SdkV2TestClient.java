package dev.sluice.server.it.sdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** The scenario client over the AWS SDK for Java v2 {@link SqsClient} (AWS JSON 1.0 protocol). */
public final class SdkV2TestClient implements SqsTestClient {

  private final SqsClient sqs;

  public SdkV2TestClient(SqsClient sqs) {
    this.sqs = sqs;
  }

  /** The underlying client, for scenarios only SDK v2 can run. */
  public SqsClient sqs() {
    return sqs;
  }

  @Override
  public String sdkName() {
    return "AWS SDK for Java v2";
  }

  @Override
  public String createQueue(String name, Map<String, String> attributes, Map<String, String> tags) {
    return call(() -> sqs.createQueue(r -> r.queueName(name)
        .attributesWithStrings(attributes.isEmpty() ? null : attributes)
        .tags(tags.isEmpty() ? null : tags)).queueUrl());
  }

  @Override
  public String getQueueUrl(String name) {
    return call(() -> sqs.getQueueUrl(r -> r.queueName(name)).queueUrl());
  }

  @Override
  public QueuePage listQueues(String prefix, Integer maxResults, String nextToken) {
    return call(() -> {
      var response = sqs.listQueues(r -> r.queueNamePrefix(prefix).maxResults(maxResults)
          .nextToken(nextToken));
      return new QueuePage(response.queueUrls(), response.nextToken());
    });
  }

  @Override
  public void deleteQueue(String queueUrl) {
    run(() -> sqs.deleteQueue(r -> r.queueUrl(queueUrl)));
  }

  @Override
  public Map<String, String> getQueueAttributes(String queueUrl, String... attributeNames) {
    return call(() -> sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
        .attributeNamesWithStrings(attributeNames)).attributesAsStrings());
  }

  @Override
  public void setQueueAttributes(String queueUrl, Map<String, String> attributes) {
    run(() -> sqs.setQueueAttributes(r -> r.queueUrl(queueUrl).attributesWithStrings(attributes)));
  }

  @Override
  public void purgeQueue(String queueUrl) {
    run(() -> sqs.purgeQueue(r -> r.queueUrl(queueUrl)));
  }

  @Override
  public SentMessage sendMessage(String queueUrl, OutgoingMessage message) {
    return call(() -> {
      var response = sqs.sendMessage(r -> r.queueUrl(queueUrl)
          .messageBody(message.body())
          .messageAttributes(toSdk(message.attributes()))
          .delaySeconds(message.delaySeconds())
          .messageGroupId(message.groupId())
          .messageDeduplicationId(message.deduplicationId()));
      return new SentMessage(response.messageId(), response.md5OfMessageBody(),
          response.md5OfMessageAttributes(), response.sequenceNumber());
    });
  }

  @Override
  public BatchOutcome sendMessageBatch(String queueUrl, Map<String, OutgoingMessage> entriesById) {
    List<SendMessageBatchRequestEntry> entries = entriesById.entrySet().stream()
        .map(e -> SendMessageBatchRequestEntry.builder()
            .id(e.getKey())
            .messageBody(e.getValue().body())
            .messageAttributes(toSdk(e.getValue().attributes()))
            .delaySeconds(e.getValue().delaySeconds())
            .messageGroupId(e.getValue().groupId())
            .messageDeduplicationId(e.getValue().deduplicationId())
            .build())
        .toList();
    return call(() -> {
      var response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
      Map<String, String> ok = new LinkedHashMap<>();
      response.successful().forEach(s -> ok.put(s.id(), s.messageId()));
      return new BatchOutcome(ok, failures(response.failed()));
    });
  }

  @Override
  @SuppressWarnings("deprecation") // AttributeNames is the legacy name the task asks to exercise
  public List<ReceivedMessage> receiveMessages(String queueUrl, ReceiveOptions options) {
    return call(() -> sqs.receiveMessage(r -> r.queueUrl(queueUrl)
            .maxNumberOfMessages(options.maxMessages())
            .waitTimeSeconds(options.waitTimeSeconds())
            .visibilityTimeout(options.visibilityTimeout())
            .attributeNamesWithStrings(options.attributeNames())
            .messageAttributeNames(options.messageAttributeNames()))
        .messages().stream().map(SdkV2TestClient::fromSdk).toList());
  }

  @Override
  public void deleteMessage(String queueUrl, String receiptHandle) {
    run(() -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(receiptHandle)));
  }

  @Override
  public BatchOutcome deleteMessageBatch(String queueUrl, Map<String, String> receiptHandlesById) {
    List<DeleteMessageBatchRequestEntry> entries = receiptHandlesById.entrySet().stream()
        .map(e -> DeleteMessageBatchRequestEntry.builder().id(e.getKey())
            .receiptHandle(e.getValue()).build())
        .toList();
    return call(() -> {
      var response = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
      Map<String, String> ok = new LinkedHashMap<>();
      response.successful().forEach(s -> ok.put(s.id(), ""));
      return new BatchOutcome(ok, failures(response.failed()));
    });
  }

  @Override
  public void changeMessageVisibility(
      String queueUrl, String receiptHandle, int visibilityTimeout) {
    run(() -> sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(receiptHandle)
        .visibilityTimeout(visibilityTimeout)));
  }

  @Override
  public BatchOutcome changeMessageVisibilityBatch(
      String queueUrl, Map<String, String> receiptHandlesById, int visibilityTimeout) {
    List<ChangeMessageVisibilityBatchRequestEntry> entries = receiptHandlesById.entrySet().stream()
        .map(e -> ChangeMessageVisibilityBatchRequestEntry.builder().id(e.getKey())
            .receiptHandle(e.getValue()).visibilityTimeout(visibilityTimeout).build())
        .toList();
    return call(() -> {
      var response = sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queueUrl).entries(entries));
      Map<String, String> ok = new LinkedHashMap<>();
      response.successful().forEach(s -> ok.put(s.id(), ""));
      return new BatchOutcome(ok, failures(response.failed()));
    });
  }

  @Override
  public void tagQueue(String queueUrl, Map<String, String> tags) {
    run(() -> sqs.tagQueue(r -> r.queueUrl(queueUrl).tags(tags)));
  }

  @Override
  public void untagQueue(String queueUrl, List<String> tagKeys) {
    run(() -> sqs.untagQueue(r -> r.queueUrl(queueUrl).tagKeys(tagKeys)));
  }

  @Override
  public Map<String, String> listQueueTags(String queueUrl) {
    return call(() -> sqs.listQueueTags(r -> r.queueUrl(queueUrl)).tags());
  }

  @Override
  public List<String> listDeadLetterSourceQueues(String queueUrl) {
    return call(() -> sqs.listDeadLetterSourceQueues(r -> r.queueUrl(queueUrl)).queueUrls());
  }

  @Override
  public String startMessageMoveTask(String sourceArn, String destinationArn) {
    return call(() -> sqs.startMessageMoveTask(r -> r.sourceArn(sourceArn)
        .destinationArn(destinationArn)).taskHandle());
  }

  @Override
  public List<MoveTask> listMessageMoveTasks(String sourceArn) {
    return call(() -> sqs.listMessageMoveTasks(r -> r.sourceArn(sourceArn)).results().stream()
        .map(SdkV2TestClient::fromSdk).toList());
  }

  @Override
  public void addPermission(
      String queueUrl, String label, List<String> accountIds, List<String> actions) {
    run(() -> sqs.addPermission(r -> r.queueUrl(queueUrl).label(label).awsAccountIds(accountIds)
        .actions(actions)));
  }

  @Override
  public void removePermission(String queueUrl, String label) {
    run(() -> sqs.removePermission(r -> r.queueUrl(queueUrl).label(label)));
  }

  @Override
  public void close() {
    sqs.close();
  }

  private static Map<String, MessageAttributeValue> toSdk(Map<String, Attribute> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return null;
    }
    Map<String, MessageAttributeValue> sdk = new LinkedHashMap<>();
    attributes.forEach((name, a) -> sdk.put(name, MessageAttributeValue.builder()
        .dataType(a.dataType())
        .stringValue(a.stringValue())
        .binaryValue(a.binaryValue() == null ? null : SdkBytes.fromByteArray(a.binaryValue()))
        .build()));
    return sdk;
  }

  private static ReceivedMessage fromSdk(Message m) {
    Map<String, Attribute> attributes = m.messageAttributes().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> new Attribute(
            e.getValue().dataType(),
            e.getValue().stringValue(),
            e.getValue().binaryValue() == null ? null : e.getValue().binaryValue().asByteArray())));
    return new ReceivedMessage(m.messageId(), m.receiptHandle(), m.body(), m.md5OfBody(),
        m.md5OfMessageAttributes(), m.attributesAsStrings(), attributes);
  }

  private static MoveTask fromSdk(ListMessageMoveTasksResultEntry e) {
    return new MoveTask(e.status(), e.sourceArn(), e.destinationArn(),
        e.approximateNumberOfMessagesMoved() == null ? 0 : e.approximateNumberOfMessagesMoved(),
        e.approximateNumberOfMessagesToMove() == null ? 0 : e.approximateNumberOfMessagesToMove(),
        e.taskHandle());
  }

  private static Map<String, BatchFailure> failures(List<BatchResultErrorEntry> failed) {
    Map<String, BatchFailure> byId = new LinkedHashMap<>();
    failed.forEach(f -> byId.put(f.id(), new BatchFailure(f.code(), f.message(), f.senderFault())));
    return byId;
  }

  private static <T> T call(Supplier<T> sdkCall) {
    try {
      return sdkCall.get();
    } catch (AwsServiceException e) {
      throw new SqsCallFailed(e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage(),
          e.statusCode(), e);
    }
  }

  private static void run(Runnable sdkCall) {
    call(() -> {
      sdkCall.run();
      return null;
    });
  }
}
