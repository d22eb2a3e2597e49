package dev.sluice.schedules.delivery;

import dev.sluice.schedules.rules.Target;
import java.util.concurrent.CompletableFuture;

/** Lambda targets ({@code arn:aws:lambda:...}), through the wired {@link FunctionTargetInvoker}. */
public final class FunctionTargetSender implements TargetSender {

  private final FunctionTargetInvoker invoker;

  public FunctionTargetSender(FunctionTargetInvoker invoker) {
    this.invoker = invoker;
  }

  @Override
  public boolean handles(String targetArn) {
    return targetArn.startsWith("arn:aws:lambda:");
  }

  @Override
  public CompletableFuture<Void> send(Target target, String payload, String eventId) {
    return invoker.invokeAsync(target.arn(), payload);
  }
}
