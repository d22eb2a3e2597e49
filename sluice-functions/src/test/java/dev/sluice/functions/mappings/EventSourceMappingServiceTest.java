package dev.sluice.functions.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.queue.QueueService;
import dev.sluice.core.queue.engine.InMemoryQueueStore;
import dev.sluice.core.queue.model.MessageAttributeValue;
import dev.sluice.core.queue.model.ReceiveMessageRequest;
import dev.sluice.core.queue.model.SendMessageRequest;
import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.functions.FunctionException;
import dev.sluice.functions.InvokeOutcome;
import dev.sluice.functions.LambdaError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventSourceMappingServiceTest {

  private static final String ACCOUNT = "000000000000";
  private static final String REGION = "us-east-1";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final ManualTimeSource time = new ManualTimeSource();
  private final QueueService queues =
      new QueueService(new InMemoryQueueStore(time), time, ACCOUNT, REGION);
  private final RecordingFunctions functions = new RecordingFunctions();
  private EventSourceMappingService service;

  @AfterEach
  void close() {
    if (service != null) {
      service.close();
    }
    queues.close();
  }

  @Test
  void a_batch_reaches_the_function_in_aws_record_shape_and_is_deleted() throws IOException {
    String arn = createQueue("orders", Map.of());
    service = open();
    MappingView created = service.create(request(arn, 10, null));
    assertThat(created.state()).isEqualTo(MappingState.CREATING);
    assertThat(service.get(created.mapping().uuid()).state()).isEqualTo(MappingState.ENABLED);

    send("orders", "{\"foo\":\"bar\"}", Map.of("Author", MessageAttributeValue.string("J")));

    eventually(() -> functions.batches.size() == 1);
    JsonNode record = JSON.readTree(functions.batches.get(0)).get("Records").get(0);
    assertThat(fieldNames(record)).containsExactly("messageId", "receiptHandle", "body",
        "attributes", "messageAttributes", "md5OfMessageAttributes", "md5OfBody", "eventSource",
        "eventSourceARN", "awsRegion");
    assertThat(fieldNames(record.get("attributes"))).containsExactly("ApproximateReceiveCount",
        "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp");
    assertThat(record.get("body").asText()).isEqualTo("{\"foo\":\"bar\"}");
    assertThat(record.get("eventSource").asText()).isEqualTo("aws:sqs");
    assertThat(record.get("eventSourceARN").asText()).isEqualTo(arn);
    assertThat(record.get("awsRegion").asText()).isEqualTo(REGION);
    assertThat(record.get("messageAttributes").get("Author").toString()).isEqualTo(
        "{\"stringValue\":\"J\",\"stringListValues\":[],\"binaryListValues\":[],"
            + "\"dataType\":\"String\"}");
    eventually(() -> visibleAndHidden("orders") == 0);
  }

  @Test
  void a_failed_batch_reappears_after_the_visibility_timeout_and_ends_in_the_dead_letter_queue() {
    String dlqArn = createQueue("orders-dlq", Map.of());
    String arn = createQueue("orders", Map.of("VisibilityTimeout", "30", "RedrivePolicy",
        "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}"));
    functions.answer = payload -> new InvokeOutcome(200, "{}".getBytes(), "Unhandled", null, null);
    service = open();
    service.create(request(arn, 10, null));

    send("orders", "poison", Map.of());
    eventually(() -> functions.batches.size() == 1);
    time.advance(Duration.ofSeconds(31));
    eventually(() -> functions.batches.size() == 2);
    time.advance(Duration.ofSeconds(31));

    eventually(() -> messagesIn("orders-dlq") == 1);
    assertThat(functions.batches).hasSize(2);
    assertThat(visibleAndHidden("orders")).isZero();
  }

  @Test
  void a_partial_batch_response_deletes_only_the_successes() throws IOException {
    String arn = createQueue("orders", Map.of("VisibilityTimeout", "30"));
    functions.answer = payload -> {
      String failedId = idOfBody(payload, "bad");
      String result = failedId == null ? "{\"batchItemFailures\":[]}"
          : "{\"batchItemFailures\":[{\"itemIdentifier\":\"" + failedId + "\"}]}";
      return new InvokeOutcome(200, result.getBytes(), null, null, null);
    };
    for (String body : List.of("good-1", "bad", "good-2")) {
      send("orders", body, Map.of());
    }
    service = open();
    service.create(new CreateMappingRequest(arn, "worker", 10, null,
        List.of(EventSourceMapping.REPORT_BATCH_ITEM_FAILURES), null, null, null));

    eventually(() -> !functions.batches.isEmpty());
    eventually(() -> visibleAndHidden("orders") == 1);
    time.advance(Duration.ofSeconds(31));
    eventually(() -> functions.batches.size() == 2);
    assertThat(JSON.readTree(functions.batches.get(1)).get("Records")).hasSize(1);
    assertThat(JSON.readTree(functions.batches.get(1)).get("Records").get(0).get("body").asText())
        .isEqualTo("bad");
  }

  @Test
  void a_disabled_mapping_delivers_nothing_until_enabled() {
    String arn = createQueue("orders", Map.of());
    service = open();
    MappingView created = service.create(new CreateMappingRequest(arn, "worker", null, null,
        null, null, null, false));
    assertThat(created.state()).isEqualTo(MappingState.DISABLED);
    send("orders", "hello", Map.of());
    time.advance(Duration.ofSeconds(60));
    assertThat(functions.batches).isEmpty();
    assertThat(messagesIn("orders")).isEqualTo(1);

    MappingView enabled = service.update(created.mapping().uuid(),
        new MappingUpdate(null, null, null, null, false, null, null, true));

    assertThat(enabled.state()).isEqualTo(MappingState.ENABLING);
    eventually(() -> functions.batches.size() == 1);
  }

  @Test
  void disabling_and_deleting_stop_the_poller() {
    String arn = createQueue("orders", Map.of());
    service = open();
    String uuid = service.create(request(arn, 10, null)).mapping().uuid();
    assertThat(service.workers(uuid)).isEqualTo(1);

    MappingView disabled = service.update(uuid,
        new MappingUpdate(null, null, null, null, false, null, null, false));
    assertThat(disabled.state()).isEqualTo(MappingState.DISABLING);
    assertThat(service.workers(uuid)).isZero();
    assertThat(queues.waitingReceives()).isZero();
    send("orders", "hello", Map.of());
    assertThat(functions.batches).isEmpty();

    service.update(uuid, new MappingUpdate(null, null, null, null, false, null, null, true));
    eventually(() -> functions.batches.size() == 1);
    assertThat(service.delete(uuid).state()).isEqualTo(MappingState.DELETING);
    assertThat(service.workers(uuid)).isZero();
    assertThat(queues.waitingReceives()).isZero();
    assertThatThrownBy(() -> service.get(uuid)).isInstanceOfSatisfying(FunctionException.class,
        e -> assertThat(e.error()).isEqualTo(LambdaError.RESOURCE_NOT_FOUND));
  }

  @Test
  void pollers_scale_with_the_backlog_up_to_the_maximum_concurrency() {
    String arn = createQueue("orders", Map.of("VisibilityTimeout", "300"));
    List<CompletableFuture<InvokeOutcome>> running = new CopyOnWriteArrayList<>();
    functions.pending = running;
    for (int i = 0; i < 60; i++) {
      send("orders", "m" + i, Map.of());
    }
    service = open();
    String uuid = service.create(new CreateMappingRequest(arn, "worker", 5, null, null, 3, null, null))
        .mapping().uuid();

    eventually(() -> running.size() == 3);
    assertThat(service.workers(uuid)).isEqualTo(3);
    running.forEach(f -> f.complete(new InvokeOutcome(200, "null".getBytes(), null, null, null)));
    eventually(() -> running.size() == 6);
    assertThat(service.workers(uuid)).isEqualTo(3);
  }

  @Test
  void a_batch_larger_than_ten_waits_for_the_batching_window() throws IOException {
    String arn = createQueue("orders", Map.of());
    for (int i = 0; i < 15; i++) {
      send("orders", "m" + i, Map.of());
    }
    service = open();
    service.create(request(arn, 100, 2));

    eventually(() -> queues.waitingReceives() == 1);
    assertThat(functions.batches).isEmpty();
    time.advance(Duration.ofSeconds(3));

    eventually(() -> functions.batches.size() == 1);
    assertThat(JSON.readTree(functions.batches.get(0)).get("Records")).hasSize(15);
  }

  @Test
  void mappings_survive_a_restart_and_resume_polling() {
    String arn = createQueue("orders", Map.of());
    service = open();
    String uuid = service.create(request(arn, 10, null)).mapping().uuid();
    service.close();

    service = open();
    service.start();
    send("orders", "after restart", Map.of());

    eventually(() -> functions.batches.size() == 1);
    assertThat(service.get(uuid).mapping().eventSourceArn()).isEqualTo(arn);
  }

  @Test
  void changes_are_refused_with_aws_errors() {
    String arn = createQueue("orders", Map.of());
    service = open();
    service.create(request(arn, 10, null));

    assertRefused(() -> service.create(request(arn, 10, null)), LambdaError.RESOURCE_CONFLICT,
        "An event source mapping with SQS arn (\" " + arn + " \") and function (\" worker \")"
            + " already exists. Please update or delete the existing mapping with UUID ");
    assertRefused(() -> service.create(request(queueArn("missing"), 10, null)),
        LambdaError.INVALID_PARAMETER_VALUE, "Error occurred while ReceiveMessage. SQS Error"
            + " Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified"
            + " queue does not exist.");
    assertRefused(() -> service.create(request("arn:aws:kinesis:x", 10, null)),
        LambdaError.INVALID_PARAMETER_VALUE, "Unrecognized event source.");
    assertRefused(() -> service.create(request(arn, 15, null)),
        LambdaError.INVALID_PARAMETER_VALUE, "Maximum batch window in seconds must be greater"
            + " than 0 if maximum batch size is greater than 10");
    assertRefused(() -> service.create(request(arn, 10_001, 1)), LambdaError.VALIDATION,
        "1 validation error detected: Value '10001' at 'batchSize' failed to satisfy constraint:"
            + " Member must have value less than or equal to 10000");
    assertRefused(() -> service.create(new CreateMappingRequest(arn, "worker", null, null,
        null, 1, null, null)), LambdaError.VALIDATION, "1 validation error detected: Value '1' at"
            + " 'scalingConfig.maximumConcurrency' failed to satisfy constraint: Member must have"
            + " value greater than or equal to 2");
    assertRefused(() -> service.get("no-such-uuid"), LambdaError.RESOURCE_NOT_FOUND,
        "The resource you requested does not exist.");
    assertThat(service.list(null, null, null, null).mappings()).hasSize(1);
  }

  @Test
  void list_filters_by_queue_and_function_and_pages() {
    String first = createQueue("a", Map.of());
    String second = createQueue("b", Map.of());
    service = open();
    service.create(request(first, 10, null));
    service.create(request(second, 10, null));

    assertThat(service.list(first, null, null, null).mappings())
        .extracting(EventSourceMapping::eventSourceArn).containsExactly(first);
    assertThat(service.list(null, "other", null, null).mappings()).isEmpty();
    MappingPage page = service.list(null, "worker", null, 1);
    assertThat(page.mappings()).hasSize(1);
    assertThat(service.list(null, null, page.nextMarker(), 1).mappings()).hasSize(1)
        .doesNotContainAnyElementsOf(page.mappings());
  }

  @Test
  void records_a_filter_rejects_are_deleted_without_an_invocation() throws IOException {
    String arn = createQueue("orders", Map.of());
    service = open();
    service.create(new CreateMappingRequest(arn, "worker", 10, 1, null, null,
        List.of("kind"), null));
    assertRefused(() -> service.create(new CreateMappingRequest(createQueue("other", Map.of()),
        "worker", null, null, null, null, List.of("not a pattern!"), null)),
        LambdaError.INVALID_PARAMETER_VALUE, "Invalid filter pattern definition.");

    send("orders", "{\"kind\":\"order\"}", Map.of());
    send("orders", "plain text", Map.of());
    time.advance(Duration.ofSeconds(2));

    eventually(() -> functions.batches.size() == 1);
    eventually(() -> visibleAndHidden("orders") == 0);
    JsonNode records = JSON.readTree(functions.batches.get(0)).get("Records");
    assertThat(records).hasSize(1);
    assertThat(records.get(0).get("body").asText()).isEqualTo("{\"kind\":\"order\"}");
  }

  @Test
  void a_deleted_queue_pauses_the_poller_instead_of_spinning_and_polling_resumes_when_it_is_back() {
    String arn = createQueue("orders", Map.of());
    service = open();
    service.create(request(arn, 10, null));
    queues.deleteQueue("orders").join();
    // SQS refuses to recreate a queue for 60 s; the poller retries every 5 s meanwhile.
    time.advance(Duration.ofSeconds(61));
    eventually(() -> queues.waitingReceives() == 0);

    createQueue("orders", Map.of());
    send("orders", "back again", Map.of());
    assertThat(functions.batches).isEmpty();
    time.advance(Duration.ofMillis(MappingPoller.ERROR_PAUSE_MILLIS));

    eventually(() -> functions.batches.size() == 1);
  }

  // --- fixture

  /**
   * A stand-in pattern language (the real one, EventBridge's, is wired by the server and tested
   * there): a pattern is a key the record's parsed JSON body must have.
   */
  private static final RecordFilters BODY_KEY_FILTERS = patterns -> {
    for (String pattern : patterns) {
      if (!pattern.matches("[a-z]+")) {
        throw new IllegalArgumentException("not a key: " + pattern);
      }
    }
    return record -> patterns.stream().anyMatch(key -> record.get("body").has(key));
  };

  @Test
  void a_throttled_batch_is_invoked_again_after_a_back_off_without_spending_a_receive() {
    String dlqArn = createQueue("orders-dlq", Map.of());
    String arn = createQueue("orders", Map.of("VisibilityTimeout", "30", "RedrivePolicy",
        "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"1\"}"));
    functions.throttles = 2;
    service = open();
    service.create(request(arn, 10, null));

    send("orders", "busy", Map.of());
    eventually(() -> functions.batches.size() == 1);
    advanceUntil(() -> functions.batches.size() == 3);

    eventually(() -> visibleAndHidden("orders") == 0);
    assertThat(messagesIn("orders-dlq")).isZero();
    assertThat(functions.batches).hasSize(3);
  }

  @Test
  void a_mapping_on_an_alias_invokes_the_alias_and_reports_its_qualified_arn() {
    String arn = createQueue("orders", Map.of());
    service = open();
    MappingView created = service.create(
        new CreateMappingRequest(arn, "worker:live", 10, null, null, null, null, null));

    assertThat(service.functionArn(created.mapping()))
        .isEqualTo("arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:worker:live");
    send("orders", "hello", Map.of());
    eventually(() -> functions.batches.size() == 1);
    assertThat(functions.names).containsExactly("worker:live");
  }

  /** Moves the clock in small steps until the condition holds (timers are set asynchronously). */
  private void advanceUntil(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 5 s");
      }
      time.advance(Duration.ofMillis(100));
    }
  }

  private EventSourceMappingService open() {
    EventSourceMappingService opened = new EventSourceMappingService(
        new JsonFileMappingStore(dir.resolve("mappings")), queues, functions, BODY_KEY_FILTERS, time,
        Runnable::run);
    return opened;
  }

  private static CreateMappingRequest request(String arn, Integer batchSize, Integer window) {
    return new CreateMappingRequest(arn, "worker", batchSize, window, null, null, null, null);
  }

  private String createQueue(String name, Map<String, String> attributes) {
    queues.createQueue(name, attributes, Map.of()).join();
    return queueArn(name);
  }

  private static String queueArn(String name) {
    return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + name;
  }

  private void send(String queue, String body, Map<String, MessageAttributeValue> attributes) {
    queues.sendMessage(queue, new SendMessageRequest(body, null, attributes, null, null, null, "AIDAEXAMPLE"))
        .join();
  }

  private int messagesIn(String queue) {
    return Integer.parseInt(queues.getQueueAttributes(queue,
        List.of("ApproximateNumberOfMessages")).join().get("ApproximateNumberOfMessages"));
  }

  private int visibleAndHidden(String queue) {
    Map<String, String> counts = queues.getQueueAttributes(queue, List.of("All")).join();
    return Integer.parseInt(counts.get("ApproximateNumberOfMessages"))
        + Integer.parseInt(counts.get("ApproximateNumberOfMessagesNotVisible"));
  }

  private static String idOfBody(byte[] payload, String body) {
    try {
      for (JsonNode record : JSON.readTree(payload).get("Records")) {
        if (record.get("body").asText().equals(body)) {
          return record.get("messageId").asText();
        }
      }
      return null;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static void assertRefused(Runnable call, LambdaError error, String messageStart) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(FunctionException.class, e -> {
      assertThat(e.error()).isEqualTo(error);
      assertThat(e.getMessage()).startsWith(messageStart);
    });
  }

  /** Pollers run on the caller's thread here, but a woken long poll may complete elsewhere. */
  private static void eventually(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 5 s");
      }
      Thread.onSpinWait();
    }
  }

  /** The one function "worker": records each batch and answers as told. */
  private static final class RecordingFunctions implements MappedFunctions {

    final List<byte[]> batches = new CopyOnWriteArrayList<>();
    volatile Function<byte[], InvokeOutcome> answer =
        payload -> new InvokeOutcome(200, "null".getBytes(StandardCharsets.UTF_8), null, null,
            null);
    volatile List<CompletableFuture<InvokeOutcome>> pending;
    final List<String> names = new CopyOnWriteArrayList<>();
    /** How many invocations, from now on, are throttled (TooManyRequests). */
    volatile int throttles;

    @Override
    public String existingName(String given) {
      if (!given.equals("worker") && !given.equals("worker:live")) {
        throw FunctionException.invalidParameter("Function does not exist");
      }
      return given;
    }

    @Override
    public String arn(String name) {
      return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
    }

    @Override
    public CompletableFuture<InvokeOutcome> invoke(String name, byte[] payload) {
      batches.add(payload);
      names.add(name);
      if (throttles > 0) {
        throttles--;
        throw FunctionException.throttled("ConcurrentInvocationLimitExceeded");
      }
      if (pending != null) {
        CompletableFuture<InvokeOutcome> future = new CompletableFuture<>();
        pending.add(future);
        return future;
      }
      return CompletableFuture.completedFuture(answer.apply(payload));
    }
  }
}
