package dev.sluice.functions.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * The Lambda Runtime API as one execution environment serves it to its runtime process. The
 * listener ({@link RuntimeApiServer}) translates HTTP to these calls; implementations never
 * block.
 */
interface RuntimeApi {

  /** GET /invocation/next: completes when an invocation is there for the runtime. */
  CompletableFuture<Delivery> next();

  /** POST /invocation/{id}/response; false if {@code requestId} is not the one in flight. */
  boolean respond(String requestId, byte[] payload);

  /** POST /invocation/{id}/error; false if {@code requestId} is not the one in flight. */
  boolean fail(String requestId, byte[] errorJson);

  /** POST /init/error: the runtime could not start; the environment is finished. */
  void initFailed(byte[] errorJson);

  /** An invocation as handed to the runtime, with when it must end (epoch millis). */
  record Delivery(Invocation invocation, long deadlineMillis) {}
}
