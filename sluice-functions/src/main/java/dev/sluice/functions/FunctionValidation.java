package dev.sluice.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Lambda's field constraints, with AWS's messages. Constraint violations of the request's shape
 * are collected into one ValidationException ("N validation errors detected: ..."), as AWS does.
 */
final class FunctionValidation {

  static final int DEFAULT_TIMEOUT = 3;
  static final int DEFAULT_MEMORY = 128;
  static final int MAX_TIMEOUT = 900;
  static final int MIN_MEMORY = 128;
  static final int MAX_MEMORY = 10240;
  private static final String ROLE_PATTERN =
      "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
  private static final Pattern ROLE = Pattern.compile(ROLE_PATTERN);
  private static final int MAX_DESCRIPTION = 256;
  private static final int MAX_HANDLER = 128;

  private final List<String> errors = new ArrayList<>();

  FunctionValidation role(String role) {
    if (role != null && !ROLE.matcher(role).matches()) {
      errors.add("Value '" + role + "' at 'role' failed to satisfy constraint: Member must"
          + " satisfy regular expression pattern: " + ROLE_PATTERN);
    }
    return this;
  }

  FunctionValidation timeout(Integer timeout) {
    if (timeout != null && timeout < 1) {
      errors.add(tooSmall(timeout, "timeout", 1));
    } else if (timeout != null && timeout > MAX_TIMEOUT) {
      errors.add(tooLarge(timeout, "timeout", MAX_TIMEOUT));
    }
    return this;
  }

  FunctionValidation memorySize(Integer memory) {
    if (memory != null && memory < MIN_MEMORY) {
      errors.add(tooSmall(memory, "memorySize", MIN_MEMORY));
    } else if (memory != null && memory > MAX_MEMORY) {
      errors.add(tooLarge(memory, "memorySize", MAX_MEMORY));
    }
    return this;
  }

  FunctionValidation description(String description) {
    if (description != null && description.length() > MAX_DESCRIPTION) {
      errors.add("Value '" + description + "' at 'description' failed to satisfy constraint:"
          + " Member must have length less than or equal to " + MAX_DESCRIPTION);
    }
    return this;
  }

  FunctionValidation handler(String handler) {
    if (handler != null && handler.length() > MAX_HANDLER) {
      errors.add("Value '" + handler + "' at 'handler' failed to satisfy constraint: Member must"
          + " have length less than or equal to " + MAX_HANDLER);
    }
    return this;
  }

  FunctionValidation architectures(List<String> architectures) {
    if (architectures == null) {
      return this;
    }
    String value = "[" + String.join(", ", architectures) + "]";
    if (architectures.size() > 1) {
      errors.add("Value '" + value + "' at 'architectures' failed to satisfy constraint: Member"
          + " must have length less than or equal to 1");
    } else if (!architectures.isEmpty() && !List.of("x86_64", "arm64").contains(architectures.get(0))) {
      errors.add("Value '" + value + "' at 'architectures' failed to satisfy constraint: Member"
          + " must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64],"
          + " Member must not be null]");
    }
    return this;
  }

  /** Throws the collected errors as one ValidationException, if any. */
  void check() {
    if (errors.isEmpty()) {
      return;
    }
    String count = errors.size() == 1 ? "1 validation error" : errors.size() + " validation errors";
    throw new FunctionException(
        LambdaError.VALIDATION, count + " detected: " + String.join("; ", errors));
  }

  private static String tooSmall(int value, String field, int min) {
    return "Value '" + value + "' at '" + field + "' failed to satisfy constraint: Member must"
        + " have value greater than or equal to " + min;
  }

  private static String tooLarge(int value, String field, int max) {
    return "Value '" + value + "' at '" + field + "' failed to satisfy constraint: Member must"
        + " have value less than or equal to " + max;
  }
}
