package dev.sluice.functions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function named as the Lambda API lets callers name it: {@code name}, {@code name:qualifier},
 * {@code 123456789012:function:name}, or a full ARN, each optionally with a qualifier.
 */
public record FunctionName(String name, String qualifier) {

  // AWS's own patterns (quoted in its ValidationException messages).
  private static final String CREATE_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}"
      + "((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)"
      + "(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
  private static final String LOOKUP_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}"
      + "((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)"
      + "(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?";
  private static final String QUALIFIER_PATTERN = "\\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+";
  private static final Pattern CREATE = Pattern.compile(CREATE_PATTERN);
  private static final Pattern LOOKUP = Pattern.compile(LOOKUP_PATTERN);
  private static final Pattern QUALIFIER = Pattern.compile(QUALIFIER_PATTERN);
  private static final int NAME_GROUP = 11;
  private static final int QUALIFIER_GROUP = 13;
  /** Function names are at most 64 characters; longer ones name no function. */
  public static final int MAX_NAME_LENGTH = 64;

  /** Parses a name given to CreateFunction. */
  public static FunctionName forCreate(String given) {
    return parse(given, null, CREATE, CREATE_PATTERN);
  }

  /** Parses a name given to an operation on an existing function, with its Qualifier. */
  public static FunctionName forLookup(String given, String qualifier) {
    if (qualifier != null && !QUALIFIER.matcher(qualifier).matches()) {
      throw validation(qualifier, "qualifier", QUALIFIER_PATTERN);
    }
    return parse(given, qualifier, LOOKUP, LOOKUP_PATTERN);
  }

  private static FunctionName parse(
      String given, String qualifier, Pattern pattern, String patternText) {
    if (given == null || given.isEmpty()) {
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value"
          + " null at 'functionName' failed to satisfy constraint: Member must not be null");
    }
    Matcher matcher = pattern.matcher(given);
    if (given.length() > 170 || !matcher.matches()) {
      throw validation(given, "functionName", patternText);
    }
    String name = matcher.group(NAME_GROUP);
    String derived = matcher.group(QUALIFIER_GROUP);
    if (derived != null && qualifier != null && !derived.equals(qualifier)) {
      throw FunctionException.invalidParameter(
          "The derived qualifier from the function name does not match the specified qualifier.");
    }
    return new FunctionName(name, derived != null ? derived : qualifier);
  }

  private static FunctionException validation(String value, String field, String patternText) {
    return new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value '"
        + value + "' at '" + field + "' failed to satisfy constraint: Member must satisfy regular"
        + " expression pattern: " + patternText);
  }

  public boolean isLatest() {
    return qualifier == null || qualifier.equals(FunctionDefinition.LATEST);
  }
}
