package dev.sluice.bench.load;

import java.util.concurrent.CompletableFuture;

/** One unit of work a load worker repeats on its connection, e.g. one SendMessageBatch. */
@FunctionalInterface
public interface Operation {
  CompletableFuture<Step> run(SqsConnection connection);
}
