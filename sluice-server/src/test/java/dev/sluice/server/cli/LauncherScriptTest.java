package dev.sluice.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.SluiceVersion;
import dev.sluice.server.cli.LauncherScript.Result;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./sluice}, run from this test's classpath ({@code SLUICE_CLASSPATH}) so that no
 * nested Maven build runs; {@link LauncherBuildTest} covers the build half of the script.
 */
class LauncherScriptTest {

  private static final Path SCRIPT = LauncherScript.inRepository();
  private static final Map<String, String> FROM_TEST_CLASSPATH =
      Map.of("SLUICE_CLASSPATH", System.getProperty("java.class.path"));

  @Test
  void the_launcher_is_an_executable_bash_script_at_the_repository_root() throws Exception {
    assertThat(SCRIPT).isRegularFile().isExecutable();
    assertThat(Files.readAllLines(SCRIPT).get(0)).isEqualTo("#!/usr/bin/env bash");
    assertThat(Files.readString(SCRIPT)).contains("set -euo pipefail");
  }

  @Test
  void version_prints_the_version() {
    Result result = LauncherScript.run(SCRIPT, FROM_TEST_CLASSPATH, "--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).startsWith("sluice " + SluiceVersion.current() + "\n");
  }

  @Test
  void help_lists_the_server_command() {
    Result result = LauncherScript.run(SCRIPT, FROM_TEST_CLASSPATH, "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("Usage: sluice").contains("server");
  }

  @Test
  void a_bad_value_from_the_environment_exits_2_naming_it() {
    Map<String, String> environment =
        Map.of("SLUICE_CLASSPATH", System.getProperty("java.class.path"), "SLUICE_PORT", "99999");

    Result result = LauncherScript.run(SCRIPT, environment, "server");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("Invalid port 99999");
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void server_takes_its_configuration_from_the_environment_and_exits_0_on_sigterm(
      @TempDir Path dataDir) throws Exception {
    Map<String, String> environment =
        Map.of(
            "SLUICE_CLASSPATH",
            System.getProperty("java.class.path"),
            "SLUICE_PORT",
            "0",
            "SLUICE_STORE",
            "memory",
            "SLUICE_DATA_DIR",
            dataDir.toString());
    Process process =
        LauncherScript.builder(SCRIPT, environment, "server")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader stdout =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String ready = stdout.readLine();
      assertThat(ready).matches("Sluice ready on http://127\\.0\\.0\\.1:\\d+");
      URI endpoint = URI.create(ready.substring("Sluice ready on ".length()));

      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(endpoint.resolve("/_sluice/health")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.body()).contains("\"store\":\"memory\"");

      // The launcher execs Java: the signal reaches the JVM, not a waiting shell.
      process.toHandle().destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isZero();
      assertThat(stdout.readLine()).isNull();
    } finally {
      process.destroyForcibly();
    }
  }
}
