package dev.sluice.schedules.expression;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One plain cron field: a list of {@code *}, {@code N}, {@code A-B} and increments
 * ({@code *}{@code /N}, {@code A/N}, {@code A-B/N}), parsed into the set of values it allows.
 * Names ({@code JAN}, {@code MON}) stand for numbers where the field has them. A range whose start
 * is after its end wraps around ({@code FRI-MON}), as in Quartz, whose grammar AWS's follows.
 */
final class CronField {

  private static final Pattern ELEMENT =
      Pattern.compile("(\\*|[A-Z0-9]+)(?:-([A-Z0-9]+))?(?:/([0-9]+))?");

  private final String name;
  private final int min;
  private final int max;
  private final List<String> names;

  /**
   * @param names names for min, min+1, ... (empty if the field has none)
   */
  CronField(String name, int min, int max, List<String> names) {
    this.name = name;
    this.min = min;
    this.max = max;
    this.names = names;
  }

  static CronField numeric(String name, int min, int max) {
    return new CronField(name, min, max, List.of());
  }

  int min() {
    return min;
  }

  int max() {
    return max;
  }

  /** The allowed values, indexed by value. */
  BitSet parse(String text, String expression) {
    BitSet values = new BitSet(max + 1);
    for (String element : text.split(",", -1)) {
      addElement(element, values, expression);
    }
    return values;
  }

  /** One value: a number or a name (case-insensitive, as Quartz reads them). */
  int value(String token, String expression) {
    String upper = token.toUpperCase(Locale.ROOT);
    int index = names.indexOf(upper);
    if (index >= 0) {
      return min + index;
    }
    if (!upper.chars().allMatch(Character::isDigit) || upper.length() > 4) {
      throw invalid(expression, "'" + token + "' is not a " + name + " value");
    }
    int value = Integer.parseInt(upper);
    if (value < min || value > max) {
      throw invalid(expression, name + " " + value + " is outside " + min + "-" + max);
    }
    return value;
  }

  private void addElement(String element, BitSet values, String expression) {
    Matcher m = ELEMENT.matcher(element.toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw invalid(expression, "'" + element + "' is not a valid " + name + " element");
    }
    boolean star = m.group(1).equals("*");
    if (star && m.group(2) != null) {
      throw invalid(expression, "'*' cannot start a range");
    }
    int start = star ? min : value(m.group(1), expression);
    int end = star ? max : m.group(2) != null ? value(m.group(2), expression) : start;
    int step = 1;
    if (m.group(3) != null) {
      step = m.group(3).length() > 4 ? 0 : Integer.parseInt(m.group(3));
      if (step < 1) {
        throw invalid(expression, "increment must be positive in '" + element + "'");
      }
      if (!star && m.group(2) == null) {
        end = max; // A/N: from A to the field's end
      }
    }
    int span = max - min + 1;
    int count = (end >= start ? end - start : end - start + span) + 1;
    for (int i = 0; i < count; i += step) {
      values.set(min + Math.floorMod(start - min + i, span));
    }
  }

  static InvalidScheduleExpressionException invalid(String expression, String reason) {
    return new InvalidScheduleExpressionException(expression, reason);
  }
}
