package dev.sluice.schedules.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code anything-but}: a value, a list of strings or of numbers, or one of {@code prefix},
 * {@code suffix}, {@code wildcard}, {@code equals-ignore-case} with a string or a list of strings.
 * It matches any value that is there and is not excluded (null and numbers included, as AWS
 * matches them), never an absent field.
 */
final class AnythingBut {

  private static final String NOT_A_VALUE =
      "Value of anything-but must be an array or single string/number value.";

  private AnythingBut() {}

  static ValueMatcher matcher(JsonNode operand) {
    ValueMatcher excluded = excluded(operand);
    return value -> value != null && !excluded.matches(value);
  }

  private static ValueMatcher excluded(JsonNode operand) {
    if (operand.isObject()) {
      return filter(operand);
    }
    if (operand.isArray()) {
      List<ValueMatcher> values = new ArrayList<>();
      for (JsonNode element : operand) {
        if (!element.isTextual() && !element.isNumber()) {
          throw EventPattern.invalid(
              "Inside anything but list, start|null|boolean is not supported.");
        }
        values.add(ValueMatchers.literal(element));
      }
      return any(values);
    }
    if (operand.isTextual() || operand.isNumber()) {
      return ValueMatchers.literal(operand);
    }
    throw EventPattern.invalid(NOT_A_VALUE);
  }

  private static ValueMatcher filter(JsonNode filter) {
    if (filter.size() != 1) {
      throw EventPattern.invalid(NOT_A_VALUE);
    }
    String type = filter.fieldNames().next();
    JsonNode operand = filter.get(type);
    if (operand.isObject()) {
      throw EventPattern.invalid(NOT_A_VALUE); // e.g. {"prefix": {"equals-ignore-case": ..}}
    }
    return switch (type) {
      case "prefix" -> any(strings(operand, AnythingBut::affix).stream()
          .map(p -> (ValueMatcher) v -> ValueMatchers.isText(v)
              && ValueMatchers.startsWith(v.asText(), p, false))
          .toList());
      case "suffix" -> any(strings(operand, AnythingBut::affix).stream()
          .map(s -> (ValueMatcher) v -> ValueMatchers.isText(v)
              && ValueMatchers.endsWith(v.asText(), s, false))
          .toList());
      case "wildcard" -> any(strings(operand, AnythingBut::wildcard).stream()
          .map(Wildcard::compile)
          .map(w -> (ValueMatcher) v -> ValueMatchers.isText(v) && w.matches(v.asText()))
          .toList());
      case "equals-ignore-case" -> any(strings(operand, AnythingBut::ignoreCase).stream()
          .map(s -> (ValueMatcher) v -> ValueMatchers.isText(v) && v.asText().equalsIgnoreCase(s))
          .toList());
      default -> throw EventPattern.invalid(NOT_A_VALUE);
    };
  }

  /** A string or a non-empty list of strings, each checked by {@code check}. */
  private static List<String> strings(JsonNode operand, StringCheck check) {
    List<String> result = new ArrayList<>();
    if (operand.isArray() && !operand.isEmpty()) {
      operand.forEach(element -> result.add(check.text(element)));
    } else {
      result.add(check.text(operand));
    }
    return result;
  }

  private static String affix(JsonNode node) {
    if (!node.isTextual()) {
      throw EventPattern.invalid("prefix/suffix match pattern must be a string");
    }
    if (node.asText().isEmpty()) {
      throw EventPattern.invalid("Null prefix/suffix not allowed");
    }
    return node.asText();
  }

  private static String wildcard(JsonNode node) {
    if (!node.isTextual()) {
      throw EventPattern.invalid("wildcard match pattern must be a string");
    }
    return node.asText();
  }

  private static String ignoreCase(JsonNode node) {
    if (!node.isTextual()) {
      throw EventPattern.invalid(
          "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.");
    }
    return node.asText();
  }

  private static ValueMatcher any(List<ValueMatcher> matchers) {
    return value -> {
      for (ValueMatcher matcher : matchers) {
        if (matcher.matches(value)) {
          return true;
        }
      }
      return false;
    };
  }

  @FunctionalInterface
  private interface StringCheck {
    String text(JsonNode node);
  }
}
