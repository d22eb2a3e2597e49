package dev.sluice.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop load: each connection keeps exactly one operation outstanding, issuing the next one
 * from the previous one's completion, until the deadline or until the operation says stop. The
 * concurrency is the number of connections.
 *
 * <p>Concurrency: every connection of one {@link SqsClient} completes on the same single event-loop
 * thread, so the counters and the histogram below are only touched by that thread while the run
 * lasts; {@link #run} reads them after the joint future completed (a happens-before edge).
 */
public final class ClosedLoop {

  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);
  private static final int MAX_ERRORS = 1_000;

  private final List<SqsConnection> connections;
  private final Operation operation;
  private final Histogram latency = new Histogram(HIGHEST_MICROS, 3);
  private long operations;
  private long messages;
  private long errors;
  private String firstError;
  private long deadlineNanos;
  private long lastAnswerNanos;
  private final AtomicInteger running = new AtomicInteger();
  private final CompletableFuture<Void> finished = new CompletableFuture<>();

  private ClosedLoop(List<SqsConnection> connections, Operation operation) {
    this.connections = connections;
    this.operation = operation;
  }

  /** Runs the operation on every connection for {@code duration} (or until all stop). */
  public static LoadResult run(List<SqsConnection> connections, Duration duration, Operation op) {
    return new ClosedLoop(connections, op).drive(duration);
  }

  private LoadResult drive(Duration duration) {
    long start = System.nanoTime();
    deadlineNanos = start + duration.toNanos();
    lastAnswerNanos = start;
    running.set(connections.size());
    for (SqsConnection connection : connections) {
      // Started on the event loop too, so even an operation that completes synchronously keeps
      // the single-thread rule above.
      connection.execute(() -> next(connection));
    }
    try {
      // Operations in flight at the deadline still finish; a hung server is cut off eventually.
      finished.get(duration.toMillis() + 60_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("load run did not finish: " + e, e);
    }
    return new LoadResult(
        operations,
        messages,
        errors,
        Duration.ofNanos(lastAnswerNanos - start),
        latency,
        firstError);
  }

  private void next(SqsConnection connection) {
    long sent = System.nanoTime();
    CompletableFuture<Step> step;
    try {
      step = operation.run(connection);
    } catch (RuntimeException e) {
      step = CompletableFuture.failedFuture(e);
    }
    step.whenComplete((done, failure) -> completed(connection, sent, done, failure));
  }

  private void completed(SqsConnection connection, long sent, Step done, Throwable failure) {
    long now = System.nanoTime();
    lastAnswerNanos = Math.max(lastAnswerNanos, now);
    boolean more;
    if (failure == null) {
      operations++;
      messages += done.messages();
      latency.recordValue(Math.min(HIGHEST_MICROS, (now - sent) / 1_000));
      more = done.more();
    } else {
      errors++;
      if (firstError == null) {
        firstError = rootMessage(failure);
      }
      more = errors < MAX_ERRORS && connection.isOpen();
    }
    if (more && now < deadlineNanos) {
      next(connection);
    } else if (running.decrementAndGet() == 0) {
      finished.complete(null);
    }
  }

  private static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return String.valueOf(cause.getMessage());
  }
}
