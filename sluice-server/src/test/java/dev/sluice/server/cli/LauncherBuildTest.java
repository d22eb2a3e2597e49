package dev.sluice.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.cli.LauncherScript.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build half of {@code ./sluice}: a copy of the script in a small fake repository, with a fake
 * {@code mvn} on the PATH (it records its arguments and "builds" the jar, or fails as told) and a
 * fake {@code java} (it prints how it was called). What is under test is the script's logic: when
 * it builds, how, and what it runs afterwards.
 */
class LauncherBuildTest {

  private static final Instant LONG_AGO = Instant.now().minus(Duration.ofHours(2));

  @TempDir Path root;
  private Path mvnLog;
  private final Map<String, String> environment = new HashMap<>();

  @BeforeEach
  void fakeRepository() throws IOException {
    Path script = root.resolve("sluice");
    Files.copy(LauncherScript.inRepository(), script, StandardCopyOption.COPY_ATTRIBUTES);
    write("pom.xml", "<project/>");
    write("sluice-core/pom.xml", "<project/>");
    write("sluice-core/src/main/java/dev/sluice/core/Core.java", "class Core {}");
    write("sluice-server/pom.xml", "<project/>");
    write("sluice-server/src/main/java/dev/sluice/server/Server.java", "class Server {}");

    Path bin = Files.createDirectories(root.resolve("fake-bin"));
    executable(
        bin.resolve("mvn"),
        """
        #!/bin/sh
        echo "$*" >> "$FAKE_MVN_LOG"
        case "$FAKE_MVN_MODE: $* " in
          offline-missing:*" -o "*)
            echo "[ERROR] Failed to resolve: Cannot access central in offline mode"; exit 1 ;;
          broken:*)
            echo "[ERROR] COMPILATION ERROR: Server.java:[1,1] class expected"; exit 1 ;;
        esac
        module=$(echo "$*" | sed -n 's/.*-pl \\([^ ]*\\).*/\\1/p')
        mkdir -p "$module/target" && echo built > "$module/target/$module.jar"
        """);
    Path javaHome = root.resolve("fake-jdk");
    executable(
        Files.createDirectories(javaHome.resolve("bin")).resolve("java"),
        """
        #!/bin/sh
        echo "java $*"
        """);
    executable(
        bin.resolve("python3"),
        """
        #!/bin/sh
        if [ "$1" = "-c" ]; then exit "${FAKE_PYTHON_IMPORT_STATUS:-0}"; fi
        echo "python3 $*"
        """);
    mvnLog = root.resolve("mvn.log");
    environment.put("PATH", bin + ":" + System.getenv("PATH"));
    environment.put("JAVA_HOME", javaHome.toString());
    environment.put("FAKE_MVN_LOG", mvnLog.toString());
    everythingIsOld();
  }

