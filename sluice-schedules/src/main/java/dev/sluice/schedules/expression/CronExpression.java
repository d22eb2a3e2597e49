package dev.sluice.schedules.expression;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)} with AWS's grammar (EventBridge
 * "Schedule expressions for rules"): six fields, UTC, minute resolution; {@code , - * /} in every
 * field; {@code ?} in exactly one of day-of-month and day-of-week ("If you specify a value or a *
 * in one of the fields, you must use a ? in the other"); {@code L} and {@code W} in day-of-month
 * ({@code L}, {@code LW}, {@code 15W}); {@code L} and {@code #} in day-of-week ({@code L}, {@code
 * 6L} the last Friday, {@code 2#1} the first Monday), 1 = SUN ... 7 = SAT; years 1970-2199.
 */
public final class CronExpression implements ScheduleExpression {

  static final int LAST_YEAR = 2199;

  private static final CronField MINUTES = CronField.numeric("minute", 0, 59);
  private static final CronField HOURS = CronField.numeric("hour", 0, 23);
  private static final CronField DAYS_OF_MONTH = CronField.numeric("day-of-month", 1, 31);
  private static final CronField MONTHS =
      new CronField("month", 1, 12, List.of(
          "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"));
  private static final CronField DAYS_OF_WEEK =
      new CronField("day-of-week", 1, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));
  private static final CronField YEARS = CronField.numeric("year", 1970, LAST_YEAR);

  private static final Pattern NEAREST_WEEKDAY = Pattern.compile("([0-9]{1,2})W");
  private static final Pattern LAST_WEEKDAY_OF = Pattern.compile("([A-Za-z0-9]{1,3})L");
  private static final Pattern NTH_WEEKDAY = Pattern.compile("([A-Za-z0-9]{1,3})#([0-9])");

  private final String text;
  private final BitSet minutes;
  private final BitSet hours;
  private final DayRule days;
  private final BitSet months;
  private final BitSet years;

  private CronExpression(
      String text, BitSet minutes, BitSet hours, DayRule days, BitSet months, BitSet years) {
    this.text = text;
    this.minutes = minutes;
    this.hours = hours;
    this.days = days;
    this.months = months;
    this.years = years;
  }

  static CronExpression parse(String text) {
    String body = text.substring("cron(".length(), text.length() - 1);
    String[] fields = body.split(" ", -1);
    if (fields.length != 6) {
      throw CronField.invalid(text, "expected 6 fields, got " + fields.length);
    }
    for (String field : fields) {
      if (field.isEmpty()) {
        throw CronField.invalid(text, "fields are separated by exactly one space");
      }
    }
    boolean anyDayOfMonth = fields[2].equals("?");
    boolean anyDayOfWeek = fields[4].equals("?");
    if (anyDayOfMonth == anyDayOfWeek) {
      throw CronField.invalid(text, "exactly one of day-of-month and day-of-week must be '?'");
    }
    for (int i : new int[] {0, 1, 3, 5}) {
      if (fields[i].contains("?")) {
        throw CronField.invalid(text, "'?' is only allowed in day-of-month or day-of-week");
      }
    }
    DayRule days = anyDayOfMonth ? dayOfWeek(fields[4], text) : dayOfMonth(fields[2], text);
    return new CronExpression(
        text,
        MINUTES.parse(fields[0], text),
        HOURS.parse(fields[1], text),
        days,
        MONTHS.parse(fields[3], text),
        YEARS.parse(fields[5], text));
  }

  private static DayRule dayOfMonth(String field, String text) {
    if (field.equals("L")) {
      return date -> date.getDayOfMonth() == date.lengthOfMonth();
    }
    if (field.equals("LW")) {
      return date -> date.equals(lastWeekday(date));
    }
    Matcher nearest = NEAREST_WEEKDAY.matcher(field);
    if (nearest.matches()) {
      int day = DAYS_OF_MONTH.value(nearest.group(1), text);
      return date -> day <= date.lengthOfMonth() && date.equals(nearestWeekday(date, day));
    }
    BitSet allowed = DAYS_OF_MONTH.parse(field, text);
    return date -> allowed.get(date.getDayOfMonth());
  }

  private static DayRule dayOfWeek(String field, String text) {
    if (field.equals("L")) {
      return date -> awsDayOfWeek(date) == 7; // a bare L is the week's last day, Saturday
    }
    Matcher last = LAST_WEEKDAY_OF.matcher(field);
    if (last.matches()) {
      int weekday = DAYS_OF_WEEK.value(last.group(1), text);
      return date -> awsDayOfWeek(date) == weekday
          && date.getDayOfMonth() + 7 > date.lengthOfMonth();
    }
    Matcher nth = NTH_WEEKDAY.matcher(field);
    if (nth.matches()) {
      int weekday = DAYS_OF_WEEK.value(nth.group(1), text);
      int n = Integer.parseInt(nth.group(2));
      if (n < 1 || n > 5) {
        throw CronField.invalid(text, "the n of '#n' must be 1-5");
      }
      return date -> awsDayOfWeek(date) == weekday && (date.getDayOfMonth() - 1) / 7 + 1 == n;
    }
    BitSet allowed = DAYS_OF_WEEK.parse(field, text);
    return date -> allowed.get(awsDayOfWeek(date));
  }

  /** AWS numbers the week 1 = Sunday ... 7 = Saturday. */
  private static int awsDayOfWeek(LocalDate date) {
    return date.getDayOfWeek().getValue() % 7 + 1;
  }

  private static LocalDate lastWeekday(LocalDate date) {
    LocalDate last = date.withDayOfMonth(date.lengthOfMonth());
    return switch (last.getDayOfWeek()) {
      case SATURDAY -> last.minusDays(1);
      case SUNDAY -> last.minusDays(2);
      default -> last;
    };
  }

  // The weekday nearest to the given day, never crossing into another month: the 1st on a
  // Saturday moves to Monday the 3rd, the last day on a Sunday to the Friday before.
  private static LocalDate nearestWeekday(LocalDate date, int day) {
    LocalDate target = date.withDayOfMonth(day);
    DayOfWeek weekday = target.getDayOfWeek();
    if (weekday == DayOfWeek.SATURDAY) {
      return day == 1 ? target.plusDays(2) : target.minusDays(1);
    }
    if (weekday == DayOfWeek.SUNDAY) {
      return day == date.lengthOfMonth() ? target.minusDays(2) : target.plusDays(1);
    }
    return target;
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public Optional<Instant> nextTickAfter(Instant after, Instant anchor) {
    LocalDateTime start =
        LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    LocalDate date = start.toLocalDate();
    int fromMinuteOfDay = start.getHour() * 60 + start.getMinute();
    while (date.getYear() <= LAST_YEAR) {
      if (!years.get(date.getYear())) {
        int nextYear = years.nextSetBit(date.getYear() + 1);
        if (nextYear < 0) {
          return Optional.empty();
        }
        date = LocalDate.of(nextYear, 1, 1);
        fromMinuteOfDay = 0;
        continue;
      }
      if (!months.get(date.getMonthValue())) {
        date = date.withDayOfMonth(1).plusMonths(1);
        fromMinuteOfDay = 0;
        continue;
      }
      if (days.matches(date)) {
        int minuteOfDay = firstTimeAtOrAfter(fromMinuteOfDay);
        if (minuteOfDay >= 0) {
          return Optional.of(
              date.atStartOfDay().plusMinutes(minuteOfDay).toInstant(ZoneOffset.UTC));
        }
      }
      date = date.plusDays(1);
      fromMinuteOfDay = 0;
    }
    return Optional.empty();
  }

  private int firstTimeAtOrAfter(int minuteOfDay) {
    for (int hour = hours.nextSetBit(minuteOfDay / 60); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
      int fromMinute = hour == minuteOfDay / 60 ? minuteOfDay % 60 : 0;
      int minute = minutes.nextSetBit(fromMinute);
      if (minute >= 0 && minute < 60) {
        return hour * 60 + minute;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CronExpression other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }

  @FunctionalInterface
  private interface DayRule {
    boolean matches(LocalDate date);
  }
}
