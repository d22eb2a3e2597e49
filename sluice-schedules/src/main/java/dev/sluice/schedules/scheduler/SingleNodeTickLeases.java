package dev.sluice.schedules.scheduler;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Tick claims for a single server: the last claimed tick of each rule, in memory. */
public final class SingleNodeTickLeases implements TickLeases {

  private final ConcurrentHashMap<String, Long> lastClaimed = new ConcurrentHashMap<>();

  @Override
  public boolean claim(String ruleArn, long tickMillis) {
    AtomicBoolean won = new AtomicBoolean();
    lastClaimed.compute(ruleArn, (arn, last) -> {
      if (last != null && last >= tickMillis) {
        return last;
      }
      won.set(true);
      return tickMillis;
    });
    return won.get();
  }
}
