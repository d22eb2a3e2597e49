package dev.sluice.server;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them on a command line: {@code 90s}, {@code 10m}, {@code PT1H}. */
public final class DurationText {

  private static final Pattern SHORT =
      Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

  private DurationText() {}

  /**
   * Parses a whole number with a unit (ms, s, m, h, d) or an ISO-8601 duration.
   *
   * @throws InvalidConfigException if the text is neither
   */
  public static Duration parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    Matcher matcher = SHORT.matcher(trimmed);
    try {
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
      return Duration.parse(trimmed);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new InvalidConfigException("Invalid duration '" + text
          + "': expected a number with a unit (ms, s, m, h, d) such as 90s or 10m");
    }
  }
}