  @Test
  void the_first_run_builds_quietly_offline_without_tests_then_runs_the_jar() throws IOException {
    Result result = launch("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(mavenRuns())
        .containsExactly("-o -q -B -Dmaven.test.skip=true -pl sluice-server -am package");
    assertThat(result.stdout())
        .isEqualTo(
            "java -jar " + root.resolve("sluice-server/target/sluice-server.jar") + " --version\n");
    assertThat(result.stderr()).contains("building the server");
  }

  @Test
  void bench_builds_and_runs_the_benchmark_tool_with_the_remaining_arguments() throws IOException {
    Result result = launch("bench", "send", "--quick");

    assertThat(result.exitCode()).isZero();
    assertThat(mavenRuns())
        .containsExactly("-o -q -B -Dmaven.test.skip=true -pl sluice-bench -am package");
    assertThat(result.stdout())
        .isEqualTo("java -jar " + root.resolve("sluice-bench/target/sluice-bench.jar")
            + " send --quick\n");
    assertThat(result.stderr()).contains("building the benchmark tool");
  }

  @Test
  void demo_runs_the_python_demo_with_the_remaining_arguments_and_builds_nothing()
      throws IOException {
    Result result = launch("demo", "--endpoint", "http://127.0.0.1:9999", "--mapping");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEqualTo("python3 " + root.resolve("examples/python/demo.py")
        + " --endpoint http://127.0.0.1:9999 --mapping\n");
    assertThat(mavenRuns()).isEmpty();
  }

  @Test
  void demo_without_boto3_says_how_to_install_it_and_exits_1() throws IOException {
    environment.put("FAKE_PYTHON_IMPORT_STATUS", "1");

    Result result = launch("demo");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("pip install boto3");
    assertThat(result.stdout()).isEmpty();
    assertThat(mavenRuns()).isEmpty();
  }

  @Test
  void a_run_with_nothing_changed_since_the_last_build_does_not_build() throws IOException {
    launch("--version");
    everythingIsOld();

    Result second = launch("server", "--port", "0");

    assertThat(mavenRuns()).hasSize(1);
    assertThat(second.stdout()).endsWith("sluice-server.jar server --port 0\n");
    assertThat(second.stderr()).isEmpty();
  }

  @Test
  void a_changed_source_file_triggers_a_rebuild() throws IOException {
    launch("--version");
    everythingIsOld();

    Files.setLastModifiedTime(
        root.resolve("sluice-core/src/main/java/dev/sluice/core/Core.java"),
        FileTime.from(Instant.now()));
    launch("--version");

    assertThat(mavenRuns()).hasSize(2);
  }

  @Test
  void a_changed_pom_triggers_a_rebuild() throws IOException {
    launch("--version");
    everythingIsOld();

    Files.setLastModifiedTime(root.resolve("sluice-server/pom.xml"), FileTime.from(Instant.now()));
    launch("--version");

    assertThat(mavenRuns()).hasSize(2);
  }

  @Test
  void a_deleted_source_file_triggers_a_rebuild() throws IOException {
    launch("--version");
    everythingIsOld();

    Files.delete(root.resolve("sluice-server/src/main/java/dev/sluice/server/Server.java"));
    launch("--version");

    assertThat(mavenRuns()).hasSize(2);
  }

  @Test
  void a_missing_jar_triggers_a_rebuild() throws IOException {
    launch("--version");
    everythingIsOld();

    Files.delete(root.resolve("sluice-server/target/sluice-server.jar"));
    launch("--version");

    assertThat(mavenRuns()).hasSize(2);
  }

  @Test
  void an_offline_build_that_lacks_dependencies_is_retried_online() throws IOException {
    environment.put("FAKE_MVN_MODE", "offline-missing");

    Result result = launch("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(mavenRuns())
        .containsExactly(
            "-o -q -B -Dmaven.test.skip=true -pl sluice-server -am package",
            "-q -B -Dmaven.test.skip=true -pl sluice-server -am package");
    assertThat(result.stdout()).contains("sluice-server.jar --version");
  }

  @Test
  void a_failing_build_shows_mavens_output_exits_1_and_is_tried_again_next_time()
      throws IOException {
    environment.put("FAKE_MVN_MODE", "broken");

    Result result = launch("server");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("COMPILATION ERROR").contains("the build failed");
    assertThat(result.stdout()).isEmpty();
    assertThat(mavenRuns()).hasSize(1);

    environment.remove("FAKE_MVN_MODE");
    assertThat(launch("server").exitCode()).isZero();
    assertThat(mavenRuns()).hasSize(2);
  }

  @Test
  void java_options_come_from_sluice_java_opts() {
    environment.put("SLUICE_JAVA_OPTS", "-Xmx64m -Dsome.flag=1");

    Result result = launch("--version");

    assertThat(result.stdout()).startsWith("java -Xmx64m -Dsome.flag=1 -jar ");
  }

  @Test
  void a_classpath_in_sluice_classpath_runs_without_building() throws IOException {
    environment.put("SLUICE_CLASSPATH", "/some/classes");

    Result result = launch("--help");

    assertThat(result.stdout())
        .isEqualTo("java -cp /some/classes dev.sluice.server.cli.SluiceCommand --help\n");
    assertThat(mavenRuns()).isEmpty();
  }

  private Result launch(String... args) {
    return LauncherScript.run(root.resolve("sluice"), environment, args);
  }

  private List<String> mavenRuns() throws IOException {
    return Files.exists(mvnLog) ? Files.readAllLines(mvnLog) : List.of();
  }

  /** Every file and folder (and the build stamp) dated in the past, the stamp after the sources. */
  private void everythingIsOld() throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path path : (Iterable<Path>) all::iterator) {
        Files.setLastModifiedTime(path, FileTime.from(LONG_AGO));
      }
    }
    Path stamp = root.resolve("sluice-server/target/.sluice-build-stamp");
    if (Files.exists(stamp)) {
      Files.setLastModifiedTime(stamp, FileTime.from(LONG_AGO.plus(Duration.ofHours(1))));
    }
  }

  private void write(String relative, String content) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static void executable(Path file, String content) throws IOException {
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
