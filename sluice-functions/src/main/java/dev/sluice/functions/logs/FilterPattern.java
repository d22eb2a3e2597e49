package dev.sluice.functions.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * CloudWatch Logs' term filter patterns for unstructured events: {@code ERROR} (the term must
 * occur), {@code ERROR timeout} (every term), {@code "connection reset"} (an exact phrase), {@code
 * ?ERROR ?WARN} (any of the ?-terms), {@code ERROR -debug} (without the term). Matching is
 * case-sensitive, as on AWS. JSON ({@code { $.x = 1 }}) and space-delimited ({@code [a, b]})
 * patterns are refused with InvalidParameterException.
 */
public final class FilterPattern {

  private final List<String> required = new ArrayList<>();
  private final List<String> anyOf = new ArrayList<>();
  private final List<String> excluded = new ArrayList<>();

  private FilterPattern() {}

  /** The pattern; null or blank matches every event. */
  public static FilterPattern parse(String pattern) {
    FilterPattern parsed = new FilterPattern();
    if (pattern == null || pattern.isBlank()) {
      return parsed;
    }
    String text = pattern.strip();
    if (text.startsWith("{") || text.startsWith("[")) {
      throw LogsException.invalid("Sluice supports only term filter patterns (terms, \"phrases\","
          + " ?any and -excluded terms), not JSON or space-delimited patterns: " + pattern);
    }
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      List<String> into = parsed.required;
      if (c == '?' || c == '-') {
        into = c == '?' ? parsed.anyOf : parsed.excluded;
        i++;
      }
      String term;
      if (i < text.length() && text.charAt(i) == '"') {
        int end = text.indexOf('"', i + 1);
        if (end < 0) {
          throw LogsException.invalid("Invalid filter pattern: unbalanced quote in " + pattern);
        }
        term = text.substring(i + 1, end);
        i = end + 1;
      } else {
        int end = i;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
          end++;
        }
        term = text.substring(i, end);
        i = end;
      }
      if (!term.isEmpty()) {
        into.add(term);
      }
    }
    return parsed;
  }

  public boolean matches(String message) {
    for (String term : required) {
      if (!message.contains(term)) {
        return false;
      }
    }
    for (String term : excluded) {
      if (message.contains(term)) {
        return false;
      }
    }
    return anyOf.isEmpty() || anyOf.stream().anyMatch(message::contains);
  }
}
