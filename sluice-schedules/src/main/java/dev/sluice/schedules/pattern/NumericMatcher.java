package dev.sluice.schedules.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.DoublePredicate;

/** {@code {"numeric": [">", 0, "<=", 5]}}: up to two comparisons, all of which must hold. */
final class NumericMatcher {

  private NumericMatcher() {}

  static ValueMatcher of(JsonNode operand) {
    if (!operand.isArray()) {
      throw EventPattern.invalid("Value of numeric must be an array.");
    }
    if (operand.isEmpty() || operand.size() % 2 != 0 || operand.size() > 4) {
      throw EventPattern.invalid("Bad numeric range operator");
    }
    DoublePredicate all = x -> true;
    for (int i = 0; i < operand.size(); i += 2) {
      String op = operand.get(i).asText();
      JsonNode bound = operand.get(i + 1);
      if (!bound.isNumber()) {
        throw EventPattern.invalid("Value of " + op + " must be numeric");
      }
      all = all.and(comparison(op, bound.asDouble()));
    }
    DoublePredicate test = all;
    return value -> value != null && value.isNumber() && test.test(value.asDouble());
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
