package dev.sluice.schedules.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.DoublePredicate;

/**
 * {@code {"numeric": [">", 0, "<=", 5]}}: one comparison, or a range written as a lower bound
 * ({@code >}, {@code >=}) then an upper bound ({@code <}, {@code <=}), as AWS accepts them.
 */
final class NumericMatcher {

  private NumericMatcher() {}

  static ValueMatcher of(JsonNode operand) {
    if (!operand.isArray()) {
      throw EventPattern.invalid("Value of numeric must be an array.");
    }
    if (operand.isEmpty() || !operand.get(0).isTextual()) {
      throw EventPattern.invalid("Invalid member in numeric match: " + operand.get(0));
    }
    DoublePredicate all = null;
    for (int i = 0; i < operand.size(); i += 2) {
      String op = operand.get(i).asText();
      DoublePredicate comparison = comparison(op, bound(operand, i, op));
      if (i > 0 && !(isUpper(op) && isLower(operand.get(0).asText()))) {
        throw EventPattern.invalid("Bad numeric range operator: " + op);
      }
      if (i > 2 || (i == 0 && op.equals("=") && operand.size() > 2)) {
        throw EventPattern.invalid("Too many elements in numeric expression");
      }
      all = all == null ? comparison : all.and(comparison);
    }
    DoublePredicate test = all;
    return value -> value != null && value.isNumber() && test.test(value.asDouble());
  }

  private static double bound(JsonNode operand, int i, String op) {
    if (!operand.get(i).isTextual()) {
      throw EventPattern.invalid("Invalid member in numeric match: " + operand.get(i));
    }
    JsonNode bound = operand.get(i + 1);
    if (bound == null || !bound.isNumber()) {
      throw EventPattern.invalid("Value of " + op + " must be numeric");
    }
    return bound.asDouble();
  }

  private static boolean isLower(String op) {
    return op.equals(">") || op.equals(">=");
  }

  private static boolean isUpper(String op) {
    return op.equals("<") || op.equals("<=");
  }

  private static DoublePredicate comparison(String op, double bound) {
    return switch (op) {
      case "<" -> x -> x < bound;
      case "<=" -> x -> x <= bound;
      case "=" -> x -> x == bound;
      case ">" -> x -> x > bound;
      case ">=" -> x -> x >= bound;
      default -> throw EventPattern.invalid("Unrecognized numeric range operator: " + op);
    };
  }
}
