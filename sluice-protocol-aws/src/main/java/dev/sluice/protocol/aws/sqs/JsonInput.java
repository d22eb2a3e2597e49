package dev.sluice.protocol.aws.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.queue.model.MessageAttributeValue;
import dev.sluice.protocol.aws.wire.MalformedRequestException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link SqsInput} over an AWS JSON 1.0 body. Types are strict, as AWS's JSON services are. */
final class JsonInput implements SqsInput {

  private final ObjectNode object;

  JsonInput(ObjectNode object) {
    this.object = object;
  }

  @Override
  public String string(String name) {
    JsonNode node = member(name);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(name, "a string");
    }
    return node.textValue();
  }

  @Override
  public Integer integer(String name) {
    JsonNode node = member(name);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw wrongType(name, "an integer");
    }
    return node.intValue();
  }

  @Override
  public List<String> strings(String jsonName, String queryName) {
    JsonNode node = member(jsonName);
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      throw wrongType(jsonName, "a list");
    }
    List<String> values = new ArrayList<>(node.size());
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw wrongType(jsonName, "a list of strings");
      }
      values.add(item.textValue());
    }
    return values;
  }

  @Override
  public Map<String, String> stringMap(
      String jsonName, String queryName, String keyName, String valueName) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : objectMember(jsonName).entrySet()) {
      if (!entry.getValue().isTextual()) {
        throw wrongType(jsonName + "." + entry.getKey(), "a string");
      }
      map.put(entry.getKey(), entry.getValue().textValue());
    }
    return map;
  }

  @Override
  public Map<String, MessageAttributeValue> messageAttributes(String jsonName, String queryName) {
    Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : objectMember(jsonName).entrySet()) {
      if (!entry.getValue().isObject()) {
        throw wrongType(jsonName + "." + entry.getKey(), "a structure");
      }
      JsonInput value = new JsonInput((ObjectNode) entry.getValue());
      String path = jsonName + "." + entry.getKey() + ".";
      attributes.put(entry.getKey(), MessageAttributes.of(
          entry.getKey(),
          value.string("DataType"),
          value.string("StringValue"),
          value.binary("BinaryValue", path)));
    }
    return attributes;
  }

  @Override
  public boolean hasAttributeListValues(String jsonName, String queryName) {
    for (JsonNode value : objectMember(jsonName).values()) {
      if (isNonEmptyArray(value.get("StringListValues"))
          || isNonEmptyArray(value.get("BinaryListValues"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNonEmptyArray(JsonNode node) {
    return node != null && node.isArray() && !node.isEmpty();
  }

  @Override
  public List<SqsInput> entries(String jsonName, String queryName) {
    JsonNode node = member(jsonName);
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      throw wrongType(jsonName, "a list");
    }
    List<SqsInput> entries = new ArrayList<>(node.size());
    for (JsonNode item : node) {
      if (!item.isObject()) {
        throw wrongType(jsonName, "a list of structures");
      }
      entries.add(new JsonInput((ObjectNode) item));
    }
    return entries;
  }

  private byte[] binary(String name, String path) {
    String text = string(name);
    if (text == null) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw MalformedRequestException.serialization(
          "Value for " + path + name + " is not valid base64: " + e.getMessage());
    }
  }

  private Map<String, JsonNode> objectMember(String name) {
    JsonNode node = member(name);
    if (node == null) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw wrongType(name, "a map");
    }
    Map<String, JsonNode> members = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      members.put(entry.getKey(), entry.getValue());
    }
    return members;
  }

  // JSON null is how some clients say "absent".
  private JsonNode member(String name) {
    JsonNode node = object.get(name);
    return node == null || node.isNull() ? null : node;
  }

  private static MalformedRequestException wrongType(String member, String expected) {
    return MalformedRequestException.serialization(
        "Member " + member + " must be " + expected + ".");
  }
}
