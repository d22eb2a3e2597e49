package dev.sluice.schedules.rules;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Rules and buses in sorted maps: for tests and the memory store, gone when the process ends. */
public final class InMemoryRuleStore implements RuleStore {

  private final ConcurrentSkipListMap<String, Rule> rules = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<String, EventBus> buses = new ConcurrentSkipListMap<>();

  @Override
  public List<Rule> all() {
    return List.copyOf(rules.values());
  }

  @Override
  public Optional<Rule> get(String eventBusName, String name) {
    return Optional.ofNullable(rules.get(RuleStore.key(eventBusName, name)));
  }

  @Override
  public void put(Rule rule) {
    rules.put(RuleStore.key(rule.eventBusName(), rule.name()), rule);
  }

  @Override
  public void delete(String eventBusName, String name) {
    rules.remove(RuleStore.key(eventBusName, name));
  }

  @Override
  public List<EventBus> buses() {
    return List.copyOf(buses.values());
  }

  @Override
  public void putBus(EventBus bus) {
    buses.put(bus.name(), bus);
  }

  @Override
  public void deleteBus(String name) {
    buses.remove(name);
  }

  @Override
  public void close() {}
}
