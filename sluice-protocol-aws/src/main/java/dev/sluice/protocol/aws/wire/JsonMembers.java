package dev.sluice.protocol.aws.wire;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed members of AWS JSON 1.1 request bodies (EventBridge, CloudWatch Logs): absent or null
 * reads as null, a wrongly typed member is AWS's SerializationException.
 */
public final class JsonMembers {

  private JsonMembers() {}

  public static String text(JsonNode body, String member) {
    JsonNode node = present(body, member);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(member, "a string");
    }
    return node.asText();
  }

  public static Integer integer(JsonNode body, String member) {
    Long value = longValue(body, member);
    return value == null ? null : value.intValue();
  }

  public static Long longValue(JsonNode body, String member) {
    JsonNode node = present(body, member);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber()) {
      throw wrongType(member, "an integer");
    }
    return node.asLong();
  }

  public static boolean flag(JsonNode body, String member) {
    JsonNode node = body.get(member);
    return node != null && node.asBoolean(false);
  }

  public static MalformedRequestException wrongType(String member, String expected) {
    return MalformedRequestException.serialization(
        "Member '" + member + "' must be " + expected + ".");
  }

  private static JsonNode present(JsonNode body, String member) {
    JsonNode node = body.get(member);
    return node == null || node.isNull() ? null : node;
  }
}
