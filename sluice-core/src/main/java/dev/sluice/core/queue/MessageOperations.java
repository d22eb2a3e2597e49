package dev.sluice.core.queue;

import dev.sluice.core.queue.attributes.QueueAttributeRules;
import dev.sluice.core.queue.batch.BatchRules;
import dev.sluice.core.queue.message.FifoIds;
import dev.sluice.core.queue.message.OutgoingMessages;
import dev.sluice.core.queue.message.ReceivedMessages;
import dev.sluice.core.queue.message.SendRules;
import dev.sluice.core.queue.model.BatchEntry;
import dev.sluice.core.queue.model.BatchResult;
import dev.sluice.core.queue.model.ChangeVisibilityRequest;
import dev.sluice.core.queue.model.ReceiveMessageRequest;
import dev.sluice.core.queue.model.ReceivedMessage;
import dev.sluice.core.queue.model.SendMessageRequest;
import dev.sluice.core.queue.model.SendMessageResult;
import dev.sluice.core.queue.poll.LongPolls;
import dev.sluice.core.queue.store.DeleteOutcome;
import dev.sluice.core.queue.store.NewMessage;
import dev.sluice.core.queue.store.QueueRecord;
import dev.sluice.core.queue.store.QueueSettings;
import dev.sluice.core.queue.store.QueueStore;
import dev.sluice.core.queue.store.ReceiveSpec;
import dev.sluice.core.queue.store.SendOutcome;
import dev.sluice.core.queue.store.VisibilityOutcome;
import dev.sluice.core.time.TimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/** Sending, receiving (short and long polls), deleting and hiding messages, one by one or in batches. */
final class MessageOperations {

  static final int MAX_MESSAGES_PER_RECEIVE = 10;

  private final QueueStore store;
  private final TimeSource time;
  private final QueueCatalog catalog;
  private final LongPolls longPolls;
  private final String defaultSenderId;

  MessageOperations(
      QueueStore store, TimeSource time, QueueCatalog catalog, LongPolls longPolls, String senderId) {
    this.store = store;
    this.time = time;
    this.catalog = catalog;
    this.longPolls = longPolls;
    this.defaultSenderId = senderId;
  }

  CompletableFuture<SendMessageResult> send(String name, SendMessageRequest request) {
    QueueRecord queue = catalog.require(name);
    QueueSettings settings = queue.settings();
    SendMessageRequest message = request != null ? request : SendMessageRequest.of(null);
    SendRules.check(message, queue, settings, SendRules.Origin.SEND_MESSAGE);
    NewMessage sent =
        OutgoingMessages.build(message, queue, settings, time.nowMillis(), defaultSenderId);
    return store.send(name, List.of(sent))
        .thenApply(outcomes -> OutgoingMessages.result(sent, outcomes.get(0), queue.fifo()));
  }

  /** Entries that pass every check go to the store in one call: one write, one fsync. */
  CompletableFuture<BatchResult<SendMessageResult>> sendBatch(
      String name, List<BatchEntry<SendMessageRequest>> entries) {
    QueueRecord queue = catalog.require(name);
    BatchRules.checkEntries(entries, "SendMessageBatchRequestEntry");
    List<BatchEntry<SendMessageRequest>> requests = entries.stream()
        .map(entry -> new BatchEntry<>(entry.id(),
            entry.request() != null ? entry.request() : SendMessageRequest.of(null)))
        .toList();
    requests.forEach(entry -> SendRules.checkBatchFifoRequirements(entry.request(), queue));
    BatchRules.checkSendBatchSize(requests);
    QueueSettings settings = queue.settings();
    List<BatchResult.Failure> failed = new ArrayList<>();
    List<BatchEntry<NewMessage>> accepted = new ArrayList<>();
    for (BatchEntry<SendMessageRequest> entry : requests) {
      try {
        SendRules.check(entry.request(), queue, settings, SendRules.Origin.SEND_MESSAGE_BATCH);
        accepted.add(new BatchEntry<>(entry.id(), OutgoingMessages.build(
            entry.request(), queue, settings, time.nowMillis(), defaultSenderId)));
      } catch (SqsException refused) {
        failed.add(new BatchResult.Failure(entry.id(), refused.error(), refused.getMessage()));
      }
    }
    if (accepted.isEmpty()) {
      return CompletableFuture.completedFuture(new BatchResult<>(List.of(), failed));
    }
    List<NewMessage> messages = accepted.stream().map(BatchEntry::request).toList();
    return store.send(name, messages).thenApply(outcomes -> {
      List<BatchResult.Success<SendMessageResult>> successful = new ArrayList<>();
      for (int i = 0; i < accepted.size(); i++) {
        BatchEntry<NewMessage> entry = accepted.get(i);
        SendOutcome outcome = outcomes.get(i);
        successful.add(new BatchResult.Success<>(entry.id(),
            OutgoingMessages.result(entry.request(), outcome, queue.fifo())));
      }
      return new BatchResult<>(successful, failed);
    });
  }

