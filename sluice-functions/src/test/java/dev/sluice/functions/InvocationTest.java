package dev.sluice.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.time.SystemTimeSource;
import dev.sluice.functions.InvokeRequest.InvocationType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invocations in real runtime processes (python3 on the PATH, /bin/sh for provided). */
class InvocationTest {

  static final String HANDLER = """
      import json, os, sys, time
      counter = 0

      def handler(event, context):
          global counter
          counter += 1
          action = event.get("action")
          print("handling", action, flush=True)
          if action == "fail":
              raise ValueError("bad input: " + str(event.get("value")))
          if action == "sleep":
              time.sleep(event["seconds"])
          if action == "exit":
              os._exit(3)
          return {
              "counter": counter,
              "request_id": context.aws_request_id,
              "function_name": context.function_name,
              "version": context.function_version,
              "arn": context.invoked_function_arn,
              "memory": context.memory_limit_in_mb,
              "remaining": context.get_remaining_time_in_millis(),
              "log_group": context.log_group_name,
              "log_stream": context.log_stream_name,
              "client": context.client_context,
              "env": {k: os.environ.get(k) for k in ["AWS_REGION", "TZ", "AWS_ENDPOINT_URL",
                      "TMPDIR", "GREETING", "AWS_LAMBDA_RUNTIME_API", "AWS_ACCESS_KEY_ID"]},
              "event": event,
          }
      """;

  @TempDir Path dataDir;
  SystemTimeSource time;
  FunctionService functions;

  @BeforeEach
  void open() {
    time = new SystemTimeSource();
    functions = FunctionService.open(FunctionSettings.of(dataDir, "000000000000", "us-east-1",
        "http://127.0.0.1:4566"), time);
    functions.create(new CreateFunctionRequest("worker", FunctionRegistryTest.RUNTIME,
        "handler.handler", FunctionRegistryTest.ROLE, 2, 256, Map.of("GREETING", "hi"), null,
        null, null, null, Zips.python(HANDLER)));
  }

  @AfterEach
  void close() {
    functions.close();
    time.close();
  }

  InvokeOutcome invoke(String payload) {
    return invoke(payload, false, null);
  }

