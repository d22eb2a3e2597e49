package dev.sluice.core.queue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** Keeps the service's promise: every call answers with a future, and refusals are its exceptions. */
final class Futures {

  private Futures() {}

  /**
   * Runs {@code action}; a refusal thrown while validating becomes a failed future, and an
   * exception from a later stage reaches the caller unwrapped (an SqsException, not a
   * CompletionException around it).
   */
  static <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> action) {
    CompletableFuture<T> future;
    try {
      future = action.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return unwrapped(future);
  }

  static <T> CompletableFuture<T> unwrapped(CompletableFuture<T> future) {
    // why: a stage that relays another future's failure wraps it in a CompletionException; only
    // completeExceptionally on a fresh future hands the caller the refusal itself.
    CompletableFuture<T> answer = new CompletableFuture<>();
    future.whenComplete((value, error) -> {
      if (error != null) {
        answer.completeExceptionally(unwrap(error));
      } else {
        answer.complete(value);
      }
    });
    return answer;
  }

  static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while (current instanceof CompletionException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
