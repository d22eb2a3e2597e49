package dev.sluice.protocol.aws.sqs;

import dev.sluice.core.queue.model.MessageAttributeValue;
import dev.sluice.protocol.aws.wire.JsonValues;
import dev.sluice.protocol.aws.wire.MalformedRequestException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link SqsInput} over an AWS JSON 1.0 body, as read by {@link JsonValues}. Types are strict, as
 * AWS's JSON services are.
 */
final class JsonInput implements SqsInput {

  private final Map<String, Object> object;

  JsonInput(Map<String, Object> object) {
    this.object = object;
  }

  @Override
  public String string(String name) {
    Object value = member(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw wrongType(name, "a string");
    }
    return text;
  }

  // Integers beyond an int's range are read as Long or BigInteger: the wrong type here, as before.
  @Override
  public Integer integer(String name) {
    Object value = member(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Integer number)) {
      throw wrongType(name, "an integer");
    }
    return number;
  }

  @Override
  public List<String> strings(String jsonName, String queryName) {
    Object value = member(jsonName);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> items)) {
      throw wrongType(jsonName, "a list");
    }
    List<String> values = new ArrayList<>(items.size());
    for (Object item : items) {
      if (!(item instanceof String text)) {
        throw wrongType(jsonName, "a list of strings");
      }
      values.add(text);
    }
    return values;
  }

  @Override
  public Map<String, String> stringMap(
      String jsonName, String queryName, String keyName, String valueName) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : objectMember(jsonName).entrySet()) {
      if (!(entry.getValue() instanceof String text)) {
        throw wrongType(jsonName + "." + entry.getKey(), "a string");
      }
      map.put(entry.getKey(), text);
    }
    return map;
  }

  @Override
  public Map<String, MessageAttributeValue> messageAttributes(String jsonName, String queryName) {
    Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : objectMember(jsonName).entrySet()) {
      Map<String, Object> members = asObject(entry.getValue());
      if (members == null) {
        throw wrongType(jsonName + "." + entry.getKey(), "a structure");
      }
      JsonInput value = new JsonInput(members);
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
    for (Object value : objectMember(jsonName).values()) {
      Map<String, Object> members = asObject(value);
      if (members != null && (isNonEmptyList(members.get("StringListValues"))
          || isNonEmptyList(members.get("BinaryListValues")))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNonEmptyList(Object value) {
    return value instanceof List<?> list && !list.isEmpty();
  }

  @Override
  public List<SqsInput> entries(String jsonName, String queryName) {
    Object value = member(jsonName);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> items)) {
      throw wrongType(jsonName, "a list");
    }
    List<SqsInput> entries = new ArrayList<>(items.size());
    for (Object item : items) {
      Map<String, Object> members = asObject(item);
      if (members == null) {
        throw wrongType(jsonName, "a list of structures");
      }
      entries.add(new JsonInput(members));
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

  private Map<String, Object> objectMember(String name) {
    Object value = member(name);
    if (value == null) {
      return Map.of();
    }
    Map<String, Object> members = asObject(value);
    if (members == null) {
      throw wrongType(name, "a map");
    }
    return members;
  }

  // JSON null is how some clients say "absent".
  private Object member(String name) {
    Object value = object.get(name);
    return value == JsonValues.NULL ? null : value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asObject(Object value) {
    return value instanceof Map ? (Map<String, Object>) value : null;
  }

  private static MalformedRequestException wrongType(String member, String expected) {
    return MalformedRequestException.serialization(
        "Member " + member + " must be " + expected + ".");
  }
}