  InvokeOutcome invoke(String payload, boolean tail, String clientContext) {
    try {
      return functions.invoke(new InvokeRequest("worker", null, InvocationType.REQUEST_RESPONSE,
          payload.getBytes(StandardCharsets.UTF_8), tail, clientContext))
          .get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void the_handler_gets_the_event_the_context_and_aws_environment() {
    String context = Base64.getEncoder().encodeToString("{\"custom\":{\"k\":\"v\"}}".getBytes());
    InvokeOutcome outcome = invoke("{\"action\":\"echo\",\"n\":1}", false, context);

    String result = text(outcome.payload());
    assertThat(outcome.statusCode()).isEqualTo(200);
    assertThat(outcome.functionError()).isNull();
    assertThat(result)
        .contains("\"function_name\": \"worker\"", "\"version\": \"$LATEST\"",
            "\"arn\": \"arn:aws:lambda:us-east-1:000000000000:function:worker\"",
            "\"memory\": \"256\"", "\"log_group\": \"/aws/lambda/worker\"",
            "\"AWS_REGION\": \"us-east-1\"", "\"TZ\": \":UTC\"",
            "\"AWS_ENDPOINT_URL\": \"http://127.0.0.1:4566\"", "\"GREETING\": \"hi\"",
            "\"AWS_LAMBDA_RUNTIME_API\": \"127.0.0.1:", "\"client\": {\"custom\": {\"k\": \"v\"}}",
            "\"event\": {\"action\": \"echo\", \"n\": 1}")
        .containsPattern("\"log_stream\": \"\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST\\][0-9a-f]{32}\"")
        .containsPattern("\"remaining\": (2000|1\\d{3}|[1-9]\\d{2})[,}]");
  }

  @Test
  void a_warm_environment_is_reused_and_keeps_module_state() {
    invoke("{}");
    invoke("{}");
    InvokeOutcome third = invoke("{}");

    assertThat(text(third.payload())).contains("\"counter\": 3");
    assertThat(functions.environmentCount("worker")).isEqualTo(1);
  }

  @Test
  void running_code_leaves_the_shared_code_folder_as_unpacked() throws Exception {
    invoke("{}");

    try (var files = java.nio.file.Files.walk(dataDir.resolve("functions/code/worker"))) {
      assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("__pycache__");
    }
  }

  @Test
  void concurrent_invocations_each_get_their_own_environment() {
    var first = functions.invoke(new InvokeRequest("worker", null,
        InvocationType.REQUEST_RESPONSE, "{\"action\":\"sleep\",\"seconds\":0.5}".getBytes(),
        false, null));
    var second = functions.invoke(new InvokeRequest("worker", null,
        InvocationType.REQUEST_RESPONSE, "{\"action\":\"sleep\",\"seconds\":0.5}".getBytes(),
        false, null));

    assertThat(text(first.join().payload())).contains("\"counter\": 1");
    assertThat(text(second.join().payload())).contains("\"counter\": 1");
    assertThat(functions.environmentCount("worker")).isEqualTo(2);
  }

  @Test
  void a_handler_exception_comes_back_in_aws_error_shape() {
    InvokeOutcome outcome = invoke("{\"action\":\"fail\",\"value\":7}");

    assertThat(outcome.statusCode()).isEqualTo(200);
    assertThat(outcome.functionError()).isEqualTo("Unhandled");
    assertThat(text(outcome.payload()))
        .contains("\"errorMessage\": \"bad input: 7\"", "\"errorType\": \"ValueError\"",
            "\"stackTrace\": [", "handler.py");
    assertThat(text(invoke("{}").payload())).as("the environment survives")
        .contains("\"counter\": 2");
  }

  @Test
  void a_timeout_ends_the_environment_with_aws_message() {
    InvokeOutcome outcome = invoke("{\"action\":\"sleep\",\"seconds\":30}");

    assertThat(outcome.functionError()).isEqualTo("Unhandled");
    assertThat(text(outcome.payload())).contains("\"errorType\":\"Sandbox.Timedout\"")
        .contains("Task timed out after 2.00 seconds");
    assertThat(text(invoke("{}").payload())).as("a fresh environment")
        .contains("\"counter\": 1");
  }

  @Test
  void a_crash_is_reported_as_runtime_exit_error() {
    InvokeOutcome outcome = invoke("{\"action\":\"exit\"}");

    assertThat(outcome.functionError()).isEqualTo("Unhandled");
    assertThat(text(outcome.payload())).contains("\"errorType\":\"Runtime.ExitError\"")
        .contains("Runtime exited with error: exit status 3");
    assertThat(text(invoke("{}").payload())).contains("\"counter\": 1");
  }

  @Test
  void tail_returns_the_invocation_log_framed_as_aws_frames_it() {
    InvokeOutcome outcome = invoke("{\"action\":\"hello\"}", true, null);

    String log = text(outcome.logTail());
    assertThat(log).startsWith("START RequestId: ").contains("Version: $LATEST")
        .contains("handling hello\n").contains("\nEND RequestId: ")
        .containsPattern("REPORT RequestId: [-0-9a-f]+\tDuration: [0-9.]+ ms\tBilled Duration:"
            + " \\d+ ms\tMemory Size: 256 MB\tMax Memory Used: \\d+ MB\tInit Duration: [0-9.]+ ms");
  }

  @Test
  void the_tail_is_the_last_4_kb() {
    String big = "x".repeat(10_000);
    InvokeOutcome outcome = invoke("{\"action\":\"" + big + "\"}", true, null);

    assertThat(outcome.logTail()).hasSize(4096);
    assertThat(text(outcome.logTail())).contains("REPORT RequestId:");
  }

  @Test
  void a_configuration_change_replaces_the_environment() {
    invoke("{}");
    functions.updateConfiguration("worker", new ConfigurationUpdate(null, null, null, null, null,
        Map.of("GREETING", "hello"), null, null));

    String result = text(invoke("{}").payload());

    assertThat(result).contains("\"counter\": 1", "\"GREETING\": \"hello\"");
    assertThat(functions.environmentCount("worker")).isEqualTo(1);
  }

  @Test
  void an_import_error_answers_the_invocation_and_no_environment_stays() {
    functions.create(new CreateFunctionRequest("broken", FunctionRegistryTest.RUNTIME,
        "handler.handler", FunctionRegistryTest.ROLE, null, null, null, null, null, null, null,
        Zips.python("raise Exception('Runtime startup fails')\n")));

    InvokeOutcome outcome = functions.invoke(new InvokeRequest("broken", null,
        InvocationType.REQUEST_RESPONSE, "{}".getBytes(), false, null)).join();

    assertThat(outcome.functionError()).isEqualTo("Unhandled");
    assertThat(text(outcome.payload())).contains("\"errorMessage\": \"Runtime startup fails\"",
        "\"errorType\": \"Exception\"");
  }

  @Test
  void a_provided_runtime_runs_the_package_bootstrap() {
    String bootstrap = """
        #!/bin/sh
        API="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
        while true; do
          HEADERS=$(mktemp)
          EVENT=$(curl -sS -D "$HEADERS" "$API/invocation/next")
          ID=$(grep -i Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '\\r' | cut -d' ' -f2)
          curl -sS -X POST "$API/invocation/$ID/response" -d "{\\"echo\\":$EVENT}" > /dev/null
        done
        """;
    functions.create(new CreateFunctionRequest("shell", "provided.al2023", null,
        FunctionRegistryTest.ROLE, null, null, null, null, null, null, null,
        Zips.builder().file("bootstrap", bootstrap, 0755).build()));

    InvokeOutcome outcome = functions.invoke(new InvokeRequest("shell", null,
        InvocationType.REQUEST_RESPONSE, "{\"a\":1}".getBytes(), false, null)).join();

    assertThat(text(outcome.payload())).isEqualTo("{\"echo\":{\"a\":1}}");
  }

  @Test
  void dry_run_checks_and_runs_nothing() {
    InvokeOutcome outcome = functions.invoke(new InvokeRequest("worker", null,
        InvocationType.DRY_RUN, new byte[0], false, null)).join();

    assertThat(outcome.statusCode()).isEqualTo(204);
    assertThat(functions.environmentCount("worker")).isZero();
  }

  @Test
  void a_payload_over_6_mb_is_too_large() {
    byte[] payload = new byte[6 * 1024 * 1024 + 1];

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> functions.invoke(new InvokeRequest(
        "worker", null, InvocationType.REQUEST_RESPONSE, payload, false, null)))
        .isInstanceOfSatisfying(FunctionException.class, e -> {
          assertThat(e.error()).isEqualTo(LambdaError.REQUEST_TOO_LARGE);
          assertThat(e.getMessage()).isEqualTo(
              "Request must be smaller than 6291456 bytes for the InvokeFunction operation");
        });
  }
}
