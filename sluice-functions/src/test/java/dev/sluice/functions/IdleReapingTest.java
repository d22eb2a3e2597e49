package dev.sluice.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.functions.InvokeRequest.InvocationType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdleReapingTest {

  @TempDir Path dataDir;
  ManualTimeSource time = new ManualTimeSource(1_000_000L);
  FunctionService functions;

  @BeforeEach
  void open() {
    functions = FunctionService.open(FunctionSettings.of(dataDir, "000000000000", "us-east-1",
        "http://127.0.0.1:1").withIdleTimeout(Duration.ofMinutes(5)), time);
    functions.create(FunctionRegistryTest.request("idle", Zips.python(
        "def handler(e, c):\n    return 'ok'\n")));
  }

  @AfterEach
  void close() {
    functions.close();
  }

  void invoke() throws Exception {
    functions.invoke(new InvokeRequest("idle", null, InvocationType.REQUEST_RESPONSE,
        "{}".getBytes(), false, null)).get(20, TimeUnit.SECONDS);
  }

  @Test
  void an_environment_idle_past_the_timeout_is_reaped_on_the_clock() throws Exception {
    invoke();
    time.advance(Duration.ofMinutes(4));
    assertThat(functions.environmentCount("idle")).isEqualTo(1);

    time.advance(Duration.ofMinutes(2));

    assertThat(functions.environmentCount("idle")).isZero();
  }

  @Test
  void use_keeps_an_environment_warm() throws Exception {
    invoke();
    time.advance(Duration.ofMinutes(4));
    invoke();
    time.advance(Duration.ofMinutes(4));

    assertThat(functions.environmentCount("idle")).isEqualTo(1);
  }

  @Test
  void deleting_a_function_ends_its_environments() throws Exception {
    invoke();

    functions.delete("idle", null);

    assertThat(functions.environmentCount("idle")).isZero();
    assertThat(dataDir.resolve("functions/environments")).isEmptyDirectory();
  }
}
