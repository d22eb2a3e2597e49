package dev.sluice.protocol.aws.sqs;

import dev.sluice.core.queue.QueueService;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Queue tags. */
final class TagActions {

  private final QueueService queues;

  TagActions(QueueService queues) {
    this.queues = queues;
  }

  Map<String, SqsAction> actions() {
    return Map.of(
        "TagQueue", this::tagQueue,
        "UntagQueue", this::untagQueue,
        "ListQueueTags", this::listQueueTags);
  }

  private CompletableFuture<SqsReply> tagQueue(SqsCall call) {
    String name = call.queueName();
    Map<String, String> tags = call.in().stringMap("Tags", "Tag", "Key", "Value");
    if (tags.isEmpty()) {
      // Query requests name the entries Tag.N (AWS's reference) or Tags.N (the AWS SDK for Java v1).
      tags = call.in().stringMap("Tags", "Tags", "Key", "Value");
    }
    return Futures.map(queues.tagQueue(name, tags), done -> SqsReply.NONE);
  }

  private CompletableFuture<SqsReply> untagQueue(SqsCall call) {
    String name = call.queueName();
    return Futures.map(queues.untagQueue(name, call.in().strings("TagKeys", "TagKey")),
        done -> SqsReply.NONE);
  }

  private CompletableFuture<SqsReply> listQueueTags(SqsCall call) {
    return Futures.map(queues.listQueueTags(call.queueName()),
        tags -> out -> out.stringMap("Tags", "Tag", "Key", "Value", tags));
  }
}
