package dev.sluice.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.time.SystemTimeSource;
import dev.sluice.functions.InvokeRequest.InvocationType;
import dev.sluice.functions.logs.EventsPage;
import dev.sluice.functions.logs.LogEvent;
import dev.sluice.functions.logs.LogStreamInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node.js functions in real node processes (the tests need node 18 or later on the PATH). */
class NodeRuntimeTest {

  static final String COMMON_JS = """
      let counter = 0;
      exports.handler = async (event, context) => {
        counter++;
        console.log("handling", JSON.stringify(event));
        if (event.fail) {
          throw new TypeError("cannot handle " + event.fail);
        }
        if (event.throwString) {
          throw "plain string";
        }
        return {
          counter,
          requestId: context.awsRequestId,
          functionName: context.functionName,
          version: context.functionVersion,
          arn: context.invokedFunctionArn,
          memory: context.memoryLimitInMB,
          remaining: context.getRemainingTimeInMillis(),
          logGroup: context.logGroupName,
          logStream: context.logStreamName,
          waits: context.callbackWaitsForEmptyEventLoop,
          region: process.env.AWS_REGION,
        };
      };
      """;

  static final String ES_MODULE = """
      import { basename } from "node:path";
      export const handler = async (event) => ({ esm: true, file: basename(import.meta.url),
        echo: event });
      """;

  static final String CALLBACK = """
      const state = { later: false };
      exports.handler = (event, context, callback) => {
        if (event.noWait) {
          context.callbackWaitsForEmptyEventLoop = false;
        }
        setTimeout(() => { state.later = true; }, 200);
        callback(null, { calledBack: true, laterAtCallback: state.later });
      };
      exports.check = (event, context, callback) => callback(null, state);
      exports.fails = (event, context, callback) => callback(new Error("callback failure"));
      """;

  @TempDir Path dataDir;
  SystemTimeSource time;
  FunctionService functions;

  @BeforeEach
  void open() {
    time = new SystemTimeSource();
    functions = FunctionService.open(FunctionSettings.of(dataDir, "000000000000", "us-east-1",
        "http://127.0.0.1:4566"), time);
  }

  @AfterEach
  void close() {
    functions.close();
    time.close();
  }

  void create(String name, String runtime, String handler, byte[] zip) {
    functions.create(new CreateFunctionRequest(name, runtime, handler,
        FunctionRegistryTest.ROLE, 3, 128, Map.of(), null, null, null, null, zip));
  }

  InvokeOutcome invoke(String name, String payload) {
    return invoke(name, payload, false);
  }

  InvokeOutcome invoke(String name, String payload, boolean tail) {
    try {
      return functions.invoke(new InvokeRequest(name, null, InvocationType.REQUEST_RESPONSE,
          payload.getBytes(StandardCharsets.UTF_8), tail, null)).get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void a_common_js_async_handler_gets_the_event_and_aws_context() {
    create("cjs", "nodejs20.x", "index.handler",
        Zips.builder().file("index.js", COMMON_JS, 0644).build());

    invoke("cjs", "{}");
    String result = text(invoke("cjs", "{\"n\":1}").payload());

    assertThat(result).contains("\"counter\":2", "\"functionName\":\"cjs\"",
        "\"version\":\"$LATEST\"", "\"arn\":\"arn:aws:lambda:us-east-1:000000000000:function:cjs\"",
        "\"memory\":\"128\"", "\"logGroup\":\"/aws/lambda/cjs\"", "\"waits\":true",
        "\"region\":\"us-east-1\"")
        .containsPattern("\"logStream\":\"\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST\\][0-9a-f]{32}\"")
        // Up to the whole 3 s timeout: a fast handler may read it within the same millisecond.
        .containsPattern("\"remaining\":([12]\\d{3}|3000)[,}]");
  }

  @Test
  void es_modules_load_from_mjs_and_from_js_under_a_module_package() {
    create("mjs", "nodejs22.x", "app.handler",
        Zips.builder().file("app.mjs", ES_MODULE, 0644).build());
    create("typed", "nodejs18.x", "src/app.handler", Zips.builder()
        .file("package.json", "{\"type\":\"module\"}", 0644)
        .file("src/app.js", ES_MODULE, 0644).build());

    assertThat(text(invoke("mjs", "{\"a\":1}").payload()))
        .isEqualTo("{\"esm\":true,\"file\":\"app.mjs\",\"echo\":{\"a\":1}}");
    assertThat(text(invoke("typed", "[2]").payload()))
        .isEqualTo("{\"esm\":true,\"file\":\"app.js\",\"echo\":[2]}");
  }

  @Test
  void a_cjs_file_loads_with_require() {
    create("cjsfile", "nodejs20.x", "lib.handler", Zips.builder()
        .file("package.json", "{\"type\":\"module\"}", 0644)
        .file("lib.cjs", "module.exports = { handler: async () => typeof require };", 0644)
        .build());

    assertThat(text(invoke("cjsfile", "{}").payload())).isEqualTo("\"function\"");
  }

  @Test
  void a_callback_answer_waits_for_the_empty_event_loop_unless_told_not_to() {
    create("cb", "nodejs20.x", "index.handler",
        Zips.builder().file("index.js", CALLBACK, 0644).build());
    create("cbcheck", "nodejs20.x", "index.check",
        Zips.builder().file("index.js", CALLBACK, 0644).build());

    long start = System.nanoTime();
    assertThat(text(invoke("cb", "{}").payload()))
        .isEqualTo("{\"calledBack\":true,\"laterAtCallback\":false}");
    assertThat(System.nanoTime() - start).as("the 200 ms timer ran first")
        .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(190));
    start = System.nanoTime();
    invoke("cb", "{\"noWait\":true}");
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(190));
  }

