package dev.sluice.schedules;

import dev.sluice.schedules.delivery.DeliveryResult;
import java.util.List;

/** What "run this rule now" did: the event it sent and each target's first attempt. */
public record RunResult(String eventId, String ruleArn, List<DeliveryResult> targets) {}
