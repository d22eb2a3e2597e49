package dev.sluice.protocol.aws.sqs;

import dev.sluice.core.queue.QueueService;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** AddPermission and RemovePermission, which edit the queue's Policy attribute. */
final class PermissionActions {

  private final QueueService queues;

  PermissionActions(QueueService queues) {
    this.queues = queues;
  }

  Map<String, SqsAction> actions() {
    return Map.of(
        "AddPermission", this::addPermission,
        "RemovePermission", this::removePermission);
  }

  private CompletableFuture<SqsReply> addPermission(SqsCall call) {
    SqsInput in = call.in();
    String name = call.queueName();
    return Futures.map(
        queues.addPermission(name, in.requiredString("Label"),
            in.strings("AWSAccountIds", "AWSAccountId"), in.strings("Actions", "ActionName")),
        done -> SqsReply.NONE);
  }

  private CompletableFuture<SqsReply> removePermission(SqsCall call) {
    String name = call.queueName();
    return Futures.map(queues.removePermission(name, call.in().requiredString("Label")),
        done -> SqsReply.NONE);
  }
}
