package dev.sluice.core.queue.model;

/**
 * One message attribute as the client sent it. {@code dataType} is kept verbatim, custom sub-types
 * included ({@code Number.java.lang.Long}); exactly one of the two values is set.
 */
public record MessageAttributeValue(String dataType, String stringValue, byte[] binaryValue) {

  public static MessageAttributeValue string(String value) {
    return new MessageAttributeValue("String", value, null);
  }

  public static MessageAttributeValue number(String value) {
    return new MessageAttributeValue("Number", value, null);
  }

  public static MessageAttributeValue binary(byte[] value) {
    return new MessageAttributeValue("Binary", null, value);
  }

  /** The base type: {@code String}, {@code Number} or {@code Binary} (before any {@code .subtype}). */
  public String baseType() {
    int dot = dataType.indexOf('.');
    return dot < 0 ? dataType : dataType.substring(0, dot);
  }

  public boolean isBinary() {
    return "Binary".equals(baseType());
  }
}
