package dev.sluice.core.queue.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCharactersTest {

  /** The rule as SQS words it, one code point at a time: what the fast path must agree with. */
  private static boolean validByCodePoint(String text) {
    return text.codePoints().allMatch(c -> c == 0x9 || c == 0xA || c == 0xD
        || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF));
  }

  @Test
  void every_single_char_is_judged_as_its_code_point_is() {
    for (int c = 0; c <= 0xFFFF; c++) {
      String alone = String.valueOf((char) c);
      String inText = "ab" + (char) c + "cd";
      assertThat(MessageCharacters.allValid(alone)).as("U+%04X", c)
          .isEqualTo(validByCodePoint(alone));
      assertThat(MessageCharacters.allValid(inText)).as("U+%04X in text", c)
          .isEqualTo(validByCodePoint(inText));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"\t", "\n", "\r", " ", "\uD7FF", "\uE000", "\uFFFD", "\uD800\uDC00",
      "\uDBFF\uDFFF", "emoji \uD83D\uDE00 ok", "", "plain ascii"})
  void edge_characters_inside_the_range_are_accepted(String text) {
    assertThat(MessageCharacters.allValid(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0000", "\u0008", "\u000B", "\u000C", "\u001F", "\uFFFE", "\uFFFF",
      "\uD800", "\uDC00", "x\uDBFF", "\uDFFFx", "\uDC00\uD800", "\uD800\uD800\uDC00\uDC00x\uD800",
      "ok \uD83D\uDE00 then \u0001"})
  void edge_characters_outside_the_range_are_refused(String text) {
    assertThat(MessageCharacters.allValid(text)).isFalse();
  }

  @Test
  void surrogates_are_judged_in_pairs_wherever_they_stand() {
    char[] pieces = {'a', '\t', '\u0001', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uFFFE', '\uE000'};
    for (char a : pieces) {
      for (char b : pieces) {
        for (char c : pieces) {
          String text = new String(new char[] {a, b, c});
          assertThat(MessageCharacters.allValid(text))
              .as("%04X %04X %04X", (int) a, (int) b, (int) c)
              .isEqualTo(validByCodePoint(text));
        }
      }
    }
  }
}
