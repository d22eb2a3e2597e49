package dev.sluice.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.time.SystemTimeSource;
import dev.sluice.functions.InvokeRequest.InvocationType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MemorySize limits Python and Node processes (their address space) and REPORT tells the peak. */
class MemoryLimitTest {

  static final String PYTHON = """
      def handler(event, context):
          block = bytearray(event["mb"] * 1024 * 1024)
          for i in range(0, len(block), 4096):
              block[i] = 1
          return len(block)
      """;

  static final String NODE = """
      exports.handler = async (event) => {
        const blocks = [];
        for (let i = 0; i < event.mb; i++) {
          blocks.push(Buffer.alloc(1024 * 1024, 1));
        }
        return blocks.length;
      };
      """;

  static final Pattern MAX_MEMORY_USED = Pattern.compile("Max Memory Used: (\\d+) MB");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;
  static SystemTimeSource time;
  static FunctionService functions;

  @BeforeAll
  static void deploy() {
    time = new SystemTimeSource();
    functions = FunctionService.open(FunctionSettings.of(dataDir, "000000000000", "us-east-1",
        "http://127.0.0.1:4566"), time);
    functions.create(new CreateFunctionRequest("py", Python.runtime(), "handler.handler",
        FunctionRegistryTest.ROLE, 30, 128, Map.of(), null, null, null, null,
        Zips.python(PYTHON)));
    functions.create(new CreateFunctionRequest("node", "nodejs20.x", "index.handler",
        FunctionRegistryTest.ROLE, 30, 128, Map.of(), null, null, null, null,
        Zips.builder().file("index.js", NODE, 0644).build()));
  }

  @AfterAll
  static void close() {
    functions.close();
    time.close();
  }

  static InvokeOutcome invoke(String name, int mb) {
    try {
      return functions.invoke(new InvokeRequest(name, null, InvocationType.REQUEST_RESPONSE,
          ("{\"mb\":" + mb + "}").getBytes(StandardCharsets.UTF_8), true, null))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static long maxMemoryUsedMb(InvokeOutcome outcome) {
    Matcher matcher = MAX_MEMORY_USED.matcher(new String(outcome.logTail(),
        StandardCharsets.UTF_8));
    assertThat(matcher.find()).as("a REPORT line").isTrue();
    return Long.parseLong(matcher.group(1));
  }

  @Test
  void max_memory_used_is_the_peak_resident_memory_of_the_process() {
    InvokeOutcome outcome = invoke("py", 60);

    assertThat(outcome.functionError()).isNull();
    assertThat(maxMemoryUsedMb(outcome)).isBetween(60L, 128L);
  }

  @Test
  void a_python_function_allocating_far_past_its_memory_gets_a_memory_error() throws Exception {
    InvokeOutcome outcome = invoke("py", 600);

    assertThat(outcome.functionError()).isEqualTo("Unhandled");
    JsonNode error = JSON.readTree(outcome.payload());
    assertThat(error.get("errorType").asText()).isEqualTo("MemoryError");
  }

  @Test
  void a_node_function_allocating_far_past_its_memory_ends_out_of_memory() throws Exception {
    InvokeOutcome outcome = invoke("node", 2000);

    assertThat(outcome.functionError()).isEqualTo("Unhandled");
    JsonNode error = JSON.readTree(outcome.payload());
    assertThat(error.get("errorType").asText()).isEqualTo("Runtime.OutOfMemory");
    assertThat(error.get("errorMessage").asText()).matches(
        "RequestId: [-0-9a-f]+ Error: Runtime exited with error: signal: aborted");
    assertThat(text(invoke("node", 10).payload())).isEqualTo("10"); // a fresh environment
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
