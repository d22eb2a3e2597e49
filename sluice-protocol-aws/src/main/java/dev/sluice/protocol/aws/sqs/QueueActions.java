package dev.sluice.protocol.aws.sqs;

import dev.sluice.core.queue.QueueService;
import dev.sluice.core.queue.model.ListQueuesResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Queue lifecycle and attributes: create, find, list, delete, purge, attributes, DLQ sources. */
final class QueueActions {

  private final QueueService queues;

  QueueActions(QueueService queues) {
    this.queues = queues;
  }

  Map<String, SqsAction> actions() {
    return Map.of(
        "CreateQueue", this::createQueue,
        "GetQueueUrl", this::getQueueUrl,
        "ListQueues", this::listQueues,
        "DeleteQueue", this::deleteQueue,
        "GetQueueAttributes", this::getQueueAttributes,
        "SetQueueAttributes", this::setQueueAttributes,
        "PurgeQueue", this::purgeQueue,
        "ListDeadLetterSourceQueues", this::listDeadLetterSourceQueues);
  }

  private CompletableFuture<SqsReply> createQueue(SqsCall call) {
    SqsInput in = call.in();
    String name = in.requiredString("QueueName");
    // CreateQueue's JSON member for tags is lower-case "tags", unlike TagQueue's "Tags".
    return Futures.map(
        queues.createQueue(name, in.stringMap("Attributes", "Attribute", "Name", "Value"),
            in.stringMap("tags", "Tag", "Key", "Value")),
        created -> out -> out.string("QueueUrl", call.queueUrl(created)));
  }

  private CompletableFuture<SqsReply> getQueueUrl(SqsCall call) {
    SqsInput in = call.in();
    return Futures.map(
        queues.getQueueUrl(in.requiredString("QueueName"), in.string("QueueOwnerAWSAccountId")),
        name -> out -> out.string("QueueUrl", call.queueUrl(name)));
  }

  private CompletableFuture<SqsReply> listQueues(SqsCall call) {
    SqsInput in = call.in();
    return Futures.map(
        queues.listQueues(
            in.string("QueueNamePrefix"), in.integer("MaxResults"), in.string("NextToken")),
        page -> out -> writePage(out, "QueueUrls", call, page));
  }

  private CompletableFuture<SqsReply> deleteQueue(SqsCall call) {
    return Futures.map(queues.deleteQueue(call.queueName()), done -> SqsReply.NONE);
  }

  private CompletableFuture<SqsReply> getQueueAttributes(SqsCall call) {
    String name = call.queueName();
    List<String> names = call.in().strings("AttributeNames", "AttributeName");
    return Futures.map(queues.getQueueAttributes(name, names),
        attributes -> out -> out.stringMap("Attributes", "Attribute", "Name", "Value", attributes));
  }

  private CompletableFuture<SqsReply> setQueueAttributes(SqsCall call) {
    String name = call.queueName();
    Map<String, String> attributes =
        call.in().stringMap("Attributes", "Attribute", "Name", "Value");
    return Futures.map(queues.setQueueAttributes(name, attributes), done -> SqsReply.NONE);
  }

  private CompletableFuture<SqsReply> purgeQueue(SqsCall call) {
    return Futures.map(queues.purgeQueue(call.queueName()), done -> SqsReply.NONE);
  }

  private CompletableFuture<SqsReply> listDeadLetterSourceQueues(SqsCall call) {
    SqsInput in = call.in();
    String name = call.queueName();
    // The JSON member is lower-case "queueUrls" here, unlike ListQueues' "QueueUrls".
    return Futures.map(
        queues.listDeadLetterSourceQueues(name, in.integer("MaxResults"), in.string("NextToken")),
        page -> out -> writePage(out, "queueUrls", call, page));
  }

  private static void writePage(
      SqsOutput out, String jsonName, SqsCall call, ListQueuesResult page) {
    List<String> urls = page.queueNames().stream().map(call::queueUrl).toList();
    out.strings(jsonName, "QueueUrl", urls).string("NextToken", page.nextToken());
  }
}
