package dev.sluice.protocol.aws.sqs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.queue.model.MessageAttributeValue;
import dev.sluice.protocol.aws.wire.Json;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** {@link SqsOutput} as an AWS JSON 1.0 object. */
final class JsonOutput implements SqsOutput {

  private final ObjectNode object;

  JsonOutput() {
    this(Json.object());
  }

  private JsonOutput(ObjectNode object) {
    this.object = object;
  }

  ObjectNode object() {
    return object;
  }

  @Override
  public SqsOutput string(String name, String value) {
    if (value != null) {
      object.put(name, value);
    }
    return this;
  }

  @Override
  public SqsOutput number(String name, Number value) {
    if (value instanceof Integer i) {
      object.put(name, i);
    } else if (value instanceof Long l) {
      object.put(name, l);
    } else if (value != null) {
      object.put(name, new BigDecimal(value.toString()));
    }
    return this;
  }

  @Override
  public SqsOutput bool(String name, boolean value) {
    object.put(name, value);
    return this;
  }

  @Override
  public SqsOutput strings(String jsonName, String queryItemName, List<String> values) {
    if (values != null && !values.isEmpty()) {
      ArrayNode array = object.putArray(jsonName);
      values.forEach(array::add);
    }
    return this;
  }

  @Override
  public SqsOutput stringMap(String jsonName, String queryEntryName, String keyName,
      String valueName, Map<String, String> map) {
    if (map != null && !map.isEmpty()) {
      ObjectNode node = object.putObject(jsonName);
      map.forEach(node::put);
    }
    return this;
  }

  @Override
  public SqsOutput messageAttributes(
      String jsonName, String queryEntryName, Map<String, MessageAttributeValue> attributes) {
    if (attributes != null && !attributes.isEmpty()) {
      ObjectNode node = object.putObject(jsonName);
      attributes.forEach((name, value) -> {
        ObjectNode attribute = node.putObject(name);
        if (value.stringValue() != null) {
          attribute.put("StringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
          attribute.put("BinaryValue", Base64.getEncoder().encodeToString(value.binaryValue()));
        }
        attribute.put("DataType", value.dataType());
      });
    }
    return this;
  }

  @Override
  public <T> SqsOutput list(
      String jsonName, String queryItemName, List<T> items, BiConsumer<SqsOutput, T> writeItem) {
    if (items != null && !items.isEmpty()) {
      ArrayNode array = object.putArray(jsonName);
      for (T item : items) {
        writeItem.accept(new JsonOutput(array.addObject()), item);
      }
    }
    return this;
  }
}
