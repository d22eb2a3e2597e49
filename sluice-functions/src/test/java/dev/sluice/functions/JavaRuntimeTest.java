package dev.sluice.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.time.SystemTimeSource;
import dev.sluice.functions.InvokeRequest.InvocationType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java functions in real JVMs run by AWS's Runtime Interface Client. JVM cold starts are slow: the
 * functions are created once and their environments shared by the tests.
 */
class JavaRuntimeTest {

  static final String ORDERS = """
      package shop;

      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;

      public class Orders implements RequestHandler<Orders.Order, Orders.Receipt> {
        private static int invocations;

        public static class Order {
          private String item;
          private int quantity;
          public String getItem() { return item; }
          public void setItem(String item) { this.item = item; }
          public int getQuantity() { return quantity; }
          public void setQuantity(int quantity) { this.quantity = quantity; }
        }

        public static class Receipt {
          private String summary;
          private int invocation;
          private String function;
          private int memory;
          private long maxHeapMb;
          private String toolOption;
          public String getSummary() { return summary; }
          public void setSummary(String summary) { this.summary = summary; }
          public int getInvocation() { return invocation; }
          public void setInvocation(int invocation) { this.invocation = invocation; }
          public String getFunction() { return function; }
          public void setFunction(String function) { this.function = function; }
          public int getMemory() { return memory; }
          public void setMemory(int memory) { this.memory = memory; }
          public long getMaxHeapMb() { return maxHeapMb; }
          public void setMaxHeapMb(long maxHeapMb) { this.maxHeapMb = maxHeapMb; }
          public String getToolOption() { return toolOption; }
          public void setToolOption(String toolOption) { this.toolOption = toolOption; }
        }

        @Override
        public Receipt handleRequest(Order order, Context context) {
          context.getLogger().log("ordering " + order.getItem());
          Receipt receipt = new Receipt();
          receipt.setSummary(order.getQuantity() + " x " + order.getItem());
          receipt.setInvocation(++invocations);
          receipt.setFunction(context.getFunctionName());
          receipt.setMemory(context.getMemoryLimitInMB());
          receipt.setMaxHeapMb(Runtime.getRuntime().maxMemory() / (1024 * 1024));
          receipt.setToolOption(System.getProperty("sluice.test.option"));
          return receipt;
        }
      }
      """;

  static final String STREAMS = """
      package shop;

      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
      import java.io.IOException;
      import java.io.InputStream;
      import java.io.OutputStream;
      import java.nio.charset.StandardCharsets;

      public class Streams implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context)
            throws IOException {
          String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          out.write(text.toUpperCase().getBytes(StandardCharsets.UTF_8));
        }
      }
      """;

  static final String FAILURES = """
      package shop;

      import java.util.ArrayList;
      import java.util.List;
      import java.util.Map;

      public class Failures {
        public String reject(Map<String, Object> event) {
          if (event.containsKey("hog")) {
            List<long[]> hog = new ArrayList<>();
            while (true) {
              hog.add(new long[1024 * 1024]);
            }
          }
          throw new IllegalStateException("cannot accept " + event.get("item"));
        }
      }
      """;

  static final String PLAIN = """
      package shop;

      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;
      import java.util.Map;

      public class Plain implements RequestHandler<Map<String, Object>, String> {
        public Integer twice(Integer number) {
          return number * 2;
        }

        @Override
        public String handleRequest(Map<String, Object> event, Context context) {
          return "keys " + new java.util.TreeSet<>(event.keySet());
        }
      }
      """;

  static final String QUEUE = """
      package shop;

      import com.amazonaws.services.lambda.runtime.Context;
      import com.amazonaws.services.lambda.runtime.RequestHandler;
      import com.amazonaws.services.lambda.runtime.events.SQSEvent;
      import java.util.stream.Collectors;

      public class Queue implements RequestHandler<SQSEvent, String> {
        @Override
        public String handleRequest(SQSEvent event, Context context) {
          return event.getRecords().stream()
              .map(r -> r.getMessageId() + "=" + r.getBody() + "@" + r.getEventSource())
              .collect(Collectors.joining(","));
        }
      }
      """;

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;
  static SystemTimeSource time;
  static FunctionService functions;

