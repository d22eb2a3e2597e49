package dev.sluice.schedules.rules;

import java.util.List;
import java.util.Optional;

/**
 * Where rules (with their targets and tags) live. The in-memory store serves tests and {@code
 * --store memory}; the durable one lives in a store module. Rules are few and small, so the SPI
 * moves whole rules.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #put} and {@link #delete} are durable when they return: after a crash or restart,
 *       {@link #all} holds exactly the rules put and not deleted since.
 *   <li>Calls may come from any thread; each call is atomic. {@link RuleService} serialises the
 *       read-modify-write of one rule itself, so stores need no compare-and-set.
 *   <li>{@link #all} returns rules sorted by name.
 * </ul>
 */
public interface RuleStore extends AutoCloseable {

  /** Every rule, sorted by name. */
  List<Rule> all();

  Optional<Rule> get(String name);

  /** Saves the rule, replacing any rule of that name. */
  void put(Rule rule);

  /** Removes the rule if present. */
  void delete(String name);

  /** Releases files or connections; the store is unusable afterwards. */
  @Override
  void close();
}
