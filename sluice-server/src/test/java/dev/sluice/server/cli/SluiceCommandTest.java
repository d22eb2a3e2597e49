package dev.sluice.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.SluiceVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SluiceCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return SluiceCommand.commandLine()
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void version_prints_the_build_version() {
    assertThat(run("--version")).isZero();

    assertThat(out.toString())
        .startsWith("sluice " + SluiceVersion.current() + System.lineSeparator());
    assertThat(SluiceVersion.current()).matches("\\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void help_lists_the_subcommands() {
    assertThat(run("--help")).isZero();

    assertThat(out.toString()).contains("Usage: sluice").contains("server").contains("--version");
  }

  @Test
  void help_names_the_launchers_bench_and_demo_commands() {
    assertThat(run("--help")).isZero();

    // Picocli wraps lines at the terminal's width: compare with single spaces.
    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("The launcher (./sluice) also runs:")
        .contains("./sluice bench [OPTIONS] Runs the benchmark tool")
        .contains("./sluice demo [OPTIONS] Runs the pipeline example (examples/README.md)");
  }

  @Test
  void server_help_lists_every_option_with_its_environment_variable_and_default() {
    assertThat(run("server", "--help")).isZero();

    // Picocli wraps lines at the terminal's width: compare with single spaces.
    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("--host=HOST", "SLUICE_HOST", "Default: 127.0.0.1")
        .contains("--port=PORT", "SLUICE_PORT", "Default: 4566")
        .contains("--data-dir=DIR", "SLUICE_DATA_DIR", "Default: ./data")
        .contains("--store=embedded|memory", "SLUICE_STORE", "Default: embedded")
        .contains("--account-id=ID", "SLUICE_ACCOUNT_ID", "Default: 000000000000")
        .contains("--region=REGION", "SLUICE_REGION", "Default: us-east-1")
        .contains("--credentials=FILE", "SLUICE_CREDENTIALS")
        .contains("--max-request-size=SIZE", "SLUICE_MAX_REQUEST_SIZE", "Default: 8388608")
        .contains("--function-concurrency=N", "SLUICE_FUNCTION_CONCURRENCY", "Default: 64")
        .contains("--function-idle-timeout=DURATION", "SLUICE_FUNCTION_IDLE_TIMEOUT",
            "Default: 10m")
        .contains("--logs-max-size=SIZE", "SLUICE_LOGS_MAX_SIZE", "Default: 67108864");
  }

  @Test
  void a_bad_function_idle_timeout_exits_2_naming_the_value() {
    assertThat(run("server", "--function-idle-timeout", "soon")).isEqualTo(2);

    assertThat(err.toString()).contains("Invalid duration 'soon'");
  }

  @Test
  void a_function_concurrency_of_zero_exits_2_naming_the_value() {
    assertThat(run("server", "--function-concurrency", "0")).isEqualTo(2);

    assertThat(err.toString()).contains("Invalid function concurrency 0");
  }

  @Test
  void subcommands_of_other_modules_join_through_the_service_loader() {
    assertThat(run("echo-words", "a", "b")).isEqualTo(3);

    assertThat(out.toString()).isEqualTo("a b" + System.lineSeparator());
  }

  @Test
  void no_subcommand_is_a_usage_error() {
    assertThat(run()).isEqualTo(2);

    assertThat(err.toString()).contains("Missing required subcommand");
  }

  @Test
  void an_unknown_option_exits_2_and_points_to_help() {
    assertThat(run("server", "--prot", "1")).isEqualTo(2);

    assertThat(err.toString())
        .contains("Unknown options: '--prot', '1'")
        .contains("Try 'sluice server --help'");
  }

  @Test
  void a_port_out_of_range_exits_2_naming_the_value() {
    assertThat(run("server", "--port", "70000")).isEqualTo(2);

    assertThat(err.toString()).contains("Invalid port 70000");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void a_port_that_is_no_number_exits_2_naming_the_value() {
    assertThat(run("server", "--port", "http")).isEqualTo(2);

    assertThat(err.toString()).contains("'http' is not an int");
  }

  @Test
  void an_unknown_store_exits_2_naming_the_value() {
    assertThat(run("server", "--store", "postgres")).isEqualTo(2);

    assertThat(err.toString()).contains("Invalid store 'postgres'").contains("embedded, memory");
  }

  @Test
  void a_bad_request_size_exits_2_naming_the_value() {
    assertThat(run("server", "--max-request-size", "lots")).isEqualTo(2);

    assertThat(err.toString()).contains("Invalid size 'lots'");
  }

  @Test
  void a_missing_credentials_file_exits_2_naming_it(@TempDir Path dir) {
    Path missing = dir.resolve("missing");

    assertThat(run("server", "--credentials", missing.toString())).isEqualTo(2);

    assertThat(err.toString()).contains("Invalid credentials file '" + missing + "'");
  }

  @Test
  void a_port_in_use_exits_1_saying_so(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      int exit =
          run(
              "server",
              "--store",
              "memory",
              "--port",
              String.valueOf(taken.getLocalPort()),
              "--data-dir",
              dir.toString());

      assertThat(exit).isEqualTo(1);
      assertThat(err.toString())
          .contains("Cannot listen on 127.0.0.1:" + taken.getLocalPort())
          .containsIgnoringCase("address already in use");
      assertThat(out.toString()).isEmpty();
    }
  }
}