  @BeforeAll
  static void deploy(@TempDir Path work) {
    time = new SystemTimeSource();
    functions = FunctionService.open(FunctionSettings.of(dataDir, "000000000000", "us-east-1",
        "http://127.0.0.1:4566"), time);
    Map<String, byte[]> classes = JavaHandlers.compile(work, Map.of("shop.Orders", ORDERS,
        "shop.Streams", STREAMS, "shop.Failures", FAILURES, "shop.Plain", PLAIN,
        "shop.Queue", QUEUE));
    byte[] zip = JavaHandlers.zip(classes, JavaHandlers.eventLibraries());
    byte[] jar = JavaHandlers.jar(classes);
    create("orders", "java17", "shop.Orders::handleRequest", 256,
        Map.of("JAVA_TOOL_OPTIONS", "-Dsluice.test.option=honoured"), zip);
    create("streams", "java17", "shop.Streams", 128, Map.of(), jar);
    create("failures", "java11", "shop.Failures::reject", 128, Map.of(), jar);
    create("plain", "java17", "shop.Plain::twice", 128, Map.of(), jar);
    create("plain-class", "java8.al2", "shop.Plain", 128, Map.of(), jar);
    create("queue", "java17", "shop.Queue::handleRequest", 128, Map.of(), zip);
    create("missing", "java17", "shop.Missing::handleRequest", 128, Map.of(), jar);
  }

  @AfterAll
  static void close() {
    functions.close();
    time.close();
  }

  static void create(String name, String runtime, String handler, int memory,
      Map<String, String> environment, byte[] code) {
    functions.create(new CreateFunctionRequest(name, runtime, handler, FunctionRegistryTest.ROLE,
        30, memory, environment, null, null, null, null, code));
  }

