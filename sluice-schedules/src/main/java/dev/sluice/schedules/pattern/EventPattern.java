package dev.sluice.schedules.pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.schedules.rules.EventsError;
import dev.sluice.schedules.rules.EventsException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An EventBridge event pattern ("Creating event patterns"): fields name event fields, nested
 * objects follow nested event objects, and each leaf is a non-empty array of alternatives. An
 * alternative is a literal (string, number, boolean, null: exact match) or a filter: {@code
 * prefix}, {@code suffix}, {@code equals-ignore-case}, {@code anything-but}, {@code numeric},
 * {@code exists}. Where the event holds an array, the field matches if any element does. Every
 * field of the pattern must match (AND); alternatives within one field are OR.
 */
public final class EventPattern {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<FieldMatch> fields;

  private EventPattern(List<FieldMatch> fields) {
    this.fields = fields;
  }

  /**
   * @throws EventsException InvalidEventPatternException, as AWS words it
   */
  public static EventPattern parse(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw invalid(e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw invalid("Filter is not an object");
    }
    return new EventPattern(fieldsOf(root));
  }

  public boolean matches(JsonNode event) {
    return matchesAll(fields, event);
  }

  private static boolean matchesAll(List<FieldMatch> fields, JsonNode object) {
    for (FieldMatch field : fields) {
      if (!field.matches(object)) {
        return false;
      }
    }
    return true;
  }

  private static List<FieldMatch> fieldsOf(JsonNode object) {
    List<FieldMatch> result = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = object.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      if (value.isObject()) {
        List<FieldMatch> nested = fieldsOf(value);
        result.add(event -> {
          JsonNode child = event.get(name);
          return child != null && child.isObject() && matchesAll(nested, child);
        });
      } else if (value.isArray()) {
        if (value.isEmpty()) {
          throw invalid("Empty arrays are not allowed");
        }
        List<ValueMatcher> alternatives = new ArrayList<>();
        for (JsonNode alternative : value) {
          alternatives.add(ValueMatchers.of(alternative));
        }
        result.add(event -> matchesLeaf(alternatives, event.get(name)));
      } else {
        throw invalid("Match value must be String, number, true, false, or null");
      }
    }
    return result;
  }

  private static boolean matchesLeaf(List<ValueMatcher> alternatives, JsonNode value) {
    for (ValueMatcher alternative : alternatives) {
      if (value != null && value.isArray() && !value.isEmpty()) {
        for (JsonNode element : value) {
          if (alternative.matches(element)) {
            return true;
          }
        }
      } else if (alternative.matches(value)) {
        return true;
      }
    }
    return false;
  }

  static EventsException invalid(String reason) {
    return new EventsException(
        EventsError.INVALID_EVENT_PATTERN, "Event pattern is not valid. Reason: " + reason);
  }

  @FunctionalInterface
  private interface FieldMatch {
    boolean matches(JsonNode object);
  }
}