  CompletableFuture<List<ReceivedMessage>> receive(String name, ReceiveMessageRequest request) {
    QueueRecord queue = catalog.require(name);
    ReceiveMessageRequest asked = request != null
        ? request : new ReceiveMessageRequest(null, null, null, null, null, null, null);
    QueueSettings settings = queue.settings();
    int maxMessages = maxMessages(asked.maxNumberOfMessages());
    int visibility = asked.visibilityTimeout() == null
        ? settings.visibilityTimeoutSeconds() : receiveVisibility(asked.visibilityTimeout());
    int waitSeconds = asked.waitTimeSeconds() == null
        ? settings.receiveMessageWaitTimeSeconds() : waitTimeSeconds(asked.waitTimeSeconds());
    String attemptId = null;
    if (queue.fifo()) {
      FifoIds.check(asked.receiveRequestAttemptId(), "ReceiveRequestAttemptId");
      attemptId = asked.receiveRequestAttemptId();
    }
    ReceiveSpec spec = new ReceiveSpec(maxMessages, visibility, attemptId);
    ReceivedMessages shaper = new ReceivedMessages(asked, queue.fifo());
    Supplier<CompletableFuture<List<ReceivedMessage>>> attempt =
        () -> store.receive(name, spec).thenApply(shaper::shape);
    if (waitSeconds == 0 || longPolls.closed()) {
      return Futures.unwrapped(attempt.get());
    }
    long deadline = time.nowMillis() + waitSeconds * 1000L;
    return longPolls.start(deadline, () -> store.availability().nextAvailable(name), attempt);
  }

  CompletableFuture<Void> delete(String name, String receiptHandle) {
    catalog.require(name);
    requireHandle(receiptHandle);
    return store.delete(name, receiptHandle).thenCompose(outcome -> {
      SqsException refused = deleteRefusal(outcome, receiptHandle);
      return refused == null
          ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(refused);
    });
  }

  /** Null when the delete succeeded. */
  private static SqsException deleteRefusal(DeleteOutcome outcome, String handle) {
    return switch (outcome) {
      // Deletes are idempotent: a message already gone is not an error.
      case DELETED, ALREADY_GONE -> null;
      case EXPIRED_HANDLE -> SqsException.invalidParameterValue(
          "Value " + handle + " for parameter ReceiptHandle is invalid. Reason: The receipt handle"
              + " has expired.");
      case INVALID_HANDLE -> invalidHandle(handle);
    };
  }

  /**
   * Entries without a handle fail on their own; the others go to the store as one {@link
   * QueueStore#deleteAll}, so the batch waits for one write.
   */
  CompletableFuture<BatchResult<Void>> deleteBatch(String name, List<BatchEntry<String>> entries) {
    catalog.require(name);
    BatchRules.checkEntries(entries, "DeleteMessageBatchRequestEntry");
    List<String> handles = new ArrayList<>(entries.size());
    for (BatchEntry<String> entry : entries) {
      if (entry.request() != null && !entry.request().isEmpty()) {
        handles.add(entry.request());
      }
    }
    CompletableFuture<List<DeleteOutcome>> deleted = handles.isEmpty()
        ? CompletableFuture.completedFuture(List.of()) : store.deleteAll(name, handles);
    return deleted.handle((outcomes, error) -> deleteBatchResult(entries, outcomes, error));
  }

  private static BatchResult<Void> deleteBatchResult(
      List<BatchEntry<String>> entries, List<DeleteOutcome> outcomes, Throwable error) {
    List<BatchResult.Success<Void>> successful = new ArrayList<>();
    List<BatchResult.Failure> failed = new ArrayList<>();
    int next = 0;
    for (BatchEntry<String> entry : entries) {
      String handle = entry.request();
      Throwable refused;
      if (handle == null || handle.isEmpty()) {
        refused = SqsException.missingParameter("ReceiptHandle");
      } else {
        DeleteOutcome outcome = error == null ? outcomes.get(next++) : null;
        refused = error != null ? error : deleteRefusal(outcome, handle);
      }
      if (refused == null) {
        successful.add(new BatchResult.Success<>(entry.id(), null));
      } else {
        failed.add(failure(entry.id(), refused));
      }
    }
    return new BatchResult<>(successful, failed);
  }

