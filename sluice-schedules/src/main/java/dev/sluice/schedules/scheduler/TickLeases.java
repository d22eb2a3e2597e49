package dev.sluice.schedules.scheduler;

/**
 * Makes a schedule fire once per tick however many Sluice servers share a store: every server
 * keeps its own timer for every schedule rule, and at a tick each asks to claim it; exactly one
 * wins and delivers.
 *
 * <p>Implementations:
 * <ul>
 *   <li>{@link SingleNodeTickLeases}: one server; an in-memory high-water mark per rule.
 *   <li>PostgreSQL (with the PostgreSQL store): one row per rule, claimed with a conditional
 *       update that only one transaction can win:
 *       <pre>{@code
 * INSERT INTO rule_ticks (rule_arn, last_tick, owner) VALUES (?, ?, ?)
 * ON CONFLICT (rule_arn) DO UPDATE SET last_tick = EXCLUDED.last_tick, owner = EXCLUDED.owner
 *   WHERE rule_ticks.last_tick < EXCLUDED.last_tick
 *       }</pre>
 *       The claim succeeded iff the statement changed one row. Row locking serialises the racing
 *       servers; the loser sees {@code last_tick} already equal to the tick and changes nothing.
 *       No heartbeat is needed: a tick's claim is final, and a server that claims and then dies
 *       loses that one tick (AWS promises at-least-once only within its own retries, and does
 *       not replay missed ticks either).
 * </ul>
 */
public interface TickLeases {

  /**
   * Claims the tick at {@code tickMillis} of the rule. True for exactly one caller per (rule,
   * tick) across all servers sharing the lease store; false for every other, and for any tick
   * not later than one already claimed.
   */
  boolean claim(String ruleArn, long tickMillis);
}
