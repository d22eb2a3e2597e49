package dev.sluice.core.queue.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiptHandleTest {

  @Test
  void a_handle_decodes_to_what_it_encodes() {
    String text = ReceiptHandle.encode(-4_242_424_242L, 1_767_225_600_000_123L, 7);

    assertThat(ReceiptHandle.decode(text))
        .isEqualTo(new ReceiptHandle(-4_242_424_242L, 1_767_225_600_000_123L, 7));
  }

  @Test
  void handles_are_url_safe_and_short() {
    String text = ReceiptHandle.encode(Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE);

    assertThat(text).hasSize(28).matches("[A-Za-z0-9_-]+");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"x", "AQAAAAAAAAAAAAAAAAAAAAAAAAAA", "AgAAAAAAAAABAAAAAAAAAAEAAAAB",
      "AQAAAAAAAAABAAAAAAAAAAEAAAAB=", "AQAAAAAAAAABAAAAAAAAAAEAAA+/"})
  void anything_else_decodes_to_null(String text) {
    assertThat(ReceiptHandle.decode(text)).isNull();
  }
}
