package dev.sluice.schedules.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds the matcher for one alternative of a pattern leaf; refuses what AWS refuses. */
final class ValueMatchers {

  private ValueMatchers() {}

  static ValueMatcher of(JsonNode alternative) {
    if (alternative.isObject()) {
      return filter(alternative);
    }
    if (alternative.isArray()) {
      throw EventPattern.invalid("Match value must be String, number, true, false, or null");
    }
    return literal(alternative);
  }

  private static ValueMatcher literal(JsonNode expected) {
    if (expected.isNull()) {
      return value -> value != null && value.isNull();
    }
    if (expected.isNumber()) {
      double number = expected.asDouble();
      return value -> value != null && value.isNumber() && value.asDouble() == number;
    }
    return value -> value != null && !value.isContainerNode() && value.equals(expected);
  }

  private static ValueMatcher filter(JsonNode filter) {
    if (filter.size() != 1) {
      throw EventPattern.invalid("A filter object must hold exactly one match type");
    }
    String type = filter.fieldNames().next();
    JsonNode operand = filter.get(type);
    return switch (type) {
      case "prefix" -> prefix(operand);
      case "suffix" -> suffix(operand);
      case "equals-ignore-case" -> equalsIgnoreCase(operand);
      case "anything-but" -> anythingBut(operand);
      case "numeric" -> NumericMatcher.of(operand);
      case "exists" -> exists(operand);
      default -> throw EventPattern.invalid(
          "Unrecognized match type " + type.toUpperCase(Locale.ROOT));
    };
  }

  private static ValueMatcher prefix(JsonNode operand) {
    if (operand.isNull()) {
      throw EventPattern.invalid("Null prefix/suffix not allowed");
    }
    if (!operand.isTextual()) {
      throw EventPattern.invalid("prefix match pattern must be a string");
    }
    String prefix = operand.asText();
    return value -> value != null && value.isTextual() && value.asText().startsWith(prefix);
  }

  private static ValueMatcher suffix(JsonNode operand) {
    if (operand.isNull()) {
      throw EventPattern.invalid("Null prefix/suffix not allowed");
    }
    if (!operand.isTextual()) {
      throw EventPattern.invalid("suffix match pattern must be a string");
    }
    String suffix = operand.asText();
    return value -> value != null && value.isTextual() && value.asText().endsWith(suffix);
  }

  private static ValueMatcher equalsIgnoreCase(JsonNode operand) {
    if (!operand.isTextual()) {
      throw EventPattern.invalid("equals-ignore-case match pattern must be a string");
    }
    String expected = operand.asText();
    return value -> value != null && value.isTextual() && value.asText().equalsIgnoreCase(expected);
  }

  private static ValueMatcher exists(JsonNode operand) {
    if (!operand.isBoolean()) {
      throw EventPattern.invalid("exists match pattern must be either true or false.");
    }
    boolean expected = operand.asBoolean();
    return value -> (value != null) == expected;
  }

  // anything-but never matches an absent field: AWS only tests values that are there.
  private static ValueMatcher anythingBut(JsonNode operand) {
    if (operand.isObject() && operand.has("prefix") && operand.size() == 1) {
      ValueMatcher prefix = prefix(operand.get("prefix"));
      return value -> value != null && !prefix.matches(value);
    }
    List<ValueMatcher> excluded = new ArrayList<>();
    if (operand.isArray()) {
      for (JsonNode element : operand) {
        if (!element.isTextual() && !element.isNumber()) {
          throw EventPattern.invalid(
              "Inside anything but list, start|null|boolean is not supported.");
        }
        excluded.add(literal(element));
      }
    } else if (operand.isTextual() || operand.isNumber()) {
      excluded.add(literal(operand));
    } else {
      throw EventPattern.invalid(
          "Value of anything-but must be an array or single string/number value.");
    }
    return value -> value != null && excluded.stream().noneMatch(m -> m.matches(value));
  }
}
