package dev.sluice.core.queue.message;

import dev.sluice.core.queue.SqsException;
import dev.sluice.core.queue.model.MessageAttributeValue;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** AWS's rules for message (user) attributes and message system attributes. */
public final class MessageAttributeRules {

  public static final int MAX_ATTRIBUTES = 10;
  static final int MAX_NAME_LENGTH = 256;
  static final int MAX_TYPE_LENGTH = 256;
  public static final String AWS_TRACE_HEADER = "AWSTraceHeader";

  // why: AWS documents "alphanumeric characters, hyphens, underscores, and periods", and accepts
  // letters beyond ASCII (a name with "øßä" passes against real SQS).
  private static final Pattern NAME_CHARACTERS = Pattern.compile("[\\p{L}\\p{Nd}_.\\-]+");
  // why: "A number can have up to 38 digits of precision, and it can be between 10^-128 and 10^+126."
  private static final int MAX_NUMBER_PRECISION = 38;
  private static final int MIN_NUMBER_EXPONENT = -128;
  private static final int MAX_NUMBER_EXPONENT = 126;

  private MessageAttributeRules() {}

  public static void checkMessageAttributes(Map<String, MessageAttributeValue> attributes) {
    if (attributes.size() > MAX_ATTRIBUTES) {
      throw SqsException.invalidParameterValue(
          "Number of message attributes [" + attributes.size()
              + "] exceeds the allowed maximum [" + MAX_ATTRIBUTES + "].");
    }
    for (var entry : attributes.entrySet()) {
      checkName(entry.getKey());
      checkValue(entry.getKey(), entry.getValue());
    }
  }

  /** AWS accepts one message system attribute: AWSTraceHeader, a non-empty String. */
  public static void checkSystemAttributes(Map<String, MessageAttributeValue> attributes) {
    for (var entry : attributes.entrySet()) {
      String name = entry.getKey();
      if (!AWS_TRACE_HEADER.equals(name)) {
        throw SqsException.invalidParameterValue(
            "Message system attribute name '" + name + "' is invalid.");
      }
      MessageAttributeValue value = entry.getValue();
      if (value == null || !"String".equals(value.dataType())) {
        throw SqsException.invalidParameterValue(
            "Message system attribute '" + name + "' must be of type 'String'.");
      }
      checkValue(name, value);
    }
  }

  private static void checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw SqsException.invalidParameterValue(
          "The request must contain non-empty message attribute name.");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw SqsException.invalidParameterValue(
          "Message (user) attribute name must be shorter than " + MAX_NAME_LENGTH + " bytes.");
    }
    boolean ascii = isAsciiName(name);
    if (!ascii && !NAME_CHARACTERS.matcher(name).matches()) {
      throw SqsException.invalidParameterValue(
          "Message (user) attribute name '" + name + "' can only contain alphanumeric"
              + " characters, hyphens, underscores and periods.");
    }
    if (hasReservedPrefix(name, ascii)) {
      throw SqsException.invalidParameterValue(
          "You can't use message attribute names beginning with 'AWS.' or 'Amazon.'."
              + " These strings are reserved for internal use.");
    }
    if (name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
      throw SqsException.invalidParameterValue(
          "Message (user) attribute name '" + name + "' can't start or end with a period"
              + " or contain two periods in a row.");
    }
  }

  // perf: names are checked for every attribute of every message sent; nearly all are ASCII, and
  // for ASCII the regex's classes are exactly these (\p{L}: A-Z a-z, \p{Nd}: 0-9).
  private static boolean isAsciiName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '.' || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasReservedPrefix(String name, boolean ascii) {
    if (ascii) {
      return name.regionMatches(true, 0, "aws.", 0, 4)
          || name.regionMatches(true, 0, "amazon.", 0, 7);
    }
    // Beyond ASCII, case-insensitive matching and lower-casing differ (U+017F matches 's' in
    // regionMatches, not after toLowerCase): keep the original rule there.
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.startsWith("aws.") || lower.startsWith("amazon.");
  }

  private static void checkValue(String name, MessageAttributeValue value) {
    String type = value == null ? null : value.dataType();
    if (type == null || type.isEmpty()) {
      throw SqsException.invalidParameterValue(
          "The message attribute '" + name + "' must contain non-empty message attribute type.");
    }
    String base = value.baseType();
    boolean knownBase = base.equals("String") || base.equals("Number") || base.equals("Binary");
    if (!knownBase || type.length() > MAX_TYPE_LENGTH || type.endsWith(".")) {
      throw SqsException.invalidParameterValue(
          "The type of message (user) attribute '" + name + "' is invalid. You must use only the"
              + " following supported type prefixes: Binary, Number, String.");
    }
    if (value.isBinary()) {
      if (value.binaryValue() == null || value.binaryValue().length == 0) {
        throw emptyValue(name, "Binary");
      }
      return;
    }
    String text = value.stringValue();
    if (text == null || text.isEmpty()) {
      throw emptyValue(name, base);
    }
    if (!MessageCharacters.allValid(text)) {
      throw SqsException.invalidParameterValue(MessageCharacters.INVALID_CHARACTERS);
    }
    if (base.equals("Number") && !isSqsNumber(text)) {
      throw SqsException.invalidParameterValue(
          "Can't cast the value of message (user) attribute '" + name + "' to a number.");
    }
  }

  private static SqsException emptyValue(String name, String type) {
    return SqsException.invalidParameterValue(
        "Message (user) attribute '" + name + "' must contain a non-empty value of type '"
            + type + "'.");
  }

  static boolean isSqsNumber(String text) {
    BigDecimal number;
    try {
      number = new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return false;
    }
    if (number.signum() == 0) {
      return true;
    }
    BigDecimal stripped = number.stripTrailingZeros();
    int exponent = stripped.precision() - stripped.scale() - 1;
    return stripped.precision() <= MAX_NUMBER_PRECISION
        && exponent >= MIN_NUMBER_EXPONENT
        && exponent <= MAX_NUMBER_EXPONENT;
  }
}
