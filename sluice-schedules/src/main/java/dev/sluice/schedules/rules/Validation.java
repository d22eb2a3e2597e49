package dev.sluice.schedules.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects constraint violations and words them as AWS's request validation does:
 * {@code 1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: ...},
 * {@code 2 validation errors detected: ...; ...}.
 */
public final class Validation {

  /** Rule names and target ids. */
  public static final Pattern NAME = Pattern.compile("[\\.\\-_A-Za-z0-9]+");

  private final List<String> errors = new ArrayList<>();

  public Validation name(String value, String at, int maxLength) {
    if (value == null) {
      return this;
    }
    if (!NAME.matcher(value).matches()) {
      fail(value, at, "Member must satisfy regular expression pattern: " + NAME.pattern());
    }
    if (value.length() > maxLength) {
      fail(value, at, "Member must have length less than or equal to " + maxLength);
    }
    if (value.isEmpty()) {
      fail(value, at, "Member must have length greater than or equal to 1");
    }
    return this;
  }

  public Validation maxLength(String value, String at, int maxLength) {
    if (value != null && value.length() > maxLength) {
      fail(value, at, "Member must have length less than or equal to " + maxLength);
    }
    return this;
  }

  public Validation range(Integer value, String at, int min, int max) {
    if (value == null) {
      return this;
    }
    if (value < min) {
      fail(value, at, "Member must have value greater than or equal to " + min);
    } else if (value > max) {
      fail(value, at, "Member must have value less than or equal to " + max);
    }
    return this;
  }

  public Validation required(Object value, String at) {
    if (value == null) {
      errors.add("Value null at '" + at + "' failed to satisfy constraint: Member must not be null");
    }
    return this;
  }

  private void fail(Object value, String at, String constraint) {
    errors.add("Value '" + value + "' at '" + at + "' failed to satisfy constraint: " + constraint);
  }

  /** @throws EventsException ValidationException if anything failed */
  public void check() {
    if (errors.isEmpty()) {
      return;
    }
    String count = errors.size() == 1
        ? "1 validation error detected: "
        : errors.size() + " validation errors detected: ";
    throw EventsException.validation(count + String.join("; ", errors));
  }
}
