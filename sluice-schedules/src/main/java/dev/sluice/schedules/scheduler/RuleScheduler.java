package dev.sluice.schedules.scheduler;

import dev.sluice.core.time.TimeSource;
import dev.sluice.schedules.RuleService;
import dev.sluice.schedules.expression.ScheduleExpression;
import dev.sluice.schedules.rules.Rule;
import dev.sluice.schedules.rules.RuleListener;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires enabled schedule rules: one timer per rule on the {@link TimeSource}, set for its next
 * tick (no polling loop). At a tick it claims the tick from {@link TickLeases}, delivers one
 * scheduled event stamped with the tick's time, and sets the timer for the next tick after now.
 *
 * <p>Downtime: on start, and after any stall, the next tick is the first one after the present;
 * ticks missed while the server was down are skipped, not replayed in a burst (AWS does not
 * replay them either).
 *
 * <p>Concurrency: rule changes (API threads) and ticks (timer threads) meet in {@link #timers},
 * under this object's lock. A tick whose timer is no longer the rule's current one (the rule
 * changed while the task was starting) does nothing, so a rule never has two timers; a tick
 * re-reads its rule from the store, so it never delivers for a deleted or disabled rule.
 * Delivery itself runs outside the lock.
 */
public final class RuleScheduler implements RuleListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RuleScheduler.class);

  private final RuleService rules;
  private final TickLeases leases;
  private final TimeSource time;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public RuleScheduler(RuleService rules, TickLeases leases, TimeSource time) {
    this.rules = rules;
    this.leases = leases;
    this.time = time;
  }

  /** Sets timers for every stored rule and follows rule changes from now on. */
  public void start() {
    rules.listen(this);
    for (Rule rule : rules.store().all()) {
      rulePut(rule);
    }
  }

  @Override
  public synchronized void rulePut(Rule rule) {
    if (!rule.onDefaultBus()) {
      return; // schedules live on the default bus only; timers are keyed by rule name
    }
    cancel(rule.name());
    if (!closed && rule.enabled() && rule.hasSchedule()) {
      arm(rule, time.now());
    }
  }

  @Override
  public synchronized void ruleDeleted(Rule rule) {
    if (rule.onDefaultBus()) {
      cancel(rule.name());
    }
  }

  /** Rules with a timer set (for tests and health). */
  public int armedRules() {
    return timers.size();
  }

  @Override
  public synchronized void close() {
    closed = true;
    timers.keySet().forEach(this::cancel);
  }

  private void arm(Rule rule, Instant after) {
    ScheduleExpression expression = ScheduleExpression.parse(rule.scheduleExpression());
    Optional<Instant> next =
        expression.nextTickAfter(after, Instant.ofEpochMilli(rule.createdMillis()));
    if (next.isEmpty()) {
      log.info("Rule {} has no tick left ({})", rule.name(), rule.scheduleExpression());
      return;
    }
    long tick = next.get().toEpochMilli();
    Timer timer = new Timer(rule.name(), tick);
    timers.put(rule.name(), timer);
    timer.handle = time.schedule(tick, () -> onTick(timer));
  }

  // why: never lets an exception end a rule's schedule; the next tick is always armed.
  private void onTick(Timer timer) {
    Rule rule;
    synchronized (this) {
      if (closed || timers.get(timer.rule) != timer) {
        return; // cancelled or replaced by a rule change while this task was starting
      }
      timers.remove(timer.rule);
      rule = rules.store().get(Rule.DEFAULT_BUS, timer.rule).orElse(null);
      if (rule == null || !rule.enabled() || !rule.hasSchedule()) {
        return;
      }
      try {
        arm(rule, Instant.ofEpochMilli(Math.max(timer.tick, time.nowMillis())));
      } catch (RuntimeException e) {
        log.error("Rule {} could not set its next tick", rule.name(), e);
      }
    }
    try {
      if (leases.claim(rule.arn(), timer.tick)) {
        rules.fire(rule, rules.scheduledEvent(rule, Instant.ofEpochMilli(timer.tick)));
      }
    } catch (RuntimeException e) {
      log.error("Rule {} failed to fire its tick at {}", rule.name(),
          Instant.ofEpochMilli(timer.tick), e);
    }
  }

  private void cancel(String name) {
    Timer timer = timers.remove(name);
    if (timer != null && timer.handle != null) {
      timer.handle.cancel();
    }
  }

  /** One rule's pending tick. */
  private static final class Timer {
    final String rule;
    final long tick;
    volatile TimeSource.Cancellable handle;

    Timer(String rule, long tick) {
      this.rule = rule;
      this.tick = tick;
    }
  }
}