  @Test
  void errors_come_back_in_aws_node_shape() {
    create("cjs", "nodejs20.x", "index.handler",
        Zips.builder().file("index.js", COMMON_JS, 0644).build());
    create("cbfail", "nodejs20.x", "index.fails",
        Zips.builder().file("index.js", CALLBACK, 0644).build());

    InvokeOutcome thrown = invoke("cjs", "{\"fail\":\"x\"}");
    InvokeOutcome string = invoke("cjs", "{\"throwString\":true}");
    InvokeOutcome calledBack = invoke("cbfail", "{}");

    assertThat(thrown.functionError()).isEqualTo("Unhandled");
    assertThat(text(thrown.payload())).startsWith(
        "{\"errorType\":\"TypeError\",\"errorMessage\":\"cannot handle x\",\"trace\":"
            + "[\"TypeError: cannot handle x\",").contains("index.js");
    assertThat(text(string.payload()))
        .startsWith("{\"errorType\":\"string\",\"errorMessage\":\"plain string\"");
    assertThat(text(calledBack.payload()))
        .startsWith("{\"errorType\":\"Error\",\"errorMessage\":\"callback failure\"");
    assertThat(text(invoke("cjs", "{}").payload())).as("the environment survives")
        .contains("\"counter\":3");
  }

  @Test
  void a_missing_module_or_handler_fails_init_as_aws_does() {
    create("nomodule", "nodejs20.x", "missing.handler",
        Zips.builder().file("index.js", COMMON_JS, 0644).build());
    create("nohandler", "nodejs20.x", "index.absent",
        Zips.builder().file("index.js", COMMON_JS, 0644).build());

    InvokeOutcome noModule = invoke("nomodule", "{}");
    InvokeOutcome noHandler = invoke("nohandler", "{}");

    assertThat(noModule.functionError()).isEqualTo("Unhandled");
    assertThat(text(noModule.payload())).contains("\"errorType\":\"Runtime.ImportModuleError\"",
        "Cannot find module 'missing'");
    assertThat(text(noHandler.payload())).contains("\"errorType\":\"Runtime.HandlerNotFound\"",
        "index.absent is undefined or not exported");
  }

  @Test
  void console_output_is_in_the_tail_and_in_the_function_log_group() {
    create("cjs", "nodejs20.x", "index.handler",
        Zips.builder().file("index.js", COMMON_JS, 0644).build());

    InvokeOutcome outcome = invoke("cjs", "{\"hello\":\"world\"}", true);

    assertThat(text(outcome.logTail())).startsWith("START RequestId: ")
        .containsPattern("\\dZ\t[-0-9a-f]{36}\tINFO\thandling \\{\"hello\":\"world\"\\}\n")
        .contains("END RequestId: ", "REPORT RequestId: ");
    List<LogStreamInfo> streams = functions.logs()
        .describeLogStreams("/aws/lambda/cjs", null, null, false, null, null).items();
    assertThat(streams).hasSize(1);
    EventsPage page = functions.logs().getLogEvents("/aws/lambda/cjs", streams.get(0).name(),
        null, null, null, null, true);
    List<String> messages = page.events().stream().map(LogEvent::message).toList();
    assertThat(messages.get(0)).startsWith("START RequestId: ");
    assertThat(messages).anyMatch(m -> m.endsWith("INFO\thandling {\"hello\":\"world\"}"));
    assertThat(messages.get(messages.size() - 1)).startsWith("REPORT RequestId: ");
  }

  @Test
  void only_node_runtimes_sluice_runs_are_accepted() {
    assertThatThrownBy(() -> create("old", "nodejs16.x", "index.handler",
        Zips.builder().file("index.js", COMMON_JS, 0644).build()))
        .isInstanceOf(FunctionException.class)
        .hasMessageContaining("The runtime nodejs16.x is not supported by this version of Sluice");
  }
}
