package dev.sluice.core.queue.store;

import dev.sluice.core.queue.model.MessageAttributeValue;
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

  /**
   * The length of {@code s} as {@code s.getBytes(UTF_8)} would encode it, without encoding it.
   *
   * <p>perf: every send measures its body twice (the batch's total, then the message), and
   * encoding a 1 KB body only to count its bytes was 29% of a SendMessageBatch profile.
   */
  public static int utf8Length(String s) {
    if (s == null) {
      return 0;
    }
    int length = s.length();
    int bytes = length;
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        continue;
      }
      if (c < 0x800) {
        bytes += 1;
      } else if (!Character.isSurrogate(c)) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < length
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 2; // a pair: 4 bytes for its 2 chars
        i++;
      }
      // why: an unpaired surrogate is encoded by getBytes as '?', one byte, as counted already.
    }
    return bytes;
  }
}
