package dev.sluice.core.queue.poll;

import dev.sluice.core.time.TimeSource;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * One waiting ReceiveMessage. It holds no thread: it is a future completed by whichever comes
 * first of a non-empty receive attempt, the deadline, cancellation (the client went away) or
 * {@link LongPolls#close}.
 *
 * <p>Concurrency: wake-ups, the deadline timer and attempt completions arrive on any thread. At
 * most one attempt runs at a time ({@code attempting}); a wake-up during an attempt is remembered
 * ({@code pendingWake}) and causes one more attempt. A fresh wake-up future is always registered
 * before an attempt starts, so a message sent while an attempt finds the queue empty still wakes
 * us: no wake-up is lost between "found nothing" and "waiting".
 */
final class LongPoll<T> {

  private final CompletableFuture<List<T>> result = new CompletableFuture<>();
  private final Supplier<CompletableFuture<Void>> wakeUps;
  private final Supplier<CompletableFuture<List<T>>> attempt;

  private boolean attempting;
  private boolean pendingWake;
  private boolean expired;
  private CompletableFuture<Void> wake;
  private TimeSource.Cancellable deadline;

  LongPoll(Supplier<CompletableFuture<Void>> wakeUps, Supplier<CompletableFuture<List<T>>> attempt) {
    this.wakeUps = wakeUps;
    this.attempt = attempt;
  }

  CompletableFuture<List<T>> result() {
    return result;
  }

  void start(TimeSource time, long deadlineMillis, Runnable onDone) {
    result.whenComplete((messages, error) -> {
      cleanUp();
      onDone.run();
    });
    TimeSource.Cancellable timer = time.schedule(deadlineMillis, this::onDeadline);
    synchronized (this) {
      deadline = timer;
      attempting = true;
    }
    if (result.isDone()) {
      timer.cancel();
      return;
    }
    armWake();
    runAttempts();
  }

  /** Ends the wait with no messages, unless it has already ended. */
  void end() {
    result.complete(List.of());
  }

  private void onDeadline() {
    synchronized (this) {
      expired = true;
      // why: an attempt in flight may already hold messages; let it answer with them.
      if (attempting) {
        return;
      }
    }
    end();
  }

  private void onWake() {
    synchronized (this) {
      if (result.isDone()) {
        return;
      }
      if (attempting) {
        pendingWake = true;
        return;
      }
      attempting = true;
    }
    armWake();
    runAttempts();
  }

  private void armWake() {
    CompletableFuture<Void> next;
    try {
      next = wakeUps.get();
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    synchronized (this) {
      if (result.isDone()) {
        next.cancel(false);
        return;
      }
      wake = next;
    }
    next.whenComplete((ignored, error) -> {
      if (!(error instanceof CancellationException)) {
        onWake();
      }
    });
  }

  // A loop rather than recursion: attempts that complete synchronously must not grow the stack.
  private void runAttempts() {
    while (!result.isDone()) {
      CompletableFuture<List<T>> next;
      try {
        next = attempt.get();
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
        return;
      }
      if (!next.isDone()) {
        next.whenComplete((messages, error) -> {
          if (afterAttempt(messages, error)) {
            armWake();
            runAttempts();
          }
        });
        return;
      }
      List<T> messages = null;
      Throwable error = null;
      try {
        messages = next.join();
      } catch (CompletionException | CancellationException e) {
        error = e.getCause() != null ? e.getCause() : e;
      }
      if (!afterAttempt(messages, error)) {
        return;
      }
      armWake();
    }
  }

  /** True when another attempt should follow (a wake-up came during this one). */
  private boolean afterAttempt(List<T> messages, Throwable error) {
    if (error != null) {
      result.completeExceptionally(unwrap(error));
      return false;
    }
    if (!messages.isEmpty()) {
      // If the wait already ended, these messages stay in flight until their visibility timeout
      // runs out and are then delivered again: SQS's at-least-once delivery allows it.
      result.complete(messages);
      return false;
    }
    synchronized (this) {
      if (expired || result.isDone()) {
        attempting = false;
      } else if (pendingWake) {
        pendingWake = false;
        return true;
      } else {
        attempting = false;
        return false;
      }
    }
    end();
    return false;
  }

  private void cleanUp() {
    TimeSource.Cancellable timer;
    CompletableFuture<Void> pending;
    synchronized (this) {
      timer = deadline;
      pending = wake;
    }
    if (timer != null) {
      timer.cancel();
    }
    if (pending != null) {
      pending.cancel(false);
    }
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }
}