  static InvokeOutcome invoke(String name, String payload) {
    try {
      return functions.invoke(new InvokeRequest(name, null, InvocationType.REQUEST_RESPONSE,
          payload.getBytes(StandardCharsets.UTF_8), true, null)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static JsonNode json(InvokeOutcome outcome) throws Exception {
    return JSON.readTree(outcome.payload());
  }

  @Test
  void a_request_handler_maps_a_pojo_in_and_out_and_keeps_its_statics_while_warm()
      throws Exception {
    InvokeOutcome first = invoke("orders", "{\"item\":\"tea\",\"quantity\":2}");
    InvokeOutcome second = invoke("orders", "{\"item\":\"cake\",\"quantity\":1}");

    assertThat(first.functionError()).isNull();
    JsonNode receipt = json(second);
    assertThat(receipt.get("summary").asText()).isEqualTo("1 x cake");
    assertThat(receipt.get("invocation").asInt()).isEqualTo(json(first).get("invocation").asInt() + 1);
    assertThat(receipt.get("function").asText()).isEqualTo("orders");
    assertThat(receipt.get("memory").asInt()).isEqualTo(256);
    assertThat(text(second.logTail())).contains("ordering cake", "Memory Size: 256 MB");
  }

  @Test
  void the_heap_follows_the_memory_size_and_java_tool_options_reach_the_jvm() throws Exception {
    JsonNode receipt = json(invoke("orders", "{\"item\":\"tea\",\"quantity\":1}"));

    // -Xmx is 85% of 256 MB; the JVM reports a little less (one survivor space).
    assertThat(receipt.get("maxHeapMb").asLong()).isBetween(180L, 218L);
    assertThat(receipt.get("toolOption").asText()).isEqualTo("honoured");
  }

  @Test
  void a_stream_handler_reads_the_raw_payload_and_writes_the_raw_response() {
    InvokeOutcome outcome = invoke("streams", "{\"say\":\"hello\"}");

    assertThat(outcome.functionError()).isNull();
    assertThat(text(outcome.payload())).isEqualTo("{\"SAY\":\"HELLO\"}");
  }

  @Test
  void a_thrown_exception_is_answered_with_aws_error_json() throws Exception {
    InvokeOutcome outcome = invoke("failures", "{\"item\":\"socks\"}");

    assertThat(outcome.functionError()).isEqualTo("Unhandled");
    JsonNode error = json(outcome);
    assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.get("errorMessage").asText()).isEqualTo("cannot accept socks");
    assertThat(error.get("stackTrace").get(0).asText()).startsWith("shop.Failures.reject(");
  }

  @Test
  void a_handler_running_out_of_heap_fails_with_the_out_of_memory_error() throws Exception {
    InvokeOutcome outcome = invoke("failures", "{\"hog\":true}");

    assertThat(outcome.functionError()).isEqualTo("Unhandled");
    assertThat(json(outcome).get("errorType").asText()).isEqualTo("java.lang.OutOfMemoryError");
    // The JVM is not trusted after an OutOfMemoryError: the next invocation gets a fresh one.
    assertThat(json(invoke("failures", "{\"item\":\"hats\"}")).get("errorMessage").asText())
        .isEqualTo("cannot accept hats");
  }

  @Test
  void plain_methods_and_class_names_are_handlers_with_typed_input() {
    assertThat(text(invoke("plain", "21").payload())).isEqualTo("42");
    assertThat(text(invoke("plain-class", "{\"b\":1,\"a\":2}").payload()))
        .isEqualTo("\"keys [a, b]\"");
  }

  @Test
  void an_sqs_event_reaches_the_handler_as_the_events_library_type() {
    String event = """
        {"Records":[{"messageId":"m-1","receiptHandle":"r","body":"hello",
          "attributes":{"ApproximateReceiveCount":"1"},"messageAttributes":{},
          "md5OfBody":"5d41402abc4b2a76b9719d911017c592","eventSource":"aws:sqs",
          "eventSourceARN":"arn:aws:sqs:us-east-1:000000000000:q","awsRegion":"us-east-1"}]}
        """;

    InvokeOutcome outcome = invoke("queue", event);

    assertThat(outcome.functionError()).isNull();
    assertThat(text(outcome.payload())).isEqualTo("\"m-1=hello@aws:sqs\"");
  }

  @Test
  void a_handler_class_that_does_not_exist_fails_the_init_as_on_aws() throws Exception {
    InvokeOutcome outcome = invoke("missing", "{}");

    assertThat(outcome.functionError()).isEqualTo("Unhandled");
    JsonNode error = json(outcome);
    assertThat(error.get("errorType").asText()).isEqualTo("java.lang.ClassNotFoundException");
    assertThat(error.get("errorMessage").asText()).contains("shop.Missing");
  }

  @Test
  void a_java_runtime_newer_than_the_machine_jvm_is_refused_at_create() {
    assumeTrue(Runtime.version().feature() < 21, "this machine's JVM runs java21");

    assertThatThrownBy(() -> create("newer", "java21", "shop.Plain", 128, Map.of(),
        JavaHandlers.jar(Map.of())))
        .isInstanceOf(FunctionException.class)
        .hasMessage("The runtime java21 is not available on this Sluice host: it needs Java 21"
            + " or later and the java on the PATH is Java " + Runtime.version().feature() + ".");
  }

  @Test
  void the_runtime_client_and_its_native_library_are_installed_for_the_function_jvms() {
    Path home = dataDir.resolve("functions").resolve("runtimes").resolve("java");

    assertThat(home.resolve("libaws-lambda-jni.so")).isRegularFile();
    assertThat(List.of("aws-lambda-java-runtime-interface-client.jar",
        "aws-lambda-java-serialization.jar")).allSatisfy(jar ->
        assertThat(home.resolve(jar)).isRegularFile());
  }
}
