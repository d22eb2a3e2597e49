package dev.sluice.schedules.delivery;

import java.util.concurrent.CompletableFuture;

/**
 * Invokes a Lambda function asynchronously (InvocationType Event) with an event as its payload,
 * as EventBridge does for Lambda targets. The functions module implements it; until a server
 * wires one, {@link #UNWIRED} fails every delivery, which then takes the normal retry and
 * dead-letter path.
 */
@FunctionalInterface
public interface FunctionTargetInvoker {

  /**
   * Completes when the function has accepted the event (not when it has run), or exceptionally
   * with a {@link TargetDeliveryException} (say {@code Lambda.ResourceNotFoundException}).
   */
  CompletableFuture<Void> invokeAsync(String functionArn, String payload);

  FunctionTargetInvoker UNWIRED =
      (functionArn, payload) -> CompletableFuture.failedFuture(new TargetDeliveryException(
          "Lambda.NotWired",
          "Sluice cannot invoke Lambda function " + functionArn
              + " from a rule yet: no function runtime is wired into this server.",
          true));
}