  CompletableFuture<Void> changeVisibility(String name, ChangeVisibilityRequest request) {
    catalog.require(name);
    String handle = request == null ? null : request.receiptHandle();
    requireHandle(handle);
    Integer timeout = request.visibilityTimeout();
    if (timeout == null) {
      throw SqsException.missingParameter("VisibilityTimeout");
    }
    if (timeout < 0) {
      throw SqsException.invalidParameterValue(visibilityOutOfRange(timeout));
    }
    if (timeout > QueueAttributeRules.MAX_VISIBILITY_TIMEOUT) {
      throw SqsException.invalidParameterValue("Value " + timeout + " for parameter"
          + " VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is"
          + " beyond the limit [" + QueueAttributeRules.MAX_VISIBILITY_TIMEOUT + " seconds]");
    }
    return store.changeVisibility(name, handle, timeout)
        .thenCompose(outcome -> visibilityAnswer(outcome, handle));
  }

  CompletableFuture<BatchResult<Void>> changeVisibilityBatch(
      String name, List<BatchEntry<ChangeVisibilityRequest>> entries) {
    catalog.require(name);
    BatchRules.checkEntries(entries, "ChangeMessageVisibilityBatchRequestEntry");
    return eachEntry(entries, request -> changeVisibility(name, request));
  }

  private static CompletableFuture<Void> visibilityAnswer(VisibilityOutcome outcome, String handle) {
    return switch (outcome) {
      case CHANGED -> CompletableFuture.completedFuture(null);
      case NOT_IN_FLIGHT -> CompletableFuture.failedFuture(new SqsException(
          SqsError.MESSAGE_NOT_INFLIGHT, "The message referred to is not in flight."));
      case NOT_AVAILABLE -> CompletableFuture.failedFuture(SqsException.invalidParameterValue(
          "Value " + handle + " for parameter ReceiptHandle is invalid. Reason: Message does not"
              + " exist or is not available for visibility timeout change."));
      case INVALID_HANDLE -> CompletableFuture.failedFuture(invalidHandle(handle));
    };
  }

  /** Runs every entry on its own; each ends up in Successful or, with its error, in Failed. */
  private static <T> CompletableFuture<BatchResult<Void>> eachEntry(
      List<BatchEntry<T>> entries, Function<T, CompletableFuture<Void>> operation) {
    List<CompletableFuture<BatchResult.Failure>> outcomes = new ArrayList<>();
    for (BatchEntry<T> entry : entries) {
      outcomes.add(Futures.attempt(() -> operation.apply(entry.request()))
          .handle((ignored, error) -> error == null ? null : failure(entry.id(), error)));
    }
    return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenApply(all -> {
      List<BatchResult.Success<Void>> successful = new ArrayList<>();
      List<BatchResult.Failure> failed = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        BatchResult.Failure failure = outcomes.get(i).join();
        if (failure == null) {
          successful.add(new BatchResult.Success<>(entries.get(i).id(), null));
        } else {
          failed.add(failure);
        }
      }
      return new BatchResult<>(successful, failed);
    });
  }

  private static BatchResult.Failure failure(String id, Throwable error) {
    Throwable cause = Futures.unwrap(error);
    if (cause instanceof SqsException refused) {
      return new BatchResult.Failure(id, refused.error(), refused.getMessage());
    }
    return new BatchResult.Failure(
        id, SqsError.INTERNAL_ERROR, "We encountered an internal error. Please try again.");
  }

  private static int maxMessages(Integer asked) {
    if (asked == null) {
      return 1;
    }
    if (asked < 1 || asked > MAX_MESSAGES_PER_RECEIVE) {
      throw SqsException.invalidParameterValue("Value " + asked + " for parameter"
          + " MaxNumberOfMessages is invalid. Reason: Must be between 1 and "
          + MAX_MESSAGES_PER_RECEIVE + ", if provided.");
    }
    return asked;
  }

  private static int receiveVisibility(int asked) {
    if (asked < 0 || asked > QueueAttributeRules.MAX_VISIBILITY_TIMEOUT) {
      throw SqsException.invalidParameterValue(visibilityOutOfRange(asked));
    }
    return asked;
  }

  private static String visibilityOutOfRange(int asked) {
    return "Value " + asked + " for parameter VisibilityTimeout is invalid. Reason: Must be >= 0"
        + " and <= " + QueueAttributeRules.MAX_VISIBILITY_TIMEOUT + ", if provided.";
  }

  private static int waitTimeSeconds(int asked) {
    int max = QueueAttributeRules.MAX_RECEIVE_MESSAGE_WAIT_TIME_SECONDS;
    if (asked < 0 || asked > max) {
      throw SqsException.invalidParameterValue("Value " + asked + " for parameter WaitTimeSeconds"
          + " is invalid. Reason: Must be >= 0 and <= " + max + ", if provided.");
    }
    return asked;
  }

  private static void requireHandle(String receiptHandle) {
    if (receiptHandle == null || receiptHandle.isEmpty()) {
      throw SqsException.missingParameter("ReceiptHandle");
    }
  }

  private static SqsException invalidHandle(String receiptHandle) {
    return new SqsException(SqsError.RECEIPT_HANDLE_IS_INVALID,
        "The input receipt handle \"" + receiptHandle + "\" is not a valid receipt handle.");
  }
}
