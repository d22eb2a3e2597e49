package dev.sluice.core.queue.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BatchRulesTest {

  // The rule as AWS documents it, and as this class checked it before the loop replaced the regex.
  private static final Pattern DOCUMENTED = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  @Test
  void entry_ids_are_1_to_80_letters_digits_hyphens_and_underscores() {
    String[] ids = {
      "", "a", "Z9", "m-1_x", "-", "_", "a".repeat(80), "a".repeat(81), "a b", "a.b", "a/b",
      "\u00e9", "a\u0000", "x\ud83d\ude00", "\u0660", "A-Za-z0-9", "id:1", "[", "`", "{", "@"
    };
    for (String id : ids) {
      assertThat(BatchRules.isEntryId(id)).as(id).isEqualTo(DOCUMENTED.matcher(id).matches());
    }
    assertThat(BatchRules.isEntryId(null)).isFalse();
  }

  @Test
  void every_single_character_is_judged_as_the_documented_pattern_judges_it() {
    for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
      String id = String.valueOf((char) c);
      assertThat(BatchRules.isEntryId(id)).isEqualTo(DOCUMENTED.matcher(id).matches());
    }
  }
}
