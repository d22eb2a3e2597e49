package dev.sluice.core.queue.store;

import dev.sluice.core.queue.model.MessageAttributeValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** How AWS counts a message against MaximumMessageSize: UTF-8 body plus every attribute's name, type and value. */
public final class MessageSizes {

  private MessageSizes() {}

  public static int sizeOf(String body, Map<String, MessageAttributeValue> attributes) {
    int size = utf8Length(body);
    for (var entry : attributes.entrySet()) {
      MessageAttributeValue value = entry.getValue();
      size += utf8Length(entry.getKey()) + utf8Length(value.dataType());
      size += value.binaryValue() != null ? value.binaryValue().length : utf8Length(value.stringValue());
    }
    return size;
  }

  public static int utf8Length(String s) {
    return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
  }
}
