package dev.sluice.schedules.rules;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Rules in a sorted map: for tests and the memory store, gone when the process ends. */
public final class InMemoryRuleStore implements RuleStore {

  private final ConcurrentSkipListMap<String, Rule> rules = new ConcurrentSkipListMap<>();

  @Override
  public List<Rule> all() {
    return List.copyOf(rules.values());
  }

  @Override
  public Optional<Rule> get(String name) {
    return Optional.ofNullable(rules.get(name));
  }

  @Override
  public void put(Rule rule) {
    rules.put(rule.name(), rule);
  }

  @Override
  public void delete(String name) {
    rules.remove(name);
  }

  @Override
  public void close() {}
}
