package dev.sluice.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.time.TimeSource;
import dev.sluice.schedules.delivery.EventDispatcher;
import dev.sluice.schedules.delivery.Events;
import dev.sluice.schedules.expression.InvalidScheduleExpressionException;
import dev.sluice.schedules.expression.ScheduleExpression;
import dev.sluice.schedules.pattern.EventPattern;
import dev.sluice.schedules.rules.EventBus;
import dev.sluice.schedules.rules.EventsError;
import dev.sluice.schedules.rules.EventsException;
import dev.sluice.schedules.rules.FailedEntry;
import dev.sluice.schedules.rules.Page;
import dev.sluice.schedules.rules.PutEventsEntry;
import dev.sluice.schedules.rules.PutEventsResultEntry;
import dev.sluice.schedules.rules.PutRuleRequest;
import dev.sluice.schedules.rules.Rule;
import dev.sluice.schedules.rules.RuleListener;
import dev.sluice.schedules.rules.RuleState;
import dev.sluice.schedules.rules.RuleStore;
import dev.sluice.schedules.rules.Target;
import dev.sluice.schedules.rules.Validation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The EventBridge rules API, as the protocol calls it: event buses (the default one and custom
 * ones), rules on them, targets, tags, PutEvents and TestEventPattern; typed requests in, records
 * out, {@link EventsException} for AWS's errors. Changes are serialised (rules change rarely; this
 * keeps each read-modify-write of a rule or bus atomic over any {@link RuleStore}).
 */
public final class RuleService {

  public static final String DEFAULT_BUS = Rule.DEFAULT_BUS;

  /** TestEventPattern refuses events without these ("Parameter Event is not valid."). */
  private static final List<String> TEST_EVENT_FIELDS =
      List.of("id", "account", "source", "time", "region", "detail-type");

  /** AWS's limit of targets per rule. */
  public static final int MAX_TARGETS_PER_RULE = 5;

  private final RuleStore store;
  private final EventDispatcher dispatcher;
  private final TimeSource time;
  private final String accountId;
  private final String region;
  private final EventBuses buses;
  private final Map<String, EventPattern> patterns = new ConcurrentHashMap<>();
  private volatile RuleListener listener = RuleListener.NONE;

  public RuleService(
      RuleStore store, EventDispatcher dispatcher, TimeSource time, String accountId, String region) {
    this.store = store;
    this.dispatcher = dispatcher;
    this.time = time;
    this.accountId = accountId;
    this.region = region;
    this.buses = new EventBuses(store, time, accountId, region);
  }

  /** The scheduler listens; set once at wiring. */
  public void listen(RuleListener ruleListener) {
    this.listener = ruleListener;
  }

  public String accountId() {
    return accountId;
  }

  public String region() {
    return region;
  }

  /** A default-bus rule's ARN. */
  public String ruleArn(String name) {
    return ruleArn(DEFAULT_BUS, name);
  }

  /** As AWS forms them: {@code rule/NAME} on the default bus, {@code rule/BUS/NAME} elsewhere. */
  public String ruleArn(String eventBusName, String name) {
    String prefix = "arn:aws:events:" + region + ":" + accountId + ":rule/";
    return DEFAULT_BUS.equals(eventBusName) ? prefix + name : prefix + eventBusName + "/" + name;
  }

  // ---- event buses

  public synchronized EventBus createEventBus(
      String name, String description, Map<String, String> tags) {
    return buses.create(name, description, tags);
  }

  /** @param nameOrArn null for the default bus */
  public EventBus describeEventBus(String nameOrArn) {
    return buses.require(nameOrArn);
  }

  public Page<EventBus> listEventBuses(String namePrefix, String nextToken, Integer limit) {
    return buses.list(namePrefix, nextToken, limit);
  }

  /**
   * Deletes a custom bus with its rules (AWS: "All rules associated with this event bus need to be
   * deleted"; Sluice deletes them rather than leave rules on a bus that is gone).
   */
  public synchronized void deleteEventBus(String nameOrArn) {
    String name = buses.nameOf(nameOrArn);
    new Validation().required(nameOrArn, "name").check();
    if (!DEFAULT_BUS.equals(name)) {
      buses.require(name);
    }
    buses.delete(name);
    for (Rule rule : store.all()) {
      if (rule.eventBusName().equals(name)) {
        store.delete(name, rule.name());
        listener.ruleDeleted(rule);
      }
    }
  }

  // ---- rules

