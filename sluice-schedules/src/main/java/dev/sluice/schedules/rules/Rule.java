package dev.sluice.schedules.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule on an event bus with its targets and tags. Immutable: every change makes a new
 * one, which the {@link RuleStore} saves whole.
 *
 * @param createdMillis when the rule was first put; rate schedules count their ticks from it
 * @param scheduleExpression null for a pattern rule
 * @param eventPattern the pattern JSON as the client sent it, or null for a schedule rule
 * @param tags in the order they were added
 * @param targets in the order they were put
 * @param eventBusName the bus's name; null (rules saved before custom buses) means the default
 */
public record Rule(
    String name,
    String arn,
    String description,
    String scheduleExpression,
    String eventPattern,
    RuleState state,
    String roleArn,
    long createdMillis,
    Map<String, String> tags,
    List<Target> targets,
    String eventBusName) {

  public static final String DEFAULT_BUS = "default";

  public Rule {
    eventBusName = eventBusName == null ? DEFAULT_BUS : eventBusName;
    tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    targets = List.copyOf(targets == null ? List.of() : targets);
  }

  /** A rule on the default bus, as rules were before custom buses. */
  public Rule(String name, String arn, String description, String scheduleExpression,
      String eventPattern, RuleState state, String roleArn, long createdMillis,
      Map<String, String> tags, List<Target> targets) {
    this(name, arn, description, scheduleExpression, eventPattern, state, roleArn, createdMillis,
        tags, targets, DEFAULT_BUS);
  }

  public boolean onDefaultBus() {
    return DEFAULT_BUS.equals(eventBusName);
  }

  public boolean enabled() {
    return state == RuleState.ENABLED;
  }

  public boolean hasSchedule() {
    return scheduleExpression != null;
  }

  public Rule withState(RuleState newState) {
    return new Rule(name, arn, description, scheduleExpression, eventPattern, newState, roleArn,
        createdMillis, tags, targets, eventBusName);
  }

  public Rule withTags(Map<String, String> newTags) {
    return new Rule(name, arn, description, scheduleExpression, eventPattern, state, roleArn,
        createdMillis, newTags, targets, eventBusName);
  }

  public Rule withTargets(List<Target> newTargets) {
    return new Rule(name, arn, description, scheduleExpression, eventPattern, state, roleArn,
        createdMillis, tags, newTargets, eventBusName);
  }

  /** This rule's targets with {@code puts} added or replacing those of the same id. */
  public List<Target> targetsWith(List<Target> puts) {
    List<Target> result = new ArrayList<>(targets);
    for (Target put : puts) {
      result.removeIf(existing -> existing.id().equals(put.id()));
      result.add(put);
    }
    return result;
  }
}
