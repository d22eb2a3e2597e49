package dev.sluice.schedules.pattern;

import com.fasterxml.jackson.databind.JsonNode;

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

  static ValueMatcher literal(JsonNode expected) {
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
      case "wildcard" -> Wildcard.matcher(operand);
      case "cidr" -> Cidr.matcher(operand);
      case "anything-but" -> AnythingBut.matcher(operand);
      case "numeric" -> NumericMatcher.of(operand);
      case "exists" -> exists(operand);
      default -> throw EventPattern.invalid("Unrecognized match type " + type);
    };
  }

  /** {@code "prefix": "x"} or {@code "prefix": {"equals-ignore-case": "x"}}. */
  private static ValueMatcher prefix(JsonNode operand) {
    if (operand.isNull()) {
      throw EventPattern.invalid("Null prefix/suffix not allowed");
    }
    boolean ignoreCase = isIgnoreCase(operand);
    JsonNode text = ignoreCase ? operand.get("equals-ignore-case") : operand;
    if (!text.isTextual()) {
      throw EventPattern.invalid("prefix match pattern must be a string");
    }
    String prefix = text.asText();
    return value -> isText(value) && startsWith(value.asText(), prefix, ignoreCase);
  }

  /** {@code "suffix": "x"} or {@code "suffix": {"equals-ignore-case": "x"}}. */
  private static ValueMatcher suffix(JsonNode operand) {
    if (operand.isNull()) {
      throw EventPattern.invalid("Null prefix/suffix not allowed");
    }
    boolean ignoreCase = isIgnoreCase(operand);
    JsonNode text = ignoreCase ? operand.get("equals-ignore-case") : operand;
    if (!text.isTextual()) {
      throw EventPattern.invalid("suffix match pattern must be a string");
    }
    String suffix = text.asText();
    return value -> isText(value) && endsWith(value.asText(), suffix, ignoreCase);
  }

  private static ValueMatcher equalsIgnoreCase(JsonNode operand) {
    if (!operand.isTextual()) {
      throw EventPattern.invalid("equals-ignore-case match pattern must be a string");
    }
    String expected = operand.asText();
    return value -> isText(value) && value.asText().equalsIgnoreCase(expected);
  }

  private static ValueMatcher exists(JsonNode operand) {
    if (!operand.isBoolean()) {
      throw EventPattern.invalid("exists match pattern must be either true or false.");
    }
    boolean expected = operand.asBoolean();
    return value -> (value != null) == expected;
  }

  private static boolean isIgnoreCase(JsonNode operand) {
    return operand.isObject() && operand.size() == 1 && operand.has("equals-ignore-case");
  }

  static boolean isText(JsonNode value) {
    return value != null && value.isTextual();
  }

  static boolean startsWith(String text, String prefix, boolean ignoreCase) {
    return text.regionMatches(ignoreCase, 0, prefix, 0, prefix.length());
  }

  static boolean endsWith(String text, String suffix, boolean ignoreCase) {
    int from = text.length() - suffix.length();
    return from >= 0 && text.regionMatches(ignoreCase, from, suffix, 0, suffix.length());
  }
}
