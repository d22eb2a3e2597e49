package dev.sluice.schedules;

import dev.sluice.core.time.TimeSource;
import dev.sluice.schedules.rules.EventBus;
import dev.sluice.schedules.rules.EventsError;
import dev.sluice.schedules.rules.EventsException;
import dev.sluice.schedules.rules.Page;
import dev.sluice.schedules.rules.Rule;
import dev.sluice.schedules.rules.RuleStore;
import dev.sluice.schedules.rules.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Event buses: the implicit default bus and the custom ones in the {@link RuleStore}. Names the
 * rules API receives ({@code EventBusName}: a name or an ARN) are resolved here. Callers serialise
 * changes ({@link RuleService} is synchronized).
 */
final class EventBuses {

  /** CreateEventBus's Name: AWS's pattern and length. */
  static final Pattern NAME = Pattern.compile("[/\\.\\-_A-Za-z0-9]+");

  static final int MAX_NAME = 256;

  private final RuleStore store;
  private final TimeSource time;
  private final String arnPrefix;
  private final long defaultCreatedMillis;

  EventBuses(RuleStore store, TimeSource time, String accountId, String region) {
    this.store = store;
    this.time = time;
    this.arnPrefix = "arn:aws:events:" + region + ":" + accountId + ":event-bus/";
    this.defaultCreatedMillis = time.nowMillis();
  }

  String arn(String name) {
    return arnPrefix + name;
  }

  /** The bus's name from a name or an ARN; null means the default bus. */
  String nameOf(String nameOrArn) {
    if (nameOrArn == null) {
      return Rule.DEFAULT_BUS;
    }
    if (nameOrArn.startsWith("arn:")) {
      int slash = nameOrArn.indexOf(":event-bus/");
      return slash < 0 ? nameOrArn : nameOrArn.substring(slash + ":event-bus/".length());
    }
    return nameOrArn;
  }

  /** The existing bus named by {@code nameOrArn}. */
  EventBus require(String nameOrArn) {
    String name = nameOf(nameOrArn);
    return find(name).orElseThrow(() -> EventsException.busNotFound(name));
  }

  java.util.Optional<EventBus> find(String name) {
    if (Rule.DEFAULT_BUS.equals(name)) {
      return java.util.Optional.of(defaultBus());
    }
    return store.buses().stream().filter(bus -> bus.name().equals(name)).findFirst();
  }

  EventBus create(String name, String description, Map<String, String> tags) {
    new Validation()
        .required(name, "name")
        .maxLength(name, "name", MAX_NAME)
        .maxLength(description, "description", 512)
        .check();
    if (name.isEmpty() || !NAME.matcher(name).matches()) {
      throw EventsException.validation("1 validation error detected: Value '" + name
          + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression "
          + "pattern: " + NAME.pattern());
    }
    if (find(name).isPresent()) {
      throw new EventsException(
          EventsError.RESOURCE_ALREADY_EXISTS, "Event bus " + name + " already exists.");
    }
    long now = time.nowMillis();
    EventBus bus = new EventBus(name, arn(name), description, now, now, tags);
    store.putBus(bus);
    return bus;
  }

  /** The default bus first, as AWS lists it, then the custom buses by name. */
  Page<EventBus> list(String namePrefix, String nextToken, Integer limit) {
    List<EventBus> all = new ArrayList<>();
    all.add(defaultBus());
    all.addAll(store.buses());
    List<EventBus> matching = all.stream()
        .filter(bus -> namePrefix == null || bus.name().startsWith(namePrefix))
        .toList();
    return Page.of(matching, nextToken, limit);
  }

  void delete(String name) {
    if (Rule.DEFAULT_BUS.equals(name)) {
      throw EventsException.validation("Cannot delete event bus default.");
    }
    store.deleteBus(name);
  }

  void putTags(EventBus bus, Map<String, String> tags) {
    if (Rule.DEFAULT_BUS.equals(bus.name())) {
      return; // the default bus is not stored; AWS's tags on it are not kept by Sluice
    }
    store.putBus(bus.withTags(tags, time.nowMillis()));
  }

  private EventBus defaultBus() {
    return new EventBus(Rule.DEFAULT_BUS, arn(Rule.DEFAULT_BUS), null, defaultCreatedMillis,
        defaultCreatedMillis, Map.of());
  }
}
