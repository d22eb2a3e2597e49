package dev.sluice.schedules.pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.sluice.schedules.rules.EventsError;
import dev.sluice.schedules.rules.EventsException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An EventBridge event pattern ("Creating event patterns", "Content filtering"): fields name event
 * fields, nested objects follow nested event objects, and each leaf is a non-empty array of
 * alternatives. An alternative is a literal (string, number, boolean, null: exact match) or a
 * filter ({@link ValueMatchers}). Every field of the pattern must match (AND); alternatives within
 * one leaf are OR, and {@code "$or": [{..}, {..}]} at any level is OR between sub-patterns.
 *
 * <p>How event values are seen, as AWS does: where the event holds an array, a leaf matches if any
 * element does, and a nested pattern matches if any object element does (fields of one pattern
 * level come from one element). An empty array, an object at a leaf, or a scalar where the pattern
 * goes deeper all count as absent, so {@code exists: false} matches them and everything else does
 * not ("exists matching only works on leaf nodes").
 *
 * <p>Thread-safe and immutable once parsed; the Lambda event-source mappings' FilterCriteria use it
 * too.
 */
public final class EventPattern {

  private static final ObjectMapper JSON = new ObjectMapper();

  static final String OR = "$or";

  private final Condition root;

  private EventPattern(Condition root) {
    this.root = root;
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
    return new EventPattern(objectCondition(root));
  }

  public boolean matches(JsonNode event) {
    return root.matches(event == null ? MissingNode.getInstance() : event);
  }

  /** The fields of one pattern object, all of which must match the event object. */
  private static Condition objectCondition(JsonNode object) {
    List<Condition> all = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = object.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> entry = it.next();
      all.add(fieldCondition(entry.getKey(), entry.getValue()));
    }
    return event -> {
      for (Condition condition : all) {
        if (!condition.matches(event)) {
          return false;
        }
      }
      return true;
    };
  }

  private static Condition fieldCondition(String name, JsonNode value) {
    if (name.equals(OR) && value.isArray()) {
      return orCondition(value);
    }
    if (value.isObject()) {
      Condition nested = objectCondition(value);
      return event -> matchesNested(nested, event.get(name));
    }
    if (value.isArray()) {
      if (value.isEmpty()) {
        throw invalid("Empty arrays are not allowed");
      }
      List<ValueMatcher> alternatives = new ArrayList<>();
      for (JsonNode alternative : value) {
        alternatives.add(ValueMatchers.of(alternative));
      }
      return event -> matchesLeaf(alternatives, event.get(name));
    }
    throw invalid("\"" + name + "\" must be an object or an array");
  }

  // why: AWS takes "$or" as an operator only with a list of at least two objects.
  private static Condition orCondition(JsonNode options) {
    if (options.size() < 2) {
      throw invalid("Or relationship must have at least 2 sub-rules");
    }
    List<Condition> any = new ArrayList<>();
    for (JsonNode option : options) {
      if (!option.isObject()) {
        throw invalid("Each sub-rule of $or must be an object");
      }
      any.add(objectCondition(option));
    }
    return event -> {
      for (Condition condition : any) {
        if (condition.matches(event)) {
          return true;
        }
      }
      return false;
    };
  }

  private static boolean matchesNested(Condition nested, JsonNode child) {
    if (child != null && child.isArray() && !child.isEmpty()) {
      for (JsonNode element : child) {
        if (element.isObject() && nested.matches(element)) {
          return true;
        }
      }
      return false;
    }
    // Absent, empty or a scalar: the deeper fields are all absent (exists: false can match).
    return nested.matches(child != null && child.isObject() ? child : MissingNode.getInstance());
  }

  private static boolean matchesLeaf(List<ValueMatcher> alternatives, JsonNode value) {
    JsonNode seen = isAbsent(value) ? null : value;
    for (ValueMatcher alternative : alternatives) {
      if (seen != null && seen.isArray()) {
        for (JsonNode element : seen) {
          if (!element.isContainerNode() && alternative.matches(element)) {
            return true;
          }
        }
      } else if (alternative.matches(seen)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAbsent(JsonNode value) {
    return value == null || value.isMissingNode() || value.isObject()
        || (value.isArray() && value.isEmpty());
  }

  static EventsException invalid(String reason) {
    return new EventsException(
        EventsError.INVALID_EVENT_PATTERN, "Event pattern is not valid. Reason: " + reason);
  }

  @FunctionalInterface
  private interface Condition {
    boolean matches(JsonNode object);
  }
}
