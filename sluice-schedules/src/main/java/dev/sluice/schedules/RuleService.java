package dev.sluice.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.time.TimeSource;
import dev.sluice.schedules.delivery.EventDispatcher;
import dev.sluice.schedules.delivery.Events;
import dev.sluice.schedules.expression.InvalidScheduleExpressionException;
import dev.sluice.schedules.expression.ScheduleExpression;
import dev.sluice.schedules.pattern.EventPattern;
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
 * The EventBridge rules API on the default event bus, as the protocol calls it: typed requests in,
 * records out, {@link EventsException} for AWS's errors. Changes are serialised (rules change
 * rarely; this keeps each read-modify-write of a rule atomic over any {@link RuleStore}).
 */
public final class RuleService {

  public static final String DEFAULT_BUS = "default";

  /** AWS's limit of targets per rule. */
  public static final int MAX_TARGETS_PER_RULE = 5;

  private final RuleStore store;
  private final EventDispatcher dispatcher;
  private final TimeSource time;
  private final String accountId;
  private final String region;
  private final Map<String, EventPattern> patterns = new ConcurrentHashMap<>();
  private volatile RuleListener listener = RuleListener.NONE;

  public RuleService(
      RuleStore store, EventDispatcher dispatcher, TimeSource time, String accountId, String region) {
    this.store = store;
    this.dispatcher = dispatcher;
    this.time = time;
    this.accountId = accountId;
    this.region = region;
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

  public String ruleArn(String name) {
    return "arn:aws:events:" + region + ":" + accountId + ":rule/" + name;
  }

  /** Creates or updates a rule; an update keeps its targets, tags and creation time. */
  public synchronized String putRule(PutRuleRequest request) {
    new Validation()
        .required(request.name(), "name")
        .name(request.name(), "name", 64)
        .maxLength(request.description(), "description", 512)
        .maxLength(request.scheduleExpression(), "scheduleExpression", 256)
        .check();
    checkBus(request.eventBusName());
    if (request.scheduleExpression() == null && request.eventPattern() == null) {
      throw EventsException.validation(
          "Parameter(s) EventPattern or ScheduleExpression must be specified.");
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
    Rule existing = store.get(request.name()).orElse(null);
    Rule rule = new Rule(
        request.name(),
        ruleArn(request.name()),
        request.description(),
        request.scheduleExpression(),
        request.eventPattern(),
        request.state() == null ? RuleState.ENABLED : request.state(),
        request.roleArn(),
        existing == null ? time.nowMillis() : existing.createdMillis(),
        existing == null ? request.tags() : existing.tags(),
        existing == null ? List.of() : existing.targets());
    save(rule);
    return rule.arn();
  }

  public Rule describeRule(String name, String eventBusName) {
    checkBus(eventBusName);
    return rule(name);
  }

  public Page<Rule> listRules(String namePrefix, String eventBusName, String nextToken, Integer limit) {
    checkBus(eventBusName);
    List<Rule> matching = store.all().stream()
        .filter(rule -> namePrefix == null || rule.name().startsWith(namePrefix))
        .toList();
    return Page.of(matching, nextToken, limit);
  }

  public synchronized void enableRule(String name, String eventBusName) {
    checkBus(eventBusName);
    save(rule(name).withState(RuleState.ENABLED));
  }

  public synchronized void disableRule(String name, String eventBusName) {
    checkBus(eventBusName);
    save(rule(name).withState(RuleState.DISABLED));
  }

  /** Deleting a rule that does not exist succeeds, as at AWS. */
  public synchronized void deleteRule(String name, String eventBusName, boolean force) {
    checkBus(eventBusName);
    Rule rule = store.get(name).orElse(null);
    if (rule == null) {
      return;
    }
    if (!rule.targets().isEmpty() && !force) {
      throw EventsException.validation("Rule can't be deleted since it has targets.");
    }
    store.delete(name);
    listener.ruleDeleted(name);
  }

  public synchronized List<FailedEntry> putTargets(
      String ruleName, String eventBusName, List<Target> targets) {
    checkBus(eventBusName);
    TargetValidation.check(targets);
    Rule rule = rule(ruleName);
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
    checkBus(eventBusName);
    Rule rule = rule(ruleName);
    List<Target> kept = new ArrayList<>(rule.targets());
    kept.removeIf(target -> ids.contains(target.id()));
    save(rule.withTargets(kept));
    return List.of();
  }

  public Page<Target> listTargetsByRule(
      String ruleName, String eventBusName, String nextToken, Integer limit) {
    checkBus(eventBusName);
    return Page.of(rule(ruleName).targets(), nextToken, limit);
  }

  public Page<String> listRuleNamesByTarget(
      String targetArn, String eventBusName, String nextToken, Integer limit) {
    checkBus(eventBusName);
    List<String> names = store.all().stream()
        .filter(rule -> rule.targets().stream().anyMatch(t -> t.arn().equals(targetArn)))
        .map(Rule::name)
        .toList();
    return Page.of(names, nextToken, limit);
  }

  public synchronized void tagResource(String arn, Map<String, String> tags) {
    Rule rule = ruleByArn(arn);
    Map<String, String> merged = new LinkedHashMap<>(rule.tags());
    merged.putAll(tags);
    save(rule.withTags(merged));
  }

  public synchronized void untagResource(String arn, List<String> keys) {
    Rule rule = ruleByArn(arn);
    Map<String, String> kept = new LinkedHashMap<>(rule.tags());
    keys.forEach(kept::remove);
    save(rule.withTags(kept));
  }

  public Map<String, String> listTagsForResource(String arn) {
    return ruleByArn(arn).tags();
  }

  /**
   * Accepts custom events on the default bus and sends each to the targets of every enabled rule
   * whose pattern matches. Answers once the events are accepted; delivery goes on behind it.
   */
  public List<PutEventsResultEntry> putEvents(List<PutEventsEntry> entries) {
    List<PutEventsResultEntry> results = new ArrayList<>();
    for (PutEventsEntry entry : entries) {
      results.add(putEvent(entry));
    }
    return results;
  }

  /** Sends one scheduled event to the rule's targets now, whatever its state or schedule. */
  public CompletableFuture<RunResult> runNow(String name) {
    Rule rule = rule(name);
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
    if (entry.eventBusName() != null && !isDefaultBus(entry.eventBusName())) {
      return PutEventsResultEntry.failed("ResourceNotFoundException",
          "Event bus " + entry.eventBusName() + " does not exist.");
    }
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
    for (Rule rule : store.all()) {
      if (rule.enabled() && rule.eventPattern() != null
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

  private Rule rule(String name) {
    new Validation().required(name, "name").check();
    return store.get(name).orElseThrow(() -> EventsException.ruleNotFound(name));
  }

  private Rule ruleByArn(String arn) {
    String prefix = ruleArn("");
    if (arn == null || !arn.startsWith(prefix)) {
      throw EventsException.ruleNotFound(arn == null ? "null" : arn.substring(arn.indexOf('/') + 1));
    }
    return rule(arn.substring(prefix.length()));
  }

  private void checkBus(String eventBusName) {
    if (eventBusName != null && !isDefaultBus(eventBusName)) {
      throw new EventsException(EventsError.RESOURCE_NOT_FOUND,
          "Event bus " + eventBusName + " does not exist.");
    }
  }

  private boolean isDefaultBus(String nameOrArn) {
    return nameOrArn.equals(DEFAULT_BUS)
        || nameOrArn.equals("arn:aws:events:" + region + ":" + accountId + ":event-bus/default");
  }
}
