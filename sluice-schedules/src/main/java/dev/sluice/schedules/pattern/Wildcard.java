package dev.sluice.schedules.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code "wildcard": "dir/*.png"}: {@code *} stands for any run of characters (none included);
 * {@code \*} and {@code \\} are a literal star and backslash. AWS refuses two stars in a row and
 * rules it judges too complex.
 */
final class Wildcard {

  /**
   * why: AWS's limit is a complexity score of its matching machine, not a published count. Its
   * documented refusal ("*:*:*:*:*:event-bus/*") has six wildcards and its accepted examples at
   * most a few, so Sluice refuses more than this many: an approximation (see schedules.md).
   */
  static final int MAX_WILDCARDS = 5;

  private final List<String> literals; // the text between stars; one more than the stars

  private Wildcard(List<String> literals) {
    this.literals = literals;
  }

  static ValueMatcher matcher(JsonNode operand) {
    if (!operand.isTextual()) {
      throw EventPattern.invalid("wildcard match pattern must be a string");
    }
    Wildcard wildcard = compile(operand.asText());
    return value -> ValueMatchers.isText(value) && wildcard.matches(value.asText());
  }

  static Wildcard compile(String pattern) {
    List<String> literals = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        char next = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
        if (next != '*' && next != '\\') {
          throw EventPattern.invalid("Invalid escape character at pos " + (i + 1));
        }
        current.append(next);
        i++;
      } else if (c == '*') {
        if (i > 0 && pattern.charAt(i - 1) == '*') {
          throw EventPattern.invalid("Consecutive wildcard characters at pos " + i);
        }
        literals.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    literals.add(current.toString());
    if (literals.size() - 1 > MAX_WILDCARDS) {
      throw EventPattern.invalid("Rule is too complex - try using fewer wildcard characters or "
          + "fewer repeating character sequences after a wildcard character");
    }
    return new Wildcard(List.copyOf(literals));
  }

  /** First literal anchored at the start, last at the end, the middle ones found leftmost. */
  boolean matches(String text) {
    String first = literals.get(0);
    if (literals.size() == 1) {
      return text.equals(first);
    }
    String last = literals.get(literals.size() - 1);
    if (text.length() < first.length() + last.length()
        || !text.startsWith(first) || !text.endsWith(last)) {
      return false;
    }
    int from = first.length();
    int end = text.length() - last.length();
    for (int i = 1; i < literals.size() - 1; i++) {
      int at = text.indexOf(literals.get(i), from);
      if (at < 0 || at + literals.get(i).length() > end) {
        return false;
      }
      from = at + literals.get(i).length();
    }
    return true;
  }
}
