package dev.sluice.server.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the scripts in src/test/python (boto3, AWS CLI v1) against a server, in a clean
 * environment: endpoint, dummy or given credentials and region from variables, and no shared AWS
 * config files (a developer's ~/.aws must not change the outcome). Fails with the script's whole
 * output unless it exits 0.
 */
public final class PythonScript {

  private static final Path SCRIPTS = Path.of("src/test/python");
  private static final Duration TIME_LIMIT = Duration.ofSeconds(120);

  private final String script;
  private final Map<String, String> environment = new LinkedHashMap<>();

  private PythonScript(String script) {
    this.script = script;
  }

  public static PythonScript named(String script) {
    return new PythonScript(script);
  }

  public PythonScript against(URI endpoint) {
    environment.put("AWS_ENDPOINT_URL", endpoint.toString());
    return this;
  }

  public PythonScript credentials(String accessKey, String secretKey) {
    environment.put("AWS_ACCESS_KEY_ID", accessKey);
    environment.put("AWS_SECRET_ACCESS_KEY", secretKey);
    return this;
  }

  /** Sets a variable in the script's environment (say, which phase of a test to run). */
  public PythonScript environment(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Runs the script; returns its output after asserting it exited 0. */
  public String runsSuccessfully() {
    Path scratch = TestServer.TempDirs.create("sluice-python-");
    try {
      Path output = scratch.resolve("output.txt");
      ProcessBuilder builder = new ProcessBuilder("python3", "-u", script)
          .directory(SCRIPTS.toFile())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile());
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(k -> k.startsWith("AWS_"));
      env.put("AWS_ACCESS_KEY_ID", SdkClients.DUMMY_ACCESS_KEY);
      env.put("AWS_SECRET_ACCESS_KEY", SdkClients.DUMMY_SECRET_KEY);
      env.put("AWS_DEFAULT_REGION", SdkClients.REGION);
      env.put("AWS_CONFIG_FILE", scratch.resolve("no-config").toString());
      env.put("AWS_SHARED_CREDENTIALS_FILE", scratch.resolve("no-credentials").toString());
      env.put("AWS_EC2_METADATA_DISABLED", "true");
      env.put("SLUICE_AWS_REFERENCE", AwsRecordings.folder().toString());
      env.put("PYTHONDONTWRITEBYTECODE", "1");
      env.putAll(environment);

      Process process = builder.start();
      boolean finished = process.waitFor(TIME_LIMIT.toSeconds(), TimeUnit.SECONDS);
      if (!finished) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      assertThat(finished).as("%s finished within %s; output:%n%s", script, TIME_LIMIT, text)
          .isTrue();
      assertThat(process.exitValue()).as("exit code of %s; output:%n%s", script, text)
          .isZero();
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run python3 " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      TestServer.TempDirs.delete(scratch);
    }
  }
}
