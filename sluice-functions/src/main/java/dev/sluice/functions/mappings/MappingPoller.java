package dev.sluice.functions.mappings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.queue.QueueService;
import dev.sluice.core.queue.model.BatchEntry;
import dev.sluice.core.queue.model.ChangeVisibilityRequest;
import dev.sluice.core.queue.model.ReceiveMessageRequest;
import dev.sluice.core.queue.model.ReceivedMessage;
import dev.sluice.core.time.TimeSource;
import dev.sluice.functions.FunctionException;
import dev.sluice.functions.InvokeOutcome;
import dev.sluice.functions.LambdaError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one enabled mapping's queue to its function.
 *
 * <p>A poller runs "workers", and a worker is not a thread: it is a chain of futures that
 * long-polls the queue (20 s), invokes the function with the batch, deletes what succeeded and
 * starts over. While a worker waits, no thread is held. Workers scale with the backlog: a worker
 * whose receive came back full starts another before it invokes (up to the mapping's maximum
 * concurrency); a worker whose long poll came back empty ends unless it is the last. A failed batch is left
 * alone, so it reappears after the visibility timeout and the queue's redrive policy applies. A
 * throttled batch (TooManyRequests) is no failure: the worker holds it and invokes it again after
 * a back-off.
 *
 * <p>{@link #stop} cancels the waiting long polls; a receive that had already taken messages
 * when the poller stopped gives them back at once (visibility 0) instead of invoking.
 */
final class MappingPoller {

  static final int MAX_MESSAGES_PER_RECEIVE = 10;
  static final int LONG_POLL_SECONDS = 20;
  /** Pause after a failed receive or delete (the queue was deleted, say), so errors never spin. */
  static final long ERROR_PAUSE_MILLIS = 5_000;
  /** First pause after a throttled invocation; it doubles with each throttle, up to the max. */
  static final long THROTTLE_FIRST_PAUSE_MILLIS = 500;
  static final long THROTTLE_MAX_PAUSE_MILLIS = 8_000;
  /** How often one batch is invoked again after throttles before it is let go (about 40 s). */
  static final int MAX_THROTTLE_RETRIES = 8;
  /** How much longer than the pause a held batch stays hidden. */
  static final int THROTTLE_HOLD_SECONDS = 30;

  private static final Logger log = LoggerFactory.getLogger(MappingPoller.class);

  private enum Round { EMPTY, PARTIAL, FULL }

  private final EventSourceMapping mapping;
  private final QueueService queues;
  private final MappedFunctions invoker;
  private final Predicate<JsonNode> filter;
  private final TimeSource time;
  private final Executor executor;
  private final String region;
  private final int maxWorkers;
  private final Set<CompletableFuture<?>> waitingReceives = ConcurrentHashMap.newKeySet();
  private final FailureRun failures = new FailureRun();
  private final Object lock = new Object();
  private int workers;
  private boolean stopped;
  private boolean lastRoundFailed;

  MappingPoller(EventSourceMapping mapping, QueueService queues, MappedFunctions invoker,
      Predicate<JsonNode> filter, TimeSource time, Executor executor, String region,
      int maxWorkers) {
    this.mapping = mapping;
    this.filter = filter;
    this.queues = queues;
    this.invoker = invoker;
    this.time = time;
    this.executor = executor;
    this.region = region;
    this.maxWorkers = maxWorkers;
  }

  void start() {
    synchronized (lock) {
      workers = 1;
    }
    executor.execute(this::round);
  }

  void stop() {
    synchronized (lock) {
      stopped = true;
    }
    waitingReceives.forEach(receive -> receive.cancel(false));
  }

  /** Workers running now (for tests and metrics). */
  int workers() {
    synchronized (lock) {
      return workers;
    }
  }

  private boolean stopped() {
    synchronized (lock) {
      return stopped;
    }
  }

  private void round() {
    if (stopped()) {
      workerEnds();
      return;
    }
    CompletableFuture<Round> round;
    try {
      round = collect(new ArrayList<>(), Long.MAX_VALUE).thenCompose(this::handle);
    } catch (RuntimeException e) {
      round = CompletableFuture.failedFuture(e);
    }
    round.whenComplete(this::next);
  }

  private void next(Round round, Throwable error) {
    if (stopped()) {
      workerEnds();
      return;
    }
    if (error != null) {
      Throwable cause = error instanceof CompletionException && error.getCause() != null
          ? error.getCause() : error;
      if (cause instanceof CancellationException) {
        workerEnds();
        return;
      }
      reportFailure(cause);
      time.schedule(time.nowMillis() + ERROR_PAUSE_MILLIS, this::resumeAfterPause);
      return;
    }
    int endedRun = failures.succeeded();
    if (endedRun > 0) {
      log.info("Event-source mapping {} ({} -> {}): polling again after {} failed attempts",
          mapping.uuid(), mapping.queueName(), mapping.functionName(), endedRun);
    }
    synchronized (lock) {
      if (round == Round.EMPTY && workers > 1) {
        workers--;
        return;
      }
    }
    executor.execute(this::round);
  }

  private void reportFailure(Throwable cause) {
    int run = failures.failed(time.nowMillis());
    if (run == 1) {
      log.warn("Event-source mapping {} ({} -> {}): {}; retrying every {} s", mapping.uuid(),
          mapping.queueName(), mapping.functionName(), cause.toString(), ERROR_PAUSE_MILLIS / 1000);
    } else if (run > 1) {
      log.warn("Event-source mapping {} ({} -> {}): {} ({} failed attempts in a row); still"
          + " retrying every {} s", mapping.uuid(), mapping.queueName(), mapping.functionName(),
          cause.toString(), run, ERROR_PAUSE_MILLIS / 1000);
    }
  }

  // The poller may have stopped (and the server's executor shut down) during the pause.
  private void resumeAfterPause() {
    if (stopped()) {
      workerEnds();
      return;
    }
    executor.execute(this::round);
  }

  // Scaling up happens when a full batch arrives, before it is invoked: a slow function is
  // exactly when the backlog needs more concurrent batches.
  private void startAnotherWorkerIfAllowed() {
    synchronized (lock) {
      if (stopped || workers >= maxWorkers) {
        return;
      }
      workers++;
    }
    executor.execute(this::round);
  }

  private void workerEnds() {
    synchronized (lock) {
      workers--;
    }
  }

  /**
   * Receives until the batch is full or the batching window has passed; the window starts with
   * the first message (a batch is never delivered empty).
   */
  private CompletableFuture<List<ReceivedMessage>> collect(
      List<ReceivedMessage> batch, long deadlineMillis) {
    int wanted = Math.min(MAX_MESSAGES_PER_RECEIVE, mapping.batchSize() - batch.size());
    int wait = batch.isEmpty() ? LONG_POLL_SECONDS : (int) Math.min(LONG_POLL_SECONDS,
        Math.max(0, (deadlineMillis - time.nowMillis() + 999) / 1000));
    CompletableFuture<List<ReceivedMessage>> receive = queues.receiveMessage(mapping.queueName(),
        new ReceiveMessageRequest(wanted, null, wait, List.of("All"), null, List.of("All"), null));
    waitingReceives.add(receive);
    return receive.thenCompose(received -> {
      waitingReceives.remove(receive);
      boolean first = batch.isEmpty();
      batch.addAll(received);
      long deadline = first && !batch.isEmpty()
          ? time.nowMillis() + mapping.maximumBatchingWindowInSeconds() * 1000L : deadlineMillis;
      if (batch.isEmpty() || batch.size() >= mapping.batchSize()
          || mapping.maximumBatchingWindowInSeconds() == 0 || time.nowMillis() >= deadline
          || stopped()) {
        return CompletableFuture.completedFuture(batch);
      }
      return collect(batch, deadline);
    }).whenComplete((ignored, error) -> waitingReceives.remove(receive));
  }

  private CompletableFuture<Round> handle(List<ReceivedMessage> batch) {
    if (batch.isEmpty()) {
      return CompletableFuture.completedFuture(Round.EMPTY);
    }
    Round round = batch.size() >= Math.min(mapping.batchSize(), MAX_MESSAGES_PER_RECEIVE)
        ? Round.FULL : Round.PARTIAL;
    if (stopped()) {
      return giveBack(batch).thenApply(ignored -> round);
    }
    if (round == Round.FULL) {
      startAnotherWorkerIfAllowed();
    }
    // AWS deletes the messages a filter rejects: they are consumed without an invocation.
    List<ReceivedMessage> rejected = mapping.filterPatterns().isEmpty() ? List.of()
        : batch.stream().filter(m -> !filter.test(SqsEvent.filterView(m))).toList();
    List<ReceivedMessage> passed = rejected.isEmpty() ? batch
        : batch.stream().filter(m -> !rejected.contains(m)).toList();
    CompletableFuture<List<ReceivedMessage>> toDelete = passed.isEmpty()
        ? CompletableFuture.completedFuture(List.of()) : invoke(passed);
    return toDelete
        .thenCompose(succeeded -> delete(concat(rejected, succeeded)))
        .thenApply(ignored -> round);
  }

  /** The messages to delete: all, the successes of a partial batch response, or none. */
  private CompletableFuture<List<ReceivedMessage>> invoke(List<ReceivedMessage> batch) {
    byte[] payload = SqsEvent.of(batch, mapping.eventSourceArn(), region);
    return invoke(batch, payload, 0);
  }

  private CompletableFuture<List<ReceivedMessage>> invoke(
      List<ReceivedMessage> batch, byte[] payload, int throttles) {
    CompletableFuture<InvokeOutcome> invoked;
    try {
      invoked = invoker.invoke(mapping.functionName(), payload);
    } catch (RuntimeException e) {
      invoked = CompletableFuture.failedFuture(e);
    }
    Set<String> ids = batch.stream().map(ReceivedMessage::messageId).collect(Collectors.toSet());
    return invoked.handle((outcome, error) -> {
      if (error != null && isThrottle(error)) {
        return afterThrottle(batch, payload, throttles + 1);
      }
      return CompletableFuture.completedFuture(toDelete(batch, ids, outcome, error));
    }).thenCompose(next -> next);
  }

  private List<ReceivedMessage> toDelete(
      List<ReceivedMessage> batch, Set<String> ids, InvokeOutcome outcome, Throwable error) {
    if (error != null) {
      logBatchFailure("could not invoke: " + error);
      return List.of();
    }
    Optional<Set<String>> failed =
        BatchResponse.failedIds(outcome, mapping.reportsBatchItemFailures(), ids);
    if (failed.isEmpty()) {
      logBatchFailure(outcome.functionError() != null
          ? "the function failed (" + outcome.functionError() + ")"
          : "the batch item failures answer is not valid");
      return List.of();
    }
    synchronized (lock) {
      lastRoundFailed = false;
    }
    return batch.stream().filter(m -> !failed.get().contains(m.messageId())).toList();
  }

  /**
   * A throttled invocation (TooManyRequests) is no failure of the messages: the worker keeps the
   * batch hidden and invokes it again after a back-off, so no receive (and no receive count
   * towards the redrive policy) is spent on it. After {@link #MAX_THROTTLE_RETRIES} it lets the
   * batch go, visible again after a short pause.
   */
  private CompletableFuture<List<ReceivedMessage>> afterThrottle(
      List<ReceivedMessage> batch, byte[] payload, int throttles) {
    if (stopped()) {
      return giveBack(batch, 0).thenApply(ignored -> List.of());
    }
    long pause = Math.min(THROTTLE_FIRST_PAUSE_MILLIS << Math.min(throttles - 1, 20),
        THROTTLE_MAX_PAUSE_MILLIS);
    if (throttles > MAX_THROTTLE_RETRIES) {
      logBatchFailure("the function is throttled");
      return giveBack(batch, (int) (pause / 1000)).thenApply(ignored -> List.of());
    }
    CompletableFuture<List<ReceivedMessage>> retried = new CompletableFuture<>();
    // Hidden for longer than the pause, so that it cannot reappear while this worker holds it.
    giveBack(batch, (int) (pause / 1000) + THROTTLE_HOLD_SECONDS).whenComplete((held, error) -> {
      try {
        time.schedule(time.nowMillis() + pause,
            () -> retryAfterPause(batch, payload, throttles, retried));
      } catch (RuntimeException e) {
        retried.completeExceptionally(e); // the clock is closed: the server is stopping
      }
    });
    return retried;
  }

  private void retryAfterPause(List<ReceivedMessage> batch, byte[] payload, int throttles,
      CompletableFuture<List<ReceivedMessage>> retried) {
    try {
      CompletableFuture<List<ReceivedMessage>> next = stopped()
          ? giveBack(batch, 0).thenApply(ignored -> List.<ReceivedMessage>of())
          : invoke(batch, payload, throttles);
      next.whenComplete((messages, error) -> {
        if (error != null) {
          retried.completeExceptionally(error);
        } else {
          retried.complete(messages);
        }
      });
    } catch (RuntimeException e) {
      retried.completeExceptionally(e);
    }
  }

  private static boolean isThrottle(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null
        ? error.getCause() : error;
    return cause instanceof FunctionException e && e.error() == LambdaError.TOO_MANY_REQUESTS;
  }

  private void logBatchFailure(String why) {
    boolean first;
    synchronized (lock) {
      first = !lastRoundFailed;
      lastRoundFailed = true;
    }
    // First failure of a run at INFO, repeats at DEBUG: a poison message fails every few seconds.
    if (first) {
      log.info("Event-source mapping {}: batch left on {} because {}; it reappears after the"
          + " visibility timeout", mapping.uuid(), mapping.queueName(), why);
    } else {
      log.debug("Event-source mapping {}: batch left because {}", mapping.uuid(), why);
    }
  }

  private CompletableFuture<Void> delete(List<ReceivedMessage> messages) {
    return inChunks(messages, chunk -> queues.deleteMessageBatch(mapping.queueName(),
        entries(chunk, ReceivedMessage::receiptHandle)));
  }

  private static List<ReceivedMessage> concat(
      List<ReceivedMessage> first, List<ReceivedMessage> second) {
    List<ReceivedMessage> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private CompletableFuture<Void> giveBack(List<ReceivedMessage> messages) {
    return giveBack(messages, 0);
  }

  /** Makes the messages visible again {@code seconds} from now. */
  private CompletableFuture<Void> giveBack(List<ReceivedMessage> messages, int seconds) {
    return inChunks(messages, chunk -> queues.changeMessageVisibilityBatch(mapping.queueName(),
        entries(chunk, m -> new ChangeVisibilityRequest(m.receiptHandle(), seconds))));
  }

  private static CompletableFuture<Void> inChunks(List<ReceivedMessage> messages,
      Function<List<ReceivedMessage>, CompletableFuture<?>> action) {
    List<CompletableFuture<?>> calls = new ArrayList<>();
    for (int from = 0; from < messages.size(); from += MAX_MESSAGES_PER_RECEIVE) {
      calls.add(action.apply(messages.subList(
          from, Math.min(messages.size(), from + MAX_MESSAGES_PER_RECEIVE))));
    }
    return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
  }

  private static <T> List<BatchEntry<T>> entries(
      List<ReceivedMessage> chunk, Function<ReceivedMessage, T> request) {
    List<BatchEntry<T>> entries = new ArrayList<>();
    for (int i = 0; i < chunk.size(); i++) {
      entries.add(new BatchEntry<>(Integer.toString(i), request.apply(chunk.get(i))));
    }
    return entries;
  }
}
