package dev.sluice.schedules.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.schedules.rules.Rule;
import dev.sluice.schedules.rules.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Sends one event to every target of a rule, each on its own retry path. */
public final class EventDispatcher {

  private final TargetDelivery delivery;

  public EventDispatcher(TargetDelivery delivery) {
    this.delivery = delivery;
  }

  /** Completes with each target's first attempt, in the rule's target order; never fails. */
  public CompletableFuture<List<DeliveryResult>> dispatch(Rule rule, JsonNode event) {
    List<CompletableFuture<DeliveryResult>> attempts = new ArrayList<>();
    for (Target target : rule.targets()) {
      attempts.add(delivery.deliver(rule, target, event));
    }
    return CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new))
        .thenApply(done -> attempts.stream().map(CompletableFuture::join).toList());
  }
}
