package dev.sluice.server;

import dev.sluice.functions.FunctionException;
import dev.sluice.functions.FunctionService;
import dev.sluice.functions.InvokeRequest;
import dev.sluice.functions.InvokeRequest.InvocationType;
import dev.sluice.functions.LambdaError;
import dev.sluice.schedules.delivery.FunctionTargetInvoker;
import dev.sluice.schedules.delivery.TargetDeliveryException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Rule targets that are Lambda functions: the event is handed to the function service as an
 * asynchronous (Event) invocation, as EventBridge does. Delivery succeeds once the event is
 * stored (202); the function's own failures are then the function service's to retry, not the
 * rule's. Refusals become target errors named {@code Lambda.<AWS error code>}.
 */
final class LambdaTargetInvoker implements FunctionTargetInvoker {

  private final FunctionService functions;

  LambdaTargetInvoker(FunctionService functions) {
    this.functions = functions;
  }

  @Override
  public CompletableFuture<Void> invokeAsync(String functionArn, String payload) {
    try {
      return functions.invoke(new InvokeRequest(functionArn, null, InvocationType.EVENT,
              payload.getBytes(StandardCharsets.UTF_8), false, null))
          .thenApply(outcome -> null);
    } catch (FunctionException e) {
      // A missing function or a payload over the limit: no retry can fix these (AWS sends such
      // events to the dead-letter queue at once); throttling can pass.
      boolean retryable = e.error() == LambdaError.TOO_MANY_REQUESTS
          || e.error() == LambdaError.SERVICE;
      return CompletableFuture.failedFuture(
          new TargetDeliveryException("Lambda." + e.error().code(), e.getMessage(), retryable));
    }
  }
}
