package dev.sluice.protocol.aws.sqs;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Future plumbing that keeps cancellation flowing back to the work it came from. */
final class Futures {

  private Futures() {}

  /**
   * {@code source.thenApply(mapping)}, except that cancelling the result also cancels {@code
   * source}: when a client disconnects during a long poll, the server cancels our future and the
   * queue service must hear of it to drop the waiter.
   */
  static <T, R> CompletableFuture<R> map(CompletableFuture<T> source, Function<T, R> mapping) {
    CompletableFuture<R> mapped = source.thenApply(mapping);
    mapped.whenComplete((result, failure) -> {
      if (mapped.isCancelled()) {
        source.cancel(false);
      }
    });
    return mapped;
  }
}
