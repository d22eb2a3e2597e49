package dev.sluice.server;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as people write them on a command line: {@code 8388608}, {@code 512KiB}, {@code 8m}. */
public final class ByteSize {

  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(b|k|kib|m|mib|g|gib)?", Pattern.CASE_INSENSITIVE);

  private ByteSize() {}

  /**
   * Parses a whole number of bytes with an optional binary unit (k/KiB, m/MiB, g/GiB).
   *
   * @throws InvalidConfigException if the text is not such a size or exceeds {@code int}
   */
  public static int parse(String text) {
    Matcher matcher = SIZE.matcher(text == null ? "" : text.trim());
    if (!matcher.matches()) {
      throw invalid(text);
    }
    long multiplier = multiplier(matcher.group(2));
    try {
      long bytes = Math.multiplyExact(Long.parseLong(matcher.group(1)), multiplier);
      if (bytes > Integer.MAX_VALUE) {
        throw invalid(text);
      }
      return (int) bytes;
    } catch (ArithmeticException | NumberFormatException e) {
      throw invalid(text);
    }
  }

  /** The shortest exact rendering: {@code 8MiB}, {@code 1536KiB}, {@code 1000B}. */
  public static String format(long bytes) {
    if (bytes > 0 && bytes % (1024L * 1024 * 1024) == 0) {
      return bytes / (1024L * 1024 * 1024) + "GiB";
    }
    if (bytes > 0 && bytes % (1024L * 1024) == 0) {
      return bytes / (1024L * 1024) + "MiB";
    }
    if (bytes > 0 && bytes % 1024 == 0) {
      return bytes / 1024 + "KiB";
    }
    return bytes + "B";
  }

  private static long multiplier(String unit) {
    if (unit == null) {
      return 1;
    }
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "k", "kib" -> 1024L;
      case "m", "mib" -> 1024L * 1024;
      case "g", "gib" -> 1024L * 1024 * 1024;
      default -> 1;
    };
  }

  private static InvalidConfigException invalid(String text) {
    return new InvalidConfigException(
        "Invalid size '" + text + "': use a number of bytes or a size such as 512KiB or 8MiB");
  }
}
