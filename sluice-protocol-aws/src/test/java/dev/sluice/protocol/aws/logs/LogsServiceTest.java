package dev.sluice.protocol.aws.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.functions.logs.LogStore;
import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.protocol.aws.Caller;
import dev.sluice.protocol.aws.wire.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsServiceTest {

  static final long NOW = 1_780_000_000_000L;

  @TempDir Path dir;
  LogStore store;
  LogsService logs;

  @BeforeEach
  void open() {
    store = new LogStore(dir, new ManualTimeSource(NOW), LogStore.DEFAULT_MAX_STORED_BYTES);
    logs = new LogsService(store, Runnable::run, "eu-west-1", "123456789012");
  }

  @AfterEach
  void close() {
    store.close();
  }

  AwsHttpResponse call(String action, String body) {
    AwsHttpRequest request = new AwsHttpRequest("POST", "/", null,
        Map.of("content-type", List.of("application/x-amz-json-1.1"),
            "x-amz-target", List.of("Logs_20140328." + action)),
        body.getBytes(StandardCharsets.UTF_8), "127.0.0.1:1");
    assertThat(logs.accepts(request)).isTrue();
    return logs.handle(request, Caller.anonymous()).join();
  }

  JsonNode ok(String action, String body) {
    AwsHttpResponse response = call(action, body);
    assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    return Json.readObject(response.body());
  }

  @Test
  void groups_streams_and_events_round_trip_in_aws_json_shapes() {
    ok("CreateLogGroup", "{\"logGroupName\":\"/app\"}");
    ok("CreateLogStream", "{\"logGroupName\":\"/app\",\"logStreamName\":\"s\"}");
    JsonNode put = ok("PutLogEvents", "{\"logGroupName\":\"/app\",\"logStreamName\":\"s\","
        + "\"logEvents\":[{\"timestamp\":" + NOW + ",\"message\":\"hello\"}]}");
    JsonNode groups = ok("DescribeLogGroups", "{}");
    JsonNode streams = ok("DescribeLogStreams", "{\"logGroupIdentifier\":"
        + "\"arn:aws:logs:eu-west-1:123456789012:log-group:/app\"}");
    JsonNode events = ok("GetLogEvents",
        "{\"logGroupName\":\"/app\",\"logStreamName\":\"s\",\"startFromHead\":true}");

    assertThat(put.get("nextSequenceToken").asText()).matches("\\d{56}");
    JsonNode group = groups.get("logGroups").get(0);
    assertThat(group.get("logGroupName").asText()).isEqualTo("/app");
    assertThat(group.get("arn").asText())
        .isEqualTo("arn:aws:logs:eu-west-1:123456789012:log-group:/app:*");
    assertThat(group.get("logGroupArn").asText())
        .isEqualTo("arn:aws:logs:eu-west-1:123456789012:log-group:/app");
    assertThat(group.get("creationTime").asLong()).isEqualTo(NOW);
    JsonNode stream = streams.get("logStreams").get(0);
    assertThat(stream.get("logStreamName").asText()).isEqualTo("s");
    assertThat(stream.get("firstEventTimestamp").asLong()).isEqualTo(NOW);
    assertThat(stream.get("arn").asText())
        .isEqualTo("arn:aws:logs:eu-west-1:123456789012:log-group:/app:log-stream:s");
    assertThat(events.get("events").get(0).get("message").asText()).isEqualTo("hello");
    assertThat(events.get("events").get(0).get("ingestionTime").asLong()).isEqualTo(NOW);
    assertThat(events.get("nextForwardToken").asText()).startsWith("f/");
    assertThat(events.get("nextBackwardToken").asText()).startsWith("b/");
  }

  @Test
  void errors_are_json_1_1_shapes_with_aws_codes_and_messages() {
    AwsHttpResponse missing = call("DescribeLogStreams", "{\"logGroupName\":\"/nope\"}");
    AwsHttpResponse both = call("DescribeLogStreams",
        "{\"logGroupName\":\"/a\",\"logGroupIdentifier\":\"/a\"}");
    AwsHttpResponse unknown = call("PutSubscriptionFilter", "{}");
    AwsHttpResponse wrongType = call("CreateLogGroup", "{\"logGroupName\":5}");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(Json.readObject(missing.body()).toString()).isEqualTo("{\"__type\":"
        + "\"ResourceNotFoundException\",\"message\":\"The specified log group does not exist.\"}");
    assertThat(Json.readObject(both.body()).get("__type").asText())
        .isEqualTo("ValidationException");
    assertThat(Json.readObject(both.body()).get("message").asText())
        .isEqualTo("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(Json.readObject(unknown.body()).get("__type").asText())
        .isEqualTo("UnknownOperationException");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(Json.readObject(wrongType.body()).get("__type").asText())
        .isEqualTo("SerializationException");
  }

  @Test
  void filter_log_events_answers_with_event_ids_and_searched_streams() {
    ok("CreateLogGroup", "{\"logGroupName\":\"g\"}");
    ok("CreateLogStream", "{\"logGroupName\":\"g\",\"logStreamName\":\"s\"}");
    ok("PutLogEvents", "{\"logGroupName\":\"g\",\"logStreamName\":\"s\",\"logEvents\":["
        + "{\"timestamp\":" + NOW + ",\"message\":\"ERROR one\"},"
        + "{\"timestamp\":" + NOW + ",\"message\":\"INFO two\"}]}");

    JsonNode found = ok("FilterLogEvents", "{\"logGroupName\":\"g\",\"filterPattern\":\"ERROR\"}");

    assertThat(found.get("events")).hasSize(1);
    assertThat(found.get("events").get(0).get("eventId").asText()).matches("\\d{56}");
    assertThat(found.get("events").get(0).get("logStreamName").asText()).isEqualTo("s");
    assertThat(found.get("searchedLogStreams").get(0).get("searchedCompletely").asBoolean())
        .isTrue();
    assertThat(found.has("nextToken")).isFalse();
  }
}
