package dev.sluice.protocol.aws.sqs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.sluice.core.queue.model.MessageAttributeValue;
import dev.sluice.protocol.aws.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * {@link SqsOutput} as an AWS JSON 1.0 object.
 *
 * <p>perf: members go straight into a {@link JsonGenerator} over one byte buffer instead of a
 * Jackson tree serialized afterwards (every answer is written once, in order, and no SQS answer
 * writes a member twice). Create one per answer, write its members, then take {@link #toBytes()}.
 */
final class JsonOutput implements SqsOutput {

  private final ByteArrayBuilder bytes;
  private final JsonGenerator json;

  JsonOutput() {
    bytes = new ByteArrayBuilder(512);
    try {
      json = Json.MAPPER.getFactory().createGenerator(bytes);
      json.writeStartObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes the object and returns its UTF-8 bytes; write nothing afterwards. */
  byte[] toBytes() {
    try {
      json.writeEndObject();
      json.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public SqsOutput string(String name, String value) {
    if (value != null) {
      write(() -> json.writeStringField(name, value));
    }
    return this;
  }

  @Override
  public SqsOutput number(String name, Number value) {
    if (value instanceof Integer i) {
      write(() -> json.writeNumberField(name, i.intValue()));
    } else if (value instanceof Long l) {
      write(() -> json.writeNumberField(name, l.longValue()));
    } else if (value != null) {
      write(() -> json.writeNumberField(name, new BigDecimal(value.toString())));
    }
    return this;
  }

  @Override
  public SqsOutput bool(String name, boolean value) {
    write(() -> json.writeBooleanField(name, value));
    return this;
  }

  @Override
  public SqsOutput strings(String jsonName, String queryItemName, List<String> values) {
    if (values != null && !values.isEmpty()) {
      write(() -> {
        json.writeArrayFieldStart(jsonName);
        for (String value : values) {
          json.writeString(value);
        }
        json.writeEndArray();
      });
    }
    return this;
  }

  @Override
  public SqsOutput stringMap(String jsonName, String queryEntryName, String keyName,
      String valueName, Map<String, String> map) {
    if (map != null && !map.isEmpty()) {
      write(() -> {
        json.writeObjectFieldStart(jsonName);
        for (Map.Entry<String, String> entry : map.entrySet()) {
          json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
      });
    }
    return this;
  }

  @Override
  public SqsOutput messageAttributes(
      String jsonName, String queryEntryName, Map<String, MessageAttributeValue> attributes) {
    if (attributes != null && !attributes.isEmpty()) {
      write(() -> {
        json.writeObjectFieldStart(jsonName);
        for (Map.Entry<String, MessageAttributeValue> entry : attributes.entrySet()) {
          MessageAttributeValue value = entry.getValue();
          json.writeObjectFieldStart(entry.getKey());
          if (value.stringValue() != null) {
            json.writeStringField("StringValue", value.stringValue());
          }
          if (value.binaryValue() != null) {
            json.writeStringField(
                "BinaryValue", Base64.getEncoder().encodeToString(value.binaryValue()));
          }
          json.writeStringField("DataType", value.dataType());
          json.writeEndObject();
        }
        json.writeEndObject();
      });
    }
    return this;
  }

  @Override
  public <T> SqsOutput list(
      String jsonName, String queryItemName, List<T> items, BiConsumer<SqsOutput, T> writeItem) {
    if (items != null && !items.isEmpty()) {
      write(() -> json.writeArrayFieldStart(jsonName));
      for (T item : items) {
        write(json::writeStartObject);
        writeItem.accept(this, item);
        write(json::writeEndObject);
      }
      write(json::writeEndArray);
    }
    return this;
  }

  private interface Write {
    void run() throws IOException;
  }

  // Writing into memory does not fail; Jackson's signatures say it might.
  private static void write(Write write) {
    try {
      write.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
