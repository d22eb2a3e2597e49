package dev.sluice.protocol.aws.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.protocol.aws.wire.Json;
import dev.sluice.schedules.rules.EventBus;
import dev.sluice.schedules.rules.FailedEntry;
import dev.sluice.schedules.rules.PutEventsResultEntry;
import dev.sluice.schedules.rules.RetryPolicy;
import dev.sluice.schedules.rules.Rule;
import dev.sluice.schedules.rules.Target;
import java.util.List;
import java.util.Map;

/** EventBridge's answer shapes, members in AWS's names; absent values are left out. */
final class EventsOutput {

  private EventsOutput() {}

  /** A rule as ListRules lists it; DescribeRule adds CreatedBy. */
  static ObjectNode rule(Rule rule) {
    ObjectNode node = Json.object();
    node.put("Name", rule.name());
    node.put("Arn", rule.arn());
    putIfSet(node, "EventPattern", rule.eventPattern());
    putIfSet(node, "ScheduleExpression", rule.scheduleExpression());
    node.put("State", rule.state().name());
    putIfSet(node, "Description", rule.description());
    putIfSet(node, "RoleArn", rule.roleArn());
    node.put("EventBusName", rule.eventBusName());
    return node;
  }

  /** A bus as DescribeEventBus and ListEventBuses show it; times in epoch seconds. */
  static ObjectNode eventBus(EventBus bus) {
    ObjectNode node = Json.object();
    node.put("Name", bus.name());
    node.put("Arn", bus.arn());
    putIfSet(node, "Description", bus.description());
    node.put("CreationTime", bus.createdMillis() / 1000.0);
    node.put("LastModifiedTime", bus.lastModifiedMillis() / 1000.0);
    return node;
  }

  static ObjectNode target(Target target) {
    ObjectNode node = Json.object();
    node.put("Id", target.id());
    node.put("Arn", target.arn());
    putIfSet(node, "Input", target.input());
    putIfSet(node, "InputPath", target.inputPath());
    if (target.inputTransformer() != null) {
      ObjectNode transformer = node.putObject("InputTransformer");
      ObjectNode paths = Json.object();
      target.inputTransformer().inputPathsMap().forEach(paths::put);
      if (!paths.isEmpty()) {
        transformer.set("InputPathsMap", paths);
      }
      transformer.put("InputTemplate", target.inputTransformer().inputTemplate());
    }
    if (target.sqsMessageGroupId() != null) {
      node.putObject("SqsParameters").put("MessageGroupId", target.sqsMessageGroupId());
    }
    RetryPolicy retry = target.retryPolicy();
    if (retry != null) {
      node.putObject("RetryPolicy")
          .put("MaximumRetryAttempts", retry.maximumRetryAttempts())
          .put("MaximumEventAgeInSeconds", retry.maximumEventAgeInSeconds());
    }
    if (target.deadLetterArn() != null) {
      node.putObject("DeadLetterConfig").put("Arn", target.deadLetterArn());
    }
    return node;
  }

  static ObjectNode failedEntries(List<FailedEntry> failures) {
    ObjectNode node = Json.object();
    node.put("FailedEntryCount", failures.size());
    ArrayNode entries = node.putArray("FailedEntries");
    for (FailedEntry failure : failures) {
      entries.addObject().put("TargetId", failure.targetId())
          .put("ErrorCode", failure.errorCode()).put("ErrorMessage", failure.errorMessage());
    }
    return node;
  }

  static ObjectNode putEvents(List<PutEventsResultEntry> results) {
    ObjectNode node = Json.object();
    node.put("FailedEntryCount", results.stream().filter(PutEventsResultEntry::failed).count());
    ArrayNode entries = node.putArray("Entries");
    for (PutEventsResultEntry result : results) {
      ObjectNode entry = entries.addObject();
      if (result.failed()) {
        entry.put("ErrorCode", result.errorCode()).put("ErrorMessage", result.errorMessage());
      } else {
        entry.put("EventId", result.eventId());
      }
    }
    return node;
  }

  static ObjectNode tags(Map<String, String> tags) {
    ObjectNode node = Json.object();
    ArrayNode list = node.putArray("Tags");
    tags.forEach((key, value) -> list.addObject().put("Key", key).put("Value", value));
    return node;
  }

  static ObjectNode withNextToken(ObjectNode node, String nextToken) {
    putIfSet(node, "NextToken", nextToken);
    return node;
  }

  private static void putIfSet(ObjectNode node, String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
  }
}
