package dev.sluice.bench.load;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;

/**
 * Open-loop load: operations are due at a fixed rate whatever the server does, and each one's
 * latency is measured from the time it was DUE, not from when a connection became free to send
 * it. A stalled server thus shows up in the percentiles as every operation that should have been
 * sent meanwhile waiting, instead of as one slow sample (coordinated omission, corrected by
 * construction). Operations due while all connections are busy wait in a queue.
 *
 * <p>Concurrency: a timer on the connections' single event-loop thread issues due operations;
 * completions run on that thread too, so the queue and counters are confined to it.
 */
public final class OpenLoop {

  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);
  private static final long TICK_MICROS = 200;

  private final Deque<SqsConnection> idle;
  private final Deque<Long> due = new ArrayDeque<>();
  private final LongFunction<Operation> operationForDueTime;
  private final Histogram latency = new Histogram(HIGHEST_MICROS, 3);
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private final long intervalNanos;
  private final int connectionCount;
  private long nextDue;
  private long endNanos;
  private long operations;
  private long messages;
  private long errors;
  private String firstError;
  private ScheduledFuture<?> timer;

  private OpenLoop(List<SqsConnection> connections, double perSecond, LongFunction<Operation> op) {
    this.idle = new ArrayDeque<>(connections);
    this.connectionCount = connections.size();
    this.intervalNanos = Math.max(1, Math.round(1e9 / perSecond));
    this.operationForDueTime = op;
  }

  /**
   * Issues {@code perSecond} operations a second for {@code duration}; {@code op} receives each
   * operation's due time ({@link System#nanoTime}) so it can, e.g., stamp it into a message.
   */
  public static LoadResult run(
      List<SqsConnection> connections,
      double perSecond,
      Duration duration,
      LongFunction<Operation> op) {
    return new OpenLoop(connections, perSecond, op).drive(duration);
  }

  private LoadResult drive(Duration duration) {
    SqsConnection first = idle.peek();
    long start = System.nanoTime();
    nextDue = start;
    endNanos = start + duration.toNanos();
    first.execute(
        () ->
            timer =
                first.scheduleAtFixedRate(this::tick, 0, TICK_MICROS, TimeUnit.MICROSECONDS));
    try {
      finished.get(duration.toMillis() + 60_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("open-loop run did not finish: " + e, e);
    }
    return new LoadResult(
        operations, messages, errors, Duration.ofNanos(endNanos - start), latency, firstError);
  }

  private void tick() {
    long now = System.nanoTime();
    while (nextDue <= now && nextDue < endNanos) {
      due.addLast(nextDue);
      nextDue += intervalNanos;
    }
    dispatch();
    if (nextDue >= endNanos && timer != null) {
      timer.cancel(false);
      timer = null;
      finishIfDone();
    }
  }

  private void dispatch() {
    while (!due.isEmpty() && !idle.isEmpty()) {
      long dueAt = due.removeFirst();
      SqsConnection connection = idle.removeFirst();
      CompletableFuture<Step> step;
      try {
        step = operationForDueTime.apply(dueAt).run(connection);
      } catch (RuntimeException e) {
        step = CompletableFuture.failedFuture(e);
      }
      step.whenComplete((done, failure) -> completed(connection, dueAt, done, failure));
    }
  }

  private void completed(SqsConnection connection, long dueAt, Step done, Throwable failure) {
    long now = System.nanoTime();
    if (failure == null) {
      operations++;
      messages += done.messages();
      latency.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, now - dueAt) / 1_000));
    } else {
      errors++;
      firstError = firstError != null ? firstError : String.valueOf(failure.getMessage());
    }
    idle.addLast(connection);
    dispatch();
    finishIfDone();
  }

  private void finishIfDone() {
    if (timer == null && nextDue >= endNanos && due.isEmpty() && idle.size() == connectionCount) {
      finished.complete(null);
    }
  }
}
