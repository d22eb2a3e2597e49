package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

  @ParameterizedTest
  @CsvSource({"500ms,PT0.5S", "90s,PT1M30S", "10m,PT10M", "2h,PT2H", "1d,PT24H", "10M,PT10M",
      "PT5M,PT5M", " 30s ,PT30S"})
  void a_number_with_a_unit_or_an_iso_duration_is_read(String text, String expected) {
    assertThat(DurationText.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "10", "m10", "1.5h", "-5m"})
  void anything_else_is_refused_naming_it(String text) {
    assertThatThrownBy(() -> DurationText.parse(text))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("Invalid duration '" + text + "'");
  }
}