  /** Creates or updates a rule; an update keeps its targets, tags and creation time. */
  public synchronized String putRule(PutRuleRequest request) {
    new Validation()
        .required(request.name(), "name")
        .name(request.name(), "name", 64)
        .maxLength(request.description(), "description", 512)
        .maxLength(request.scheduleExpression(), "scheduleExpression", 256)
        .check();
    String bus = bus(request.eventBusName());
    if (request.scheduleExpression() == null && request.eventPattern() == null) {
      throw EventsException.validation(
          "Parameter(s) EventPattern or ScheduleExpression must be specified.");
    }
    if (request.scheduleExpression() != null && !DEFAULT_BUS.equals(bus)) {
      throw EventsException.validation(
          "ScheduleExpression is supported only on the default event bus.");
    }
    if (request.scheduleExpression() != null) {
      try {
        ScheduleExpression.parse(request.scheduleExpression());
      } catch (InvalidScheduleExpressionException e) {
        throw EventsException.validation("Parameter ScheduleExpression is not valid.");
      }
    }
    if (request.eventPattern() != null) {
      pattern(request.eventPattern());
    }
    Rule existing = store.get(bus, request.name()).orElse(null);
    Rule rule = new Rule(
        request.name(),
        ruleArn(bus, request.name()),
        request.description(),
        request.scheduleExpression(),
        request.eventPattern(),
        request.state() == null ? RuleState.ENABLED : request.state(),
        request.roleArn(),
        existing == null ? time.nowMillis() : existing.createdMillis(),
        existing == null ? request.tags() : existing.tags(),
        existing == null ? List.of() : existing.targets(),
        bus);
    save(rule);
    return rule.arn();
  }

  public Rule describeRule(String name, String eventBusName) {
    return rule(eventBusName, name);
  }

  public Page<Rule> listRules(String namePrefix, String eventBusName, String nextToken, Integer limit) {
    String bus = bus(eventBusName);
    List<Rule> matching = store.all().stream()
        .filter(rule -> rule.eventBusName().equals(bus))
        .filter(rule -> namePrefix == null || rule.name().startsWith(namePrefix))
        .toList();
    return Page.of(matching, nextToken, limit);
  }

  public synchronized void enableRule(String name, String eventBusName) {
    save(rule(eventBusName, name).withState(RuleState.ENABLED));
  }

  public synchronized void disableRule(String name, String eventBusName) {
    save(rule(eventBusName, name).withState(RuleState.DISABLED));
  }

  /** Deleting a rule that does not exist succeeds, as at AWS. */
  public synchronized void deleteRule(String name, String eventBusName, boolean force) {
    Rule rule = store.get(bus(eventBusName), name).orElse(null);
    if (rule == null) {
      return;
    }
    if (!rule.targets().isEmpty() && !force) {
      throw EventsException.validation("Rule can't be deleted since it has targets.");
    }
    store.delete(rule.eventBusName(), name);
    listener.ruleDeleted(rule);
  }

  public synchronized List<FailedEntry> putTargets(
      String ruleName, String eventBusName, List<Target> targets) {
    TargetValidation.check(targets);
    Rule rule = rule(eventBusName, ruleName);
    List<Target> merged = rule.targetsWith(targets);
    if (merged.size() > MAX_TARGETS_PER_RULE) {
      throw new EventsException(EventsError.LIMIT_EXCEEDED,
          "The requested resource exceeds the maximum number allowed.");
    }
    save(rule.withTargets(merged));
    return List.of();
  }

  /** Ids the rule does not have are ignored, as at AWS. */
  public synchronized List<FailedEntry> removeTargets(
      String ruleName, String eventBusName, List<String> ids) {
    Rule rule = rule(eventBusName, ruleName);
    List<Target> kept = new ArrayList<>(rule.targets());
    kept.removeIf(target -> ids.contains(target.id()));
    save(rule.withTargets(kept));
    return List.of();
  }

  public Page<Target> listTargetsByRule(
      String ruleName, String eventBusName, String nextToken, Integer limit) {
    return Page.of(rule(eventBusName, ruleName).targets(), nextToken, limit);
  }

  public Page<String> listRuleNamesByTarget(
      String targetArn, String eventBusName, String nextToken, Integer limit) {
    String bus = bus(eventBusName);
    List<String> names = store.all().stream()
        .filter(rule -> rule.eventBusName().equals(bus))
        .filter(rule -> rule.targets().stream().anyMatch(t -> t.arn().equals(targetArn)))
        .map(Rule::name)
        .toList();
    return Page.of(names, nextToken, limit);
  }

  public synchronized void tagResource(String arn, Map<String, String> tags) {
    if (isBusArn(arn)) {
      EventBus bus = buses.require(arn);
      Map<String, String> merged = new LinkedHashMap<>(bus.tags());
      merged.putAll(tags);
      buses.putTags(bus, merged);
      return;
    }
    Rule rule = ruleByArn(arn);
    Map<String, String> merged = new LinkedHashMap<>(rule.tags());
    merged.putAll(tags);
    save(rule.withTags(merged));
  }

  public synchronized void untagResource(String arn, List<String> keys) {
    if (isBusArn(arn)) {
      EventBus bus = buses.require(arn);
      Map<String, String> kept = new LinkedHashMap<>(bus.tags());
      keys.forEach(kept::remove);
      buses.putTags(bus, kept);
      return;
    }
    Rule rule = ruleByArn(arn);
    Map<String, String> kept = new LinkedHashMap<>(rule.tags());
    keys.forEach(kept::remove);
    save(rule.withTags(kept));
  }

  public Map<String, String> listTagsForResource(String arn) {
    return isBusArn(arn) ? buses.require(arn).tags() : ruleByArn(arn).tags();
  }

