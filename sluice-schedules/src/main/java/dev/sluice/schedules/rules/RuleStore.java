package dev.sluice.schedules.rules;

import java.util.List;
import java.util.Optional;

/**
 * Where rules (with their targets and tags) and custom event buses live. The in-memory store
 * serves tests and {@code --store memory}; the durable one lives in a store module. Rules and buses
 * are few and small, so the SPI moves them whole. A rule is named by its bus and its name.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #put}, {@link #delete}, {@link #putBus} and {@link #deleteBus} are durable when they
 *       return: after a crash or restart, {@link #all} and {@link #buses} hold exactly what was
 *       put and not deleted since.
 *   <li>Calls may come from any thread; each call is atomic. {@link
 *       dev.sluice.schedules.RuleService} serialises the read-modify-write of one rule or bus
 *       itself, so stores need no compare-and-set.
 *   <li>{@link #all} returns rules sorted by bus name, then rule name; {@link #buses} sorted by
 *       name.
 * </ul>
 */
public interface RuleStore extends AutoCloseable {

  /** Every rule, sorted by bus name then rule name. */
  List<Rule> all();

  Optional<Rule> get(String eventBusName, String name);

  /** Saves the rule, replacing any rule of that bus and name. */
  void put(Rule rule);

  /** Removes the rule if present. */
  void delete(String eventBusName, String name);

  /** Every custom event bus, sorted by name. */
  List<EventBus> buses();

  /** Saves the bus, replacing any bus of that name. */
  void putBus(EventBus bus);

  /** Removes the bus if present (its rules are the caller's business). */
  void deleteBus(String name);

  /** Releases files or connections; the store is unusable afterwards. */
  @Override
  void close();

  /** The key rules are kept under: sorts by bus, then name ('\u0000' sorts before any name). */
  static String key(String eventBusName, String name) {
    return eventBusName + '\u0000' + name;
  }
}
