package dev.sluice.store.embedded.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.schedules.rules.EventBus;
import dev.sluice.schedules.rules.Rule;
import dev.sluice.schedules.rules.RuleStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The durable {@link RuleStore}: every rule and custom event bus in one JSON file, {@code
 * <folder>/rules.json},
 * rewritten whole on each change. why not RocksDB: rules are few (hundreds at most) and change
 * rarely, so a file that a person can read beats a second database; durability comes from writing
 * a temporary file, fsyncing it, renaming it over the old one atomically and fsyncing the folder,
 * so a crash leaves either the old or the new file, never a torn one.
 *
 * <p>Reads are served from memory; writes are serialised by this object's lock.
 */
public final class JsonFileRuleStore implements RuleStore {

  static final String FILE = "rules.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path folder;
  private final Path file;
  private final TreeMap<String, Rule> rules = new TreeMap<>();
  private final TreeMap<String, EventBus> buses = new TreeMap<>();
  private boolean closed;

  private JsonFileRuleStore(Path folder) {
    this.folder = folder;
    this.file = folder.resolve(FILE);
  }

  /** Opens (creating if needed) the store in {@code folder}. */
  public static JsonFileRuleStore open(Path folder) throws IOException {
    Files.createDirectories(folder);
    JsonFileRuleStore store = new JsonFileRuleStore(folder);
    Files.deleteIfExists(store.temporaryFile()); // a write that a crash interrupted
    if (Files.exists(store.file)) {
      RulesFile saved = JSON.readValue(store.file.toFile(), RulesFile.class);
      for (Rule rule : saved.rules()) {
        store.rules.put(RuleStore.key(rule.eventBusName(), rule.name()), rule);
      }
      if (saved.buses() != null) { // version 1 files predate custom buses
        for (EventBus bus : saved.buses()) {
          store.buses.put(bus.name(), bus);
        }
      }
    }
    return store;
  }

  @Override
  public synchronized List<Rule> all() {
    return List.copyOf(rules.values());
  }

  @Override
  public synchronized Optional<Rule> get(String eventBusName, String name) {
    return Optional.ofNullable(rules.get(RuleStore.key(eventBusName, name)));
  }

  @Override
  public synchronized void put(Rule rule) {
    String key = RuleStore.key(rule.eventBusName(), rule.name());
    Rule previous = rules.put(key, rule);
    try {
      persist();
    } catch (RuntimeException e) {
      restore(rules, key, previous);
      throw e;
    }
  }

  @Override
  public synchronized void delete(String eventBusName, String name) {
    String key = RuleStore.key(eventBusName, name);
    Rule previous = rules.remove(key);
    if (previous == null) {
      return;
    }
    try {
      persist();
    } catch (RuntimeException e) {
      restore(rules, key, previous);
      throw e;
    }
  }

  @Override
  public synchronized List<EventBus> buses() {
    return List.copyOf(buses.values());
  }

  @Override
  public synchronized void putBus(EventBus bus) {
    EventBus previous = buses.put(bus.name(), bus);
    try {
      persist();
    } catch (RuntimeException e) {
      restore(buses, bus.name(), previous);
      throw e;
    }
  }

  @Override
  public synchronized void deleteBus(String name) {
    EventBus previous = buses.remove(name);
    if (previous == null) {
      return;
    }
    try {
      persist();
    } catch (RuntimeException e) {
      restore(buses, name, previous);
      throw e;
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private static <T> void restore(TreeMap<String, T> map, String key, T previous) {
    if (previous == null) {
      map.remove(key);
    } else {
      map.put(key, previous);
    }
  }

  private void persist() {
    if (closed) {
      throw new IllegalStateException("The rule store is closed");
    }
    try {
      DurableFiles.replace(file, JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsBytes(new RulesFile(2, List.copyOf(rules.values()), List.copyOf(buses.values()))));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save rules to " + file, e);
    }
  }

  private Path temporaryFile() {
    return folder.resolve(FILE + ".tmp");
  }

  /**
   * The file's shape: a version, for later migrations, the rules and the custom buses. Version 1
   * (no buses, no eventBusName on rules) reads as rules on the default bus.
   */
  record RulesFile(int version, List<Rule> rules, List<EventBus> buses) {}
}
