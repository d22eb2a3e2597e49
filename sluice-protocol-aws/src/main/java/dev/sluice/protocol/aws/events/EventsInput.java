package dev.sluice.protocol.aws.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.protocol.aws.wire.JsonMembers;
import dev.sluice.protocol.aws.wire.MalformedRequestException;
import dev.sluice.schedules.rules.InputTransformer;
import dev.sluice.schedules.rules.PutEventsEntry;
import dev.sluice.schedules.rules.RetryPolicy;
import dev.sluice.schedules.rules.RuleState;
import dev.sluice.schedules.rules.Target;
import dev.sluice.schedules.rules.Validation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads EventBridge's JSON 1.1 request members; wrongly typed members are SerializationExceptions. */
final class EventsInput {

  private EventsInput() {}

  static String text(JsonNode body, String member) {
    return JsonMembers.text(body, member);
  }

  static Integer integer(JsonNode body, String member) {
    return JsonMembers.integer(body, member);
  }

  static boolean flag(JsonNode body, String member) {
    return JsonMembers.flag(body, member);
  }

  static List<String> texts(JsonNode body, String member) {
    List<String> values = new ArrayList<>();
    for (JsonNode node : array(body, member)) {
      if (!node.isTextual()) {
        throw wrongType(member, "a list of strings");
      }
      values.add(node.asText());
    }
    return values;
  }

  static RuleState state(JsonNode body) {
    String state = text(body, "State");
    if (state == null) {
      return null;
    }
    try {
      return RuleState.valueOf(state);
    } catch (IllegalArgumentException e) {
      throw dev.sluice.schedules.rules.EventsException.validation("1 validation error detected:"
          + " Value '" + state + "' at 'state' failed to satisfy constraint: Member must satisfy"
          + " enum value set: [ENABLED, DISABLED]");
    }
  }

  /** Tags as {@code [{"Key": .., "Value": ..}]}. */
  static Map<String, String> tags(JsonNode body) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (JsonNode tag : array(body, "Tags")) {
      tags.put(text(tag, "Key"), text(tag, "Value"));
    }
    return tags;
  }

  static List<Target> targets(JsonNode body) {
    List<Target> targets = new ArrayList<>();
    for (JsonNode node : array(body, "Targets")) {
      targets.add(target(node));
    }
    return targets;
  }

  private static Target target(JsonNode node) {
    JsonNode transformer = node.get("InputTransformer");
    JsonNode retry = node.get("RetryPolicy");
    return new Target(
        text(node, "Id"),
        text(node, "Arn"),
        text(node, "Input"),
        text(node, "InputPath"),
        transformer == null ? null : new InputTransformer(
            stringMap(transformer.get("InputPathsMap")), text(transformer, "InputTemplate")),
        node.has("SqsParameters") ? text(node.get("SqsParameters"), "MessageGroupId") : null,
        retry == null ? null : new RetryPolicy(
            defaulted(integer(retry, "MaximumRetryAttempts"), RetryPolicy.MAX_RETRY_ATTEMPTS),
            defaulted(integer(retry, "MaximumEventAgeInSeconds"),
                RetryPolicy.MAX_EVENT_AGE_SECONDS)),
        node.has("DeadLetterConfig") ? text(node.get("DeadLetterConfig"), "Arn") : null);
  }

  static List<PutEventsEntry> entries(JsonNode body) {
    JsonNode entries = body.get("Entries");
    new Validation().required(entries, "entries").check();
    List<PutEventsEntry> result = new ArrayList<>();
    for (JsonNode entry : array(body, "Entries")) {
      JsonNode time = entry.get("Time");
      result.add(new PutEventsEntry(
          text(entry, "Source"),
          text(entry, "DetailType"),
          text(entry, "Detail"),
          entry.has("Resources") ? texts(entry, "Resources") : null,
          time == null || !time.isNumber() ? null
              : Instant.ofEpochMilli(Math.round(time.asDouble() * 1000)),
          text(entry, "EventBusName")));
    }
    if (result.isEmpty() || result.size() > 10) {
      throw dev.sluice.schedules.rules.EventsException.validation("1 validation error detected:"
          + " Value at 'entries' failed to satisfy constraint: Member must have length "
          + (result.isEmpty() ? "greater than or equal to 1" : "less than or equal to 10"));
    }
    return result;
  }

  private static int defaulted(Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  private static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node instanceof ObjectNode object) {
      object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    }
    return map;
  }

  private static JsonNode array(JsonNode body, String member) {
    JsonNode node = body.get(member);
    if (node == null || node.isNull()) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    if (!node.isArray()) {
      throw wrongType(member, "a list");
    }
    return node;
  }

  private static MalformedRequestException wrongType(String member, String expected) {
    return JsonMembers.wrongType(member, expected);
  }
}