  /**
   * Accepts custom events and sends each to the targets of every enabled rule of its bus whose
   * pattern matches. Answers once the events are accepted; delivery goes on behind it. An event
   * for a bus that does not exist is accepted and goes nowhere, as AWS does (recorded).
   */
  public List<PutEventsResultEntry> putEvents(List<PutEventsEntry> entries) {
    List<PutEventsResultEntry> results = new ArrayList<>();
    for (PutEventsEntry entry : entries) {
      results.add(putEvent(entry));
    }
    return results;
  }

  /**
   * TestEventPattern: whether {@code event} (a full event, as AWS requires: id, account, source,
   * time, region, detail-type) matches {@code eventPattern}.
   */
  public boolean testEventPattern(String eventPattern, String event) {
    new Validation().required(eventPattern, "eventPattern").required(event, "event").check();
    EventPattern pattern = EventPattern.parse(eventPattern); // not cached: one-off patterns
    JsonNode parsed;
    try {
      parsed = Events.JSON.readTree(event);
    } catch (Exception e) {
      parsed = null;
    }
    if (parsed == null || !parsed.isObject()) {
      throw EventsException.validation("Parameter Event is not valid.");
    }
    for (String required : TEST_EVENT_FIELDS) {
      if (!parsed.hasNonNull(required)) {
        throw EventsException.validation("Parameter Event is not valid.");
      }
    }
    return pattern.matches(parsed);
  }

  /** Sends one scheduled event to the rule's targets now, whatever its state or schedule. */
  public CompletableFuture<RunResult> runNow(String name) {
    Rule rule = rule(null, name);
    ObjectNode event = scheduledEvent(rule, time.now());
    return dispatcher.dispatch(rule, event)
        .thenApply(results -> new RunResult(event.get("id").asText(), rule.arn(), results));
  }

  /** The event a schedule rule sends for a tick. */
  public ObjectNode scheduledEvent(Rule rule, Instant tick) {
    return Events.scheduled(UUID.randomUUID().toString(), tick, accountId, region, rule.arn());
  }

  /** Delivers an event to the rule's targets (the scheduler's tick). */
  public void fire(Rule rule, JsonNode event) {
    dispatcher.dispatch(rule, event);
  }

  public RuleStore store() {
    return store;
  }

  private PutEventsResultEntry putEvent(PutEventsEntry entry) {
    if (entry.source() == null) {
      return invalidArgument("Source");
    }
    if (entry.detailType() == null) {
      return invalidArgument("DetailType");
    }
    if (entry.detail() == null) {
      return invalidArgument("Detail");
    }
    JsonNode detail;
    try {
      detail = Events.JSON.readTree(entry.detail());
    } catch (Exception e) {
      detail = null;
    }
    if (detail == null || !detail.isObject()) {
      return PutEventsResultEntry.failed("MalformedDetail", "Detail is malformed.");
    }
    String eventId = UUID.randomUUID().toString();
    ObjectNode event = Events.envelope(eventId, entry.detailType(), entry.source(), accountId,
        entry.time() == null ? time.now() : entry.time(), region,
        entry.resources() == null ? List.of() : entry.resources(), detail);
    String bus = buses.nameOf(entry.eventBusName());
    for (Rule rule : store.all()) {
      if (rule.eventBusName().equals(bus) && rule.enabled() && rule.eventPattern() != null
          && pattern(rule.eventPattern()).matches(event)) {
        dispatcher.dispatch(rule, event);
      }
    }
    return PutEventsResultEntry.accepted(eventId);
  }

  private static PutEventsResultEntry invalidArgument(String parameter) {
    return PutEventsResultEntry.failed("InvalidArgument", "Parameter " + parameter
        + " is not valid. Reason: " + parameter + " is a required argument.");
  }

  private EventPattern pattern(String text) {
    EventPattern cached = patterns.get(text);
    if (cached != null) {
      return cached;
    }
    EventPattern parsed = EventPattern.parse(text);
    if (patterns.size() < 10_000) {
      patterns.put(text, parsed);
    }
    return parsed;
  }

  private void save(Rule rule) {
    store.put(rule);
    listener.rulePut(rule);
  }

  private Rule rule(String eventBusName, String name) {
    String bus = bus(eventBusName);
    new Validation().required(name, "name").check();
    return store.get(bus, name).orElseThrow(() -> EventsException.ruleNotFound(name, bus));
  }

  /** {@code rule/NAME} on the default bus, {@code rule/BUS/NAME} on a custom one. */
  private Rule ruleByArn(String arn) {
    String prefix = ruleArn("");
    if (arn == null || !arn.startsWith(prefix)) {
      throw EventsException.ruleNotFound(arn == null ? "null" : arn.substring(arn.indexOf('/') + 1));
    }
    String path = arn.substring(prefix.length());
    int slash = path.lastIndexOf('/');
    return slash < 0
        ? rule(null, path)
        : rule(path.substring(0, slash), path.substring(slash + 1));
  }

  private boolean isBusArn(String arn) {
    return arn != null && arn.startsWith(buses.arn(""));
  }

  /** The name of the existing bus {@code nameOrArn} names (null: the default bus). */
  private String bus(String nameOrArn) {
    return buses.require(nameOrArn).name();
  }
}
