package dev.sluice.core.queue.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.model.MessageAttributeValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageSizesTest {

  @Test
  void utf8_length_matches_getBytes_for_every_single_char() {
    for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
      String s = String.valueOf((char) c);
      assertThat(MessageSizes.utf8Length(s))
          .as("U+%04X", c)
          .isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void utf8_length_matches_getBytes_for_pairs_and_unpaired_surrogates() {
    String[] samples = {
      "",
      "plain ASCII",
      "caf\u00e9 \u00f8\u00df\u00e4",
      "\u6f22\u5b57 and \u20ac",
      "\ud83d\ude00 emoji pair",
      "\ud83d",
      "\ude00",
      "\ude00\ud83d",
      "\ud83d\ud83d\ude00",
      "end with high \ud83d",
      "low first \ude00 then pair \ud83d\ude00",
      "\u0000\u007f\u0080\u07ff\u0800\uffff",
    };
    for (String s : samples) {
      assertThat(MessageSizes.utf8Length(s))
          .as(s)
          .isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void utf8_length_matches_getBytes_for_random_mixes_of_every_char_class() {
    char[] classes = {'a', '\u00e9', '\u6f22', '\ud83d', '\ude00', '\u0000', '\uffff'};
    Random random = new Random(42);
    for (int round = 0; round < 10_000; round++) {
      char[] chars = new char[random.nextInt(12)];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = classes[random.nextInt(classes.length)];
      }
      String s = new String(chars);
      assertThat(MessageSizes.utf8Length(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void utf8_length_of_null_is_zero() {
    assertThat(MessageSizes.utf8Length(null)).isZero();
  }

  @Test
  void size_counts_body_and_each_attribute_name_type_and_value() {
    var attributes = Map.of(
        "n\u00e9", new MessageAttributeValue("String", "\u6f22", null),
        "b", new MessageAttributeValue("Binary", null, new byte[] {1, 2, 3}));

    int size = MessageSizes.sizeOf("\ud83d\ude00x", attributes);

    assertThat(size).isEqualTo(5 + (3 + 6 + 3) + (1 + 6 + 3));
  }
}
