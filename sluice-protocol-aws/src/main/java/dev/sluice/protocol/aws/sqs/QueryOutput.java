package dev.sluice.protocol.aws.sqs;

import dev.sluice.core.queue.model.MessageAttributeValue;
import dev.sluice.protocol.aws.wire.XmlWriter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** {@link SqsOutput} as the elements of a Query protocol {@code <XResult>}. */
final class QueryOutput implements SqsOutput {

  private final XmlWriter xml;

  QueryOutput(XmlWriter xml) {
    this.xml = xml;
  }

  @Override
  public SqsOutput string(String name, String value) {
    xml.element(name, value);
    return this;
  }

  @Override
  public SqsOutput number(String name, Number value) {
    xml.element(name, value == null ? null : value.toString());
    return this;
  }

  @Override
  public SqsOutput bool(String name, boolean value) {
    xml.element(name, Boolean.toString(value));
    return this;
  }

  @Override
  public SqsOutput strings(String jsonName, String queryItemName, List<String> values) {
    if (values != null) {
      values.forEach(value -> xml.element(queryItemName, value));
    }
    return this;
  }

  @Override
  public SqsOutput stringMap(String jsonName, String queryEntryName, String keyName,
      String valueName, Map<String, String> map) {
    if (map != null) {
      map.forEach((key, value) ->
          xml.start(queryEntryName).element(keyName, key).element(valueName, value).end());
    }
    return this;
  }

  @Override
  public SqsOutput messageAttributes(
      String jsonName, String queryEntryName, Map<String, MessageAttributeValue> attributes) {
    if (attributes != null) {
      attributes.forEach((name, value) -> {
        xml.start(queryEntryName).element("Name", name).start("Value");
        xml.element("StringValue", value.stringValue());
        if (value.binaryValue() != null) {
          xml.element("BinaryValue", Base64.getEncoder().encodeToString(value.binaryValue()));
        }
        xml.element("DataType", value.dataType()).end().end();
      });
    }
    return this;
  }

  @Override
  public <T> SqsOutput list(
      String jsonName, String queryItemName, List<T> items, BiConsumer<SqsOutput, T> writeItem) {
    if (items != null) {
      for (T item : items) {
        xml.start(queryItemName);
        writeItem.accept(this, item);
        xml.end();
      }
    }
    return this;
  }
}
