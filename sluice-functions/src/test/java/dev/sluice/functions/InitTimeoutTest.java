package dev.sluice.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.time.SystemTimeSource;
import dev.sluice.functions.InvokeRequest.InvocationType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slow init: AWS gives init its own limit (10 s; 1 s here), then lets a slower init finish
 * within the first invocation under the function's timeout (2 s here). Real processes and real
 * time, since the runtime's import is what is slow.
 */
class InitTimeoutTest {

  @TempDir Path dataDir;
  SystemTimeSource time = new SystemTimeSource();
  FunctionService functions;

  @BeforeEach
  void open() {
    functions = FunctionService.open(new FunctionSettings(dataDir, "000000000000", "us-east-1",
        "http://127.0.0.1:1", Duration.ofMinutes(5), Duration.ofSeconds(1)), time);
  }

  @AfterEach
  void close() {
    functions.close();
    time.close();
  }

  void deploy(String name, double importSeconds) {
    String handler = "import time\ntime.sleep(" + importSeconds + ")\n\n"
        + "def handler(event, context):\n    return 'ready'\n";
    functions.create(new CreateFunctionRequest(name, FunctionRegistryTest.RUNTIME,
        "handler.handler", FunctionRegistryTest.ROLE, 2, 128, Map.of(), null, null, null, null,
        Zips.python(handler)));
  }

  InvokeOutcome invoke(String name) throws Exception {
    return functions.invoke(new InvokeRequest(name, null, InvocationType.REQUEST_RESPONSE,
        "{}".getBytes(StandardCharsets.UTF_8), false, null)).get(20, TimeUnit.SECONDS);
  }

  @Test
  void an_init_slower_than_the_init_limit_still_serves_the_first_invocation() throws Exception {
    deploy("slow", 1.5);

    InvokeOutcome outcome = invoke("slow");

    assertThat(outcome.functionError()).isNull();
    assertThat(new String(outcome.payload(), StandardCharsets.UTF_8)).isEqualTo("\"ready\"");
  }

  @Test
  void an_init_slower_than_both_limits_times_out() throws Exception {
    deploy("stuck", 30);

    InvokeOutcome outcome = invoke("stuck");

    assertThat(outcome.functionError()).isEqualTo("Unhandled");
    assertThat(new String(outcome.payload(), StandardCharsets.UTF_8))
        .contains("Sandbox.Timedout", "Runtime init timed out");
  }
}
