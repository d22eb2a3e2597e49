package dev.sluice.protocol.aws.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.functions.logs.LogEvent;
import dev.sluice.functions.logs.LogsError;
import dev.sluice.functions.logs.LogsException;
import dev.sluice.protocol.aws.wire.JsonMembers;
import dev.sluice.protocol.aws.wire.MalformedRequestException;
import java.util.ArrayList;
import java.util.List;

/** Members of CloudWatch Logs requests, type-checked (a wrong type is a SerializationException). */
final class LogsInput {

  private LogsInput() {}

  static String text(JsonNode body, String member) {
    return JsonMembers.text(body, member);
  }

  static Integer integer(JsonNode body, String member) {
    return JsonMembers.integer(body, member);
  }

  static Long longValue(JsonNode body, String member) {
    return JsonMembers.longValue(body, member);
  }

  static boolean flag(JsonNode body, String member) {
    return JsonMembers.flag(body, member);
  }

  static List<String> texts(JsonNode body, String member) {
    JsonNode node = body.get(member);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw wrongType(member, "a list");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode value : node) {
      if (!value.isTextual()) {
        throw wrongType(member, "a list of strings");
      }
      values.add(value.asText());
    }
    return values;
  }

  /**
   * The log group a request names, by {@code logGroupName} or {@code logGroupIdentifier} (its
   * name or ARN), not both.
   */
  static String logGroup(JsonNode body) {
    String name = text(body, "logGroupName");
    String identifier = text(body, "logGroupIdentifier");
    if (name != null && identifier != null) {
      throw new LogsException(LogsError.VALIDATION,
          "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
    }
    if (identifier == null) {
      return name;
    }
    int at = identifier.indexOf(":log-group:");
    if (!identifier.startsWith("arn:") || at < 0) {
      return identifier;
    }
    String group = identifier.substring(at + ":log-group:".length());
    return group.endsWith(":*") ? group.substring(0, group.length() - 2) : group;
  }

  static List<LogEvent> events(JsonNode body) {
    JsonNode node = body.get("logEvents");
    if (node == null || node.isNull()) {
      throw new LogsException(LogsError.INVALID_PARAMETER, "1 validation error detected: Value"
          + " null at 'logEvents' failed to satisfy constraint: Member must not be null");
    }
    if (!node.isArray()) {
      throw wrongType("logEvents", "a list");
    }
    List<LogEvent> events = new ArrayList<>();
    int index = 1;
    for (JsonNode event : node) {
      Long timestamp = longValue(event, "timestamp");
      String message = text(event, "message");
      if (timestamp == null || message == null || message.isEmpty()) {
        throw new LogsException(LogsError.INVALID_PARAMETER, "1 validation error detected:"
            + " Value at 'logEvents." + index + "." + (timestamp == null ? "timestamp" : "message")
            + "' failed to satisfy constraint: Member must " + (timestamp == null
                ? "not be null" : "have length greater than or equal to 1"));
      }
      events.add(new LogEvent(timestamp, 0, message));
      index++;
    }
    return events;
  }

  private static MalformedRequestException wrongType(String member, String expected) {
    return JsonMembers.wrongType(member, expected);
  }
}
