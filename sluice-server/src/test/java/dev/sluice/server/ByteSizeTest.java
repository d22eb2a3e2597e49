package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

  @ParameterizedTest
  @CsvSource({
    "8388608, 8388608",
    "0, 0",
    "512k, 524288",
    "512KiB, 524288",
    "8m, 8388608",
    "8MiB, 8388608",
    "8 mib, 8388608",
    "1g, 1073741824",
    "1GiB, 1073741824",
    "100b, 100"
  })
  void sizes_parse_with_binary_units(String text, int bytes) {
    assertThat(ByteSize.parse(text)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "-1", "8XB", "1.5m", "2g", "99999999999", "8 MB"})
  void anything_else_is_refused_naming_the_text(String text) {
    assertThatThrownBy(() -> ByteSize.parse(text))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("'" + text + "'");
  }

  @ParameterizedTest
  @CsvSource({"8388608, 8MiB", "65536, 64KiB", "1073741824, 1GiB", "1000, 1000B", "0, 0B"})
  void sizes_format_in_the_largest_exact_unit(long bytes, String text) {
    assertThat(ByteSize.format(bytes)).isEqualTo(text);
  }
}
