package dev.sluice.functions;

import dev.sluice.core.time.TimeSource;
import dev.sluice.functions.async.EventQueue;
import dev.sluice.functions.async.QueuedEvent;
import dev.sluice.functions.runtime.Environments;
import dev.sluice.functions.runtime.Invocation;
import dev.sluice.functions.runtime.InvocationResult;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs invocations in execution environments, each holding a concurrency permit for as long as
 * it runs: synchronous calls are refused (TooManyRequests) when none is free, stored events are
 * left in their queue to be tried again.
 */
final class FunctionInvoker {

  private final FunctionRegistry registry;
  private final Environments environments;
  private final Concurrency concurrency;
  private final TimeSource time;

  FunctionInvoker(FunctionRegistry registry, Environments environments, Concurrency concurrency,
      TimeSource time) {
    this.registry = registry;
    this.environments = environments;
    this.concurrency = concurrency;
    this.time = time;
  }

  /** A RequestResponse invocation; the future never fails once the permit is taken. */
  CompletableFuture<InvokeOutcome> invoke(FunctionDefinition function, String qualifier,
      String requestId, byte[] payload, String clientContext, boolean tailLog) {
    Concurrency.Permit permit = concurrency.tryAcquire(function.name());
    if (!permit.granted()) {
      throw FunctionException.throttled(permit.refused().reason());
    }
    String invokedArn = registry.arnOf(function, null, qualifier);
    try {
      return run(function, invokedArn, requestId, payload, clientContext, tailLog)
          .whenComplete((result, error) -> concurrency.release(permit))
          .thenApply(result -> new InvokeOutcome(200, result.payload(), result.functionError(),
              result.logTail(), function.version()));
    } catch (RuntimeException e) {
      concurrency.release(permit);
      throw e;
    }
  }

  /** One attempt at a stored Event invocation. */
  CompletableFuture<EventQueue.Run> runEvent(QueuedEvent event) {
    FunctionDefinition function;
    try {
      function = registry.resolve(new FunctionName(event.functionName(), event.qualifier()), true);
    } catch (FunctionException e) {
      return CompletableFuture.completedFuture(EventQueue.Run.of(EventQueue.Outcome.FUNCTION_GONE));
    }
    // Throttled events wait in the queue (AWS retries them for up to the event's maximum age).
    Concurrency.Permit permit = concurrency.tryAcquire(function.name());
    if (!permit.granted()) {
      return CompletableFuture.completedFuture(EventQueue.Run.of(EventQueue.Outcome.THROTTLED));
    }
    String invokedArn = registry.arnOf(function, null, event.qualifier());
    try {
      return run(function, invokedArn, event.requestId(), event.payload(), event.clientContext(),
          false)
          .whenComplete((result, error) -> concurrency.release(permit))
          .thenApply(result -> new EventQueue.Run(result.failed()
              ? EventQueue.Outcome.FUNCTION_ERROR : EventQueue.Outcome.SUCCEEDED,
              result.payload(), result.functionError(), function.version()));
    } catch (RuntimeException e) {
      concurrency.release(permit);
      throw e;
    }
  }

  private CompletableFuture<InvocationResult> run(FunctionDefinition function, String invokedArn,
      String requestId, byte[] payload, String clientContext, boolean tailLog) {
    Invocation invocation = new Invocation(requestId,
        payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : payload,
        invokedArn, traceId(), clientContext, tailLog);
    return environments.invoke(function, registry.taskRoot(function), invocation);
  }

  private String traceId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "Root=1-" + Long.toHexString(time.nowMillis() / 1000) + "-"
        + String.format("%012x%012x", random.nextLong(1L << 48), random.nextLong(1L << 48))
        + ";Parent=" + String.format("%016x", random.nextLong()) + ";Sampled=0";
  }
}
