package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerConfigTest {

  @Test
  void the_defaults_are_the_documented_ones() {
    ServerConfig config = ServerConfig.builder().build();

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(4566);
    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.accountId()).isEqualTo("000000000000");
    assertThat(config.region()).isEqualTo("us-east-1");
    assertThat(config.credentialsFile()).isNull();
    assertThat(config.store()).isEqualTo(StoreKind.EMBEDDED);
    assertThat(config.maxRequestSize()).isEqualTo(8 * 1024 * 1024);
    assertThat(config.functionConcurrency()).isEqualTo(64);
    assertThat(config.functionIdleTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.logsMaxSize()).isEqualTo(64 * 1024 * 1024);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 10_001})
  void a_function_concurrency_out_of_range_is_refused_naming_it(int concurrency) {
    assertThatThrownBy(() -> ServerConfig.builder().functionConcurrency(concurrency).build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("Invalid function concurrency " + concurrency);
  }

  @Test
  void a_function_idle_timeout_that_is_not_positive_is_refused() {
    assertThatThrownBy(() -> ServerConfig.builder().functionIdleTimeout(Duration.ZERO).build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("Invalid function idle timeout");
  }

  @Test
  void a_logs_cap_under_one_mebibyte_is_refused_naming_it() {
    assertThatThrownBy(() -> ServerConfig.builder().logsMaxSize(1000).build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("Invalid logs max size 1000: must be at least 1MiB");
  }

  @Test
  void the_function_settings_survive_to_builder() {
    ServerConfig config = ServerConfig.builder().functionConcurrency(5)
        .functionIdleTimeout(Duration.ofSeconds(30)).logsMaxSize(2 * 1024 * 1024).build();

    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 65536, 100_000})
  void a_port_out_of_range_is_refused_naming_it(int port) {
    assertThatThrownBy(() -> ServerConfig.builder().port(port).build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("Invalid port " + port);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 65535})
  void ports_0_to_65535_are_accepted(int port) {
    assertThat(ServerConfig.builder().port(port).build().port()).isEqualTo(port);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12345678901", "1234567890123", "00000000000a"})
  void an_account_id_that_is_not_12_digits_is_refused_naming_it(String accountId) {
    assertThatThrownBy(() -> ServerConfig.builder().accountId(accountId).build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("Invalid account id '" + accountId + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"us-east-1", "eu-central-2", "us-gov-west-1", "cn-northwest-1"})
  void aws_region_names_are_accepted(String region) {
    assertThat(ServerConfig.builder().region(region).build().region()).isEqualTo(region);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "useast1", "US-EAST-1", "us-east", "mars"})
  void a_region_that_is_no_aws_region_name_is_refused_naming_it(String region) {
    assertThatThrownBy(() -> ServerConfig.builder().region(region).build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("Invalid region '" + region + "'");
  }

  @Test
  void a_missing_credentials_file_is_refused_naming_it(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-credentials");

    assertThatThrownBy(() -> ServerConfig.builder().credentialsFile(missing).build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void an_existing_credentials_file_is_accepted(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("credentials"), "[default]\n");

    assertThat(ServerConfig.builder().credentialsFile(file).build().credentialsFile())
        .isEqualTo(file);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1024, 65535, 1024 * 1024 * 1024 + 1})
  void a_max_request_size_out_of_range_is_refused_naming_it(int size) {
    assertThatThrownBy(() -> ServerConfig.builder().maxRequestSize(size).build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("Invalid max request size " + size);
  }

  @Test
  void an_empty_host_is_refused() {
    assertThatThrownBy(() -> ServerConfig.builder().host(" ").build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("Invalid host");
  }

  @Test
  void to_builder_round_trips_every_value(@TempDir Path dir) throws IOException {
    Path credentials = Files.writeString(dir.resolve("credentials"), "");
    ServerConfig config =
        ServerConfig.builder()
            .host("0.0.0.0")
            .port(0)
            .dataDir(dir)
            .accountId("123456789012")
            .region("eu-west-1")
            .credentialsFile(credentials)
            .store(StoreKind.MEMORY)
            .maxRequestSize(1 << 20)
            .build();

    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void the_endpoint_puts_ipv6_hosts_in_brackets() {
    assertThat(SluiceServer.endpointOf("127.0.0.1", 4566)).hasToString("http://127.0.0.1:4566");
    assertThat(SluiceServer.endpointOf("::1", 80)).hasToString("http://[::1]:80");
    assertThat(SluiceServer.endpointOf("localhost", 1)).hasToString("http://localhost:1");
  }
}
