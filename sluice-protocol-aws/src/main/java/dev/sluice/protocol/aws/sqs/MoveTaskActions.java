package dev.sluice.protocol.aws.sqs;

import dev.sluice.core.queue.QueueService;
import dev.sluice.core.queue.model.MessageMoveTask;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Message move tasks (dead-letter queue redrive). Queues are named by ARN here, not by URL. */
final class MoveTaskActions {

  private final QueueService queues;

  MoveTaskActions(QueueService queues) {
    this.queues = queues;
  }

  Map<String, SqsAction> actions() {
    return Map.of(
        "StartMessageMoveTask", this::startMessageMoveTask,
        "ListMessageMoveTasks", this::listMessageMoveTasks,
        "CancelMessageMoveTask", this::cancelMessageMoveTask);
  }

  private CompletableFuture<SqsReply> startMessageMoveTask(SqsCall call) {
    SqsInput in = call.in();
    return Futures.map(
        queues.startMessageMoveTask(in.requiredString("SourceArn"), in.string("DestinationArn"),
            in.integer("MaxNumberOfMessagesPerSecond")),
        handle -> out -> out.string("TaskHandle", handle));
  }

  private CompletableFuture<SqsReply> listMessageMoveTasks(SqsCall call) {
    SqsInput in = call.in();
    return Futures.map(
        queues.listMessageMoveTasks(in.requiredString("SourceArn"), in.integer("MaxResults")),
        tasks -> out -> out.list("Results", "ListMessageMoveTasksResultEntry", tasks, MoveTaskActions::writeTask));
  }

  private CompletableFuture<SqsReply> cancelMessageMoveTask(SqsCall call) {
    return Futures.map(queues.cancelMessageMoveTask(call.in().requiredString("TaskHandle")),
        moved -> out -> out.number("ApproximateNumberOfMessagesMoved", moved));
  }

  private static void writeTask(SqsOutput out, MessageMoveTask task) {
    out.string("TaskHandle", task.taskHandle())
        .string("Status", task.status())
        .string("SourceArn", task.sourceArn())
        .string("DestinationArn", task.destinationArn())
        .number("MaxNumberOfMessagesPerSecond", task.maxNumberOfMessagesPerSecond())
        .number("ApproximateNumberOfMessagesMoved", task.approximateNumberOfMessagesMoved())
        .number("ApproximateNumberOfMessagesToMove", task.approximateNumberOfMessagesToMove())
        .string("FailureReason", task.failureReason())
        .number("StartedTimestamp", task.startedTimestamp());
  }
}
