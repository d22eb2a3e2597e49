package dev.sluice.server.it.sdk;

import com.amazonaws.AmazonServiceException;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.model.AddPermissionRequest;
import com.amazonaws.services.sqs.model.BatchResultErrorEntry;
import com.amazonaws.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import com.amazonaws.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import com.amazonaws.services.sqs.model.CreateQueueRequest;
import com.amazonaws.services.sqs.model.DeleteMessageBatchRequest;
import com.amazonaws.services.sqs.model.DeleteMessageBatchRequestEntry;
import com.amazonaws.services.sqs.model.GetQueueAttributesRequest;
import com.amazonaws.services.sqs.model.ListDeadLetterSourceQueuesRequest;
import com.amazonaws.services.sqs.model.ListMessageMoveTasksRequest;
import com.amazonaws.services.sqs.model.ListMessageMoveTasksResultEntry;
import com.amazonaws.services.sqs.model.ListQueuesRequest;
import com.amazonaws.services.sqs.model.Message;
import com.amazonaws.services.sqs.model.MessageAttributeValue;
import com.amazonaws.services.sqs.model.PurgeQueueRequest;
import com.amazonaws.services.sqs.model.ReceiveMessageRequest;
import com.amazonaws.services.sqs.model.SendMessageBatchRequest;
import com.amazonaws.services.sqs.model.SendMessageBatchRequestEntry;
import com.amazonaws.services.sqs.model.SendMessageRequest;
import com.amazonaws.services.sqs.model.StartMessageMoveTaskRequest;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The scenario client over the AWS SDK for Java v1 {@link AmazonSQS}. Version 1.12.797 speaks the
 * AWS JSON 1.0 protocol to SQS (AWS moved the SDKs off the Query protocol in 2023–24) and, unlike
 * v2, POSTs each call to the path of its QueueUrl (its {@code QueueUrlHandler} also sends it to the
 * URL's host: so this client must only ever see queue URLs that point at the test server).
 */
public final class SdkV1TestClient implements SqsTestClient {

  private final AmazonSQS sqs;

  public SdkV1TestClient(AmazonSQS sqs) {
    this.sqs = sqs;
  }

  @Override
  public String sdkName() {
    return "AWS SDK for Java v1";
  }

  @Override
  public String createQueue(String name, Map<String, String> attributes, Map<String, String> tags) {
    CreateQueueRequest request = new CreateQueueRequest(name);
    if (!attributes.isEmpty()) {
      request.setAttributes(attributes);
    }
    if (!tags.isEmpty()) {
      request.setTags(tags);
    }
    return call(() -> sqs.createQueue(request).getQueueUrl());
  }

  @Override
  public String getQueueUrl(String name) {
    return call(() -> sqs.getQueueUrl(name).getQueueUrl());
  }

  @Override
  public QueuePage listQueues(String prefix, Integer maxResults, String nextToken) {
    return call(() -> {
      var result = sqs.listQueues(new ListQueuesRequest().withQueueNamePrefix(prefix)
          .withMaxResults(maxResults).withNextToken(nextToken));
      return new QueuePage(result.getQueueUrls(), result.getNextToken());
    });
  }

  @Override
  public void deleteQueue(String queueUrl) {
    run(() -> sqs.deleteQueue(queueUrl));
  }

  @Override
  public Map<String, String> getQueueAttributes(String queueUrl, String... attributeNames) {
    return call(() -> sqs.getQueueAttributes(new GetQueueAttributesRequest(queueUrl)
        .withAttributeNames(attributeNames)).getAttributes());
  }

  @Override
  public void setQueueAttributes(String queueUrl, Map<String, String> attributes) {
    run(() -> sqs.setQueueAttributes(queueUrl, attributes));
  }

  @Override
  public void purgeQueue(String queueUrl) {
    run(() -> sqs.purgeQueue(new PurgeQueueRequest(queueUrl)));
  }

  @Override
  public SentMessage sendMessage(String queueUrl, OutgoingMessage message) {
    SendMessageRequest request = new SendMessageRequest(queueUrl, message.body())
        .withDelaySeconds(message.delaySeconds())
        .withMessageGroupId(message.groupId())
        .withMessageDeduplicationId(message.deduplicationId());
    if (!message.attributes().isEmpty()) {
      request.setMessageAttributes(toSdk(message.attributes()));
    }
    return call(() -> {
      var result = sqs.sendMessage(request);
      return new SentMessage(result.getMessageId(), result.getMD5OfMessageBody(),
          result.getMD5OfMessageAttributes(), result.getSequenceNumber());
    });
  }

  @Override
  public BatchOutcome sendMessageBatch(String queueUrl, Map<String, OutgoingMessage> entriesById) {
    List<SendMessageBatchRequestEntry> entries = entriesById.entrySet().stream()
        .map(e -> {
          OutgoingMessage m = e.getValue();
          var entry = new SendMessageBatchRequestEntry(e.getKey(), m.body())
              .withDelaySeconds(m.delaySeconds())
              .withMessageGroupId(m.groupId())
              .withMessageDeduplicationId(m.deduplicationId());
          if (!m.attributes().isEmpty()) {
            entry.setMessageAttributes(toSdk(m.attributes()));
          }
          return entry;
        })
        .toList();
    return call(() -> {
      var result = sqs.sendMessageBatch(new SendMessageBatchRequest(queueUrl, entries));
      Map<String, String> ok = new LinkedHashMap<>();
      result.getSuccessful().forEach(s -> ok.put(s.getId(), s.getMessageId()));
      return new BatchOutcome(ok, failures(result.getFailed()));
    });
  }

  @Override
  public List<ReceivedMessage> receiveMessages(String queueUrl, ReceiveOptions options) {
    ReceiveMessageRequest request = new ReceiveMessageRequest(queueUrl)
        .withMaxNumberOfMessages(options.maxMessages())
        .withWaitTimeSeconds(options.waitTimeSeconds())
        .withVisibilityTimeout(options.visibilityTimeout());
    if (options.attributeNames() != null) {
      request.setAttributeNames(options.attributeNames());
    }
    if (options.messageAttributeNames() != null) {
      request.setMessageAttributeNames(options.messageAttributeNames());
    }
    return call(() -> sqs.receiveMessage(request).getMessages().stream()
        .map(SdkV1TestClient::fromSdk).toList());
  }

  @Override
  public void deleteMessage(String queueUrl, String receiptHandle) {
    run(() -> sqs.deleteMessage(queueUrl, receiptHandle));
  }

  @Override
  public BatchOutcome deleteMessageBatch(String queueUrl, Map<String, String> receiptHandlesById) {
    List<DeleteMessageBatchRequestEntry> entries = receiptHandlesById.entrySet().stream()
        .map(e -> new DeleteMessageBatchRequestEntry(e.getKey(), e.getValue()))
        .toList();
    return call(() -> {
      var result = sqs.deleteMessageBatch(new DeleteMessageBatchRequest(queueUrl, entries));
      Map<String, String> ok = new LinkedHashMap<>();
      result.getSuccessful().forEach(s -> ok.put(s.getId(), ""));
      return new BatchOutcome(ok, failures(result.getFailed()));
    });
  }

  @Override
  public void changeMessageVisibility(
      String queueUrl, String receiptHandle, int visibilityTimeout) {
    run(() -> sqs.changeMessageVisibility(queueUrl, receiptHandle, visibilityTimeout));
  }

  @Override
  public BatchOutcome changeMessageVisibilityBatch(
      String queueUrl, Map<String, String> receiptHandlesById, int visibilityTimeout) {
    List<ChangeMessageVisibilityBatchRequestEntry> entries = receiptHandlesById.entrySet().stream()
        .map(e -> new ChangeMessageVisibilityBatchRequestEntry(e.getKey(), e.getValue())
            .withVisibilityTimeout(visibilityTimeout))
        .toList();
    return call(() -> {
      var result = sqs.changeMessageVisibilityBatch(
          new ChangeMessageVisibilityBatchRequest(queueUrl, entries));
      Map<String, String> ok = new LinkedHashMap<>();
      result.getSuccessful().forEach(s -> ok.put(s.getId(), ""));
      return new BatchOutcome(ok, failures(result.getFailed()));
    });
  }

  @Override
  public void tagQueue(String queueUrl, Map<String, String> tags) {
    run(() -> sqs.tagQueue(queueUrl, tags));
  }

  @Override
  public void untagQueue(String queueUrl, List<String> tagKeys) {
    run(() -> sqs.untagQueue(queueUrl, tagKeys));
  }

  @Override
  public Map<String, String> listQueueTags(String queueUrl) {
    return call(() -> sqs.listQueueTags(queueUrl).getTags());
  }

  @Override
  public List<String> listDeadLetterSourceQueues(String queueUrl) {
    return call(() -> sqs.listDeadLetterSourceQueues(
        new ListDeadLetterSourceQueuesRequest().withQueueUrl(queueUrl)).getQueueUrls());
  }

  @Override
  public String startMessageMoveTask(String sourceArn, String destinationArn) {
    return call(() -> sqs.startMessageMoveTask(new StartMessageMoveTaskRequest()
        .withSourceArn(sourceArn).withDestinationArn(destinationArn)).getTaskHandle());
  }

  @Override
  public List<MoveTask> listMessageMoveTasks(String sourceArn) {
    return call(() -> sqs.listMessageMoveTasks(new ListMessageMoveTasksRequest()
        .withSourceArn(sourceArn)).getResults().stream().map(SdkV1TestClient::fromSdk).toList());
  }

  @Override
  public void addPermission(
      String queueUrl, String label, List<String> accountIds, List<String> actions) {
    run(() -> sqs.addPermission(new AddPermissionRequest(queueUrl, label, accountIds, actions)));
  }

  @Override
  public void removePermission(String queueUrl, String label) {
    run(() -> sqs.removePermission(queueUrl, label));
  }

  @Override
  public void close() {
    sqs.shutdown();
  }

  private static Map<String, MessageAttributeValue> toSdk(Map<String, Attribute> attributes) {
    Map<String, MessageAttributeValue> sdk = new LinkedHashMap<>();
    attributes.forEach((name, a) -> sdk.put(name, new MessageAttributeValue()
        .withDataType(a.dataType())
        .withStringValue(a.stringValue())
        .withBinaryValue(a.binaryValue() == null ? null : ByteBuffer.wrap(a.binaryValue()))));
    return sdk;
  }

  private static ReceivedMessage fromSdk(Message m) {
    Map<String, Attribute> attributes = m.getMessageAttributes().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> new Attribute(
            e.getValue().getDataType(),
            e.getValue().getStringValue(),
            bytes(e.getValue().getBinaryValue()))));
    return new ReceivedMessage(m.getMessageId(), m.getReceiptHandle(), m.getBody(),
        m.getMD5OfBody(), m.getMD5OfMessageAttributes(), m.getAttributes(), attributes);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] copy = new byte[buffer.remaining()];
    buffer.duplicate().get(copy);
    return copy;
  }

  private static MoveTask fromSdk(ListMessageMoveTasksResultEntry e) {
    return new MoveTask(e.getStatus(), e.getSourceArn(), e.getDestinationArn(),
        orZero(e.getApproximateNumberOfMessagesMoved()),
        orZero(e.getApproximateNumberOfMessagesToMove()),
        e.getTaskHandle());
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static Map<String, BatchFailure> failures(List<BatchResultErrorEntry> failed) {
    Map<String, BatchFailure> byId = new LinkedHashMap<>();
    failed.forEach(f -> byId.put(f.getId(),
        new BatchFailure(f.getCode(), f.getMessage(), Boolean.TRUE.equals(f.getSenderFault()))));
    return byId;
  }

  private static <T> T call(Supplier<T> sdkCall) {
    try {
      return sdkCall.get();
    } catch (AmazonServiceException e) {
      throw new SqsCallFailed(e.getErrorCode(), e.getErrorMessage(), e.getStatusCode(), e);
    }
  }

  private static void run(Runnable sdkCall) {
    call(() -> {
      sdkCall.run();
      return null;
    });
  }
}
