package dev.sluice.protocol.aws.sqs;

import dev.sluice.core.queue.QueueService;
import dev.sluice.core.queue.SqsError;
import dev.sluice.core.queue.SqsException;
import dev.sluice.core.queue.model.ChangeVisibilityRequest;
import dev.sluice.core.queue.model.ReceiveMessageRequest;
import dev.sluice.core.queue.model.ReceivedMessage;
import dev.sluice.core.queue.model.SendMessageRequest;
import dev.sluice.core.queue.model.SendMessageResult;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Single messages: send, receive, delete, change visibility. */
final class MessageActions {

  private final QueueService queues;

  MessageActions(QueueService queues) {
    this.queues = queues;
  }

  Map<String, SqsAction> actions() {
    return Map.of(
        "SendMessage", this::sendMessage,
        "ReceiveMessage", this::receiveMessage,
        "DeleteMessage", this::deleteMessage,
        "ChangeMessageVisibility", this::changeMessageVisibility);
  }

  private CompletableFuture<SqsReply> sendMessage(SqsCall call) {
    String name = call.queueName();
    call.in().requiredString("MessageBody");
    SendMessageRequest request = sendRequest(call.in(), call.senderId(), "SendMessage");
    return Futures.map(queues.sendMessage(name, request), result -> out -> writeSent(out, result));
  }

  private CompletableFuture<SqsReply> receiveMessage(SqsCall call) {
    SqsInput in = call.in();
    String name = call.queueName();
    ReceiveMessageRequest request = new ReceiveMessageRequest(
        in.integer("MaxNumberOfMessages"),
        in.integer("VisibilityTimeout"),
        in.integer("WaitTimeSeconds"),
        in.strings("AttributeNames", "AttributeName"),
        in.strings("MessageSystemAttributeNames", "MessageSystemAttributeName"),
        in.strings("MessageAttributeNames", "MessageAttributeName"),
        in.string("ReceiveRequestAttemptId"));
    return Futures.map(queues.receiveMessage(name, request),
        messages -> out -> out.list("Messages", "Message", messages, MessageActions::writeMessage));
  }

  private CompletableFuture<SqsReply> deleteMessage(SqsCall call) {
    String name = call.queueName();
    String receiptHandle = call.in().requiredString("ReceiptHandle");
    return Futures.map(queues.deleteMessage(name, receiptHandle), done -> SqsReply.NONE);
  }

  private CompletableFuture<SqsReply> changeMessageVisibility(SqsCall call) {
    SqsInput in = call.in();
    String name = call.queueName();
    ChangeVisibilityRequest request = new ChangeVisibilityRequest(
        in.requiredString("ReceiptHandle"), in.requiredInteger("VisibilityTimeout"));
    return Futures.map(queues.changeMessageVisibility(name, request), done -> SqsReply.NONE);
  }

  /** A SendMessage request, or one SendMessageBatch entry: the members are the same. */
  static SendMessageRequest sendRequest(SqsInput in, String senderId, String action) {
    if (in.hasAttributeListValues("MessageAttributes", "MessageAttribute")) {
      // AWS's model lists StringListValues/BinaryListValues, but the service refuses them whole.
      throw new SqsException(SqsError.UNSUPPORTED_OPERATION,
          "Message attribute list values in " + action + " operation are not supported.");
    }
    return new SendMessageRequest(
        in.string("MessageBody"),
        in.integer("DelaySeconds"),
        in.messageAttributes("MessageAttributes", "MessageAttribute"),
        in.messageAttributes("MessageSystemAttributes", "MessageSystemAttribute"),
        in.string("MessageDeduplicationId"),
        in.string("MessageGroupId"),
        senderId);
  }

  /** The members of a send's answer, shared by SendMessage and SendMessageBatch entries. */
  static void writeSent(SqsOutput out, SendMessageResult result) {
    out.string("MessageId", result.messageId())
        .string("MD5OfMessageBody", result.md5OfMessageBody())
        .string("MD5OfMessageAttributes", result.md5OfMessageAttributes())
        .string("MD5OfMessageSystemAttributes", result.md5OfMessageSystemAttributes())
        .string("SequenceNumber", result.sequenceNumber());
  }

  private static void writeMessage(SqsOutput out, ReceivedMessage message) {
    out.string("MessageId", message.messageId())
        .string("ReceiptHandle", message.receiptHandle())
        .string("MD5OfBody", message.md5OfBody())
        .string("Body", message.body())
        .stringMap("Attributes", "Attribute", "Name", "Value", message.attributes())
        .string("MD5OfMessageAttributes", message.md5OfMessageAttributes())
        .messageAttributes("MessageAttributes", "MessageAttribute", message.messageAttributes());
  }
}
