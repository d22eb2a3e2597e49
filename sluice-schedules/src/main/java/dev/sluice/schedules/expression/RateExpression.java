package dev.sluice.schedules.expression;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rate(N unit)}. AWS's rule: a value of 1 takes the singular unit ({@code rate(1 minute)}),
 * any other the plural ({@code rate(5 minutes)}); exactly one space, no padding, no seconds.
 * Ticks are counted from the rule's creation, as at AWS ("the schedule starts when you create
 * the rule"), so a rate(1 hour) rule made at 10:17:30 fires at 11:17:30, 12:17:30, ...
 */
public record RateExpression(String text, long value, Unit unit) implements ScheduleExpression {

  private static final Pattern RATE = Pattern.compile("rate\\(([1-9][0-9]{0,8}) ([a-z]+)\\)");

  /** The units EventBridge rules accept. */
  public enum Unit {
    MINUTE(Duration.ofMinutes(1)),
    HOUR(Duration.ofHours(1)),
    DAY(Duration.ofDays(1));

    private final Duration length;

    Unit(Duration length) {
      this.length = length;
    }

    String singular() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static RateExpression parse(String text) {
    Matcher m = RATE.matcher(text);
    if (!m.matches()) {
      throw new InvalidScheduleExpressionException(text, "expected rate(N unit)");
    }
    long value = Long.parseLong(m.group(1));
    String unitText = m.group(2);
    for (Unit unit : Unit.values()) {
      String expected = value == 1 ? unit.singular() : unit.singular() + "s";
      if (unitText.equals(expected)) {
        return new RateExpression(text, value, unit);
      }
    }
    throw new InvalidScheduleExpressionException(
        text, "unit must be minute(s), hour(s) or day(s), singular exactly for 1");
  }

  public Duration period() {
    return unit.length.multipliedBy(value);
  }

  @Override
  public Optional<Instant> nextTickAfter(Instant after, Instant anchor) {
    long periodMillis = period().toMillis();
    long since = after.toEpochMilli() - anchor.toEpochMilli();
    // Ticks are anchor + k * period for k >= 1: the creation instant itself is no tick.
    long periods = since < 0 ? 1 : since / periodMillis + 1;
    return Optional.of(anchor.plusMillis(periods * periodMillis));
  }
}
