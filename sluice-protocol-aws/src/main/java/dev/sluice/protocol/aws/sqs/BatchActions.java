package dev.sluice.protocol.aws.sqs;

import dev.sluice.core.queue.QueueService;
import dev.sluice.core.queue.model.BatchEntry;
import dev.sluice.core.queue.model.BatchResult;
import dev.sluice.core.queue.model.ChangeVisibilityRequest;
import dev.sluice.core.queue.model.SendMessageRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The batch actions. Entries are passed on as the client sent them, missing members included: the
 * queue service validates each entry and reports failures per entry, as AWS does.
 */
final class BatchActions {

  private final QueueService queues;

  BatchActions(QueueService queues) {
    this.queues = queues;
  }

  Map<String, SqsAction> actions() {
    return Map.of(
        "SendMessageBatch", this::sendMessageBatch,
        "DeleteMessageBatch", this::deleteMessageBatch,
        "ChangeMessageVisibilityBatch", this::changeMessageVisibilityBatch);
  }

  private CompletableFuture<SqsReply> sendMessageBatch(SqsCall call) {
    String name = call.queueName();
    String senderId = call.senderId();
    List<BatchEntry<SendMessageRequest>> entries =
        call.in().entries("Entries", "SendMessageBatchRequestEntry").stream()
            .map(entry -> new BatchEntry<>(entry.string("Id"),
                MessageActions.sendRequest(entry, senderId, "SendMessageBatch")))
            .toList();
    return Futures.map(queues.sendMessageBatch(name, entries),
        result -> reply(result, "SendMessageBatchResultEntry",
            (out, success) -> MessageActions.writeSent(out, success.result())));
  }

  private CompletableFuture<SqsReply> deleteMessageBatch(SqsCall call) {
    String name = call.queueName();
    List<BatchEntry<String>> entries =
        call.in().entries("Entries", "DeleteMessageBatchRequestEntry").stream()
            .map(entry -> new BatchEntry<>(entry.string("Id"), entry.string("ReceiptHandle")))
            .toList();
    return Futures.map(queues.deleteMessageBatch(name, entries),
        result -> reply(result, "DeleteMessageBatchResultEntry", (out, success) -> {}));
  }

  private CompletableFuture<SqsReply> changeMessageVisibilityBatch(SqsCall call) {
    String name = call.queueName();
    List<BatchEntry<ChangeVisibilityRequest>> entries =
        call.in().entries("Entries", "ChangeMessageVisibilityBatchRequestEntry").stream()
            .map(entry -> new BatchEntry<>(entry.string("Id"), new ChangeVisibilityRequest(
                entry.string("ReceiptHandle"), entry.integer("VisibilityTimeout"))))
            .toList();
    return Futures.map(queues.changeMessageVisibilityBatch(name, entries),
        result -> reply(result, "ChangeMessageVisibilityBatchResultEntry", (out, success) -> {}));
  }

  private static <T> SqsReply reply(BatchResult<T> result, String successElement,
      BiConsumer<SqsOutput, BatchResult.Success<T>> writeSuccess) {
    return out -> out
        .list("Successful", successElement, result.successful(), (entry, success) -> {
          entry.string("Id", success.id());
          writeSuccess.accept(entry, success);
        })
        .list("Failed", "BatchResultErrorEntry", result.failed(), (entry, failure) -> entry
            .string("Id", failure.id())
            .bool("SenderFault", failure.senderFault())
            .string("Code", failure.error().queryCode())
            .string("Message", failure.message()));
  }
}
