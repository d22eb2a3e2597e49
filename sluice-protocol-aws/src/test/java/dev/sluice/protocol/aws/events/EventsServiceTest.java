package dev.sluice.protocol.aws.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.queue.QueueService;
import dev.sluice.core.queue.engine.InMemoryQueueStore;
import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.protocol.aws.Caller;
import dev.sluice.protocol.aws.wire.Json;
import dev.sluice.schedules.RuleService;
import dev.sluice.schedules.delivery.EventDispatcher;
import dev.sluice.schedules.delivery.SqsTargetSender;
import dev.sluice.schedules.delivery.TargetDelivery;
import dev.sluice.schedules.rules.InMemoryRuleStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventsServiceTest {

  private final ManualTimeSource time = new ManualTimeSource();
  private final QueueService queues =
      new QueueService(new InMemoryQueueStore(time), time, "000000000000", "us-east-1");
  private final SqsTargetSender sqs = new SqsTargetSender(queues);
  private final RuleService rules = new RuleService(new InMemoryRuleStore(),
      new EventDispatcher(new TargetDelivery(List.of(sqs), sqs, time)), time, "000000000000",
      "us-east-1");
  private final EventsService service = new EventsService(rules, Runnable::run);

  @Test
  void accepts_only_aws_events_targets() {
    assertThat(service.accepts(request("AWSEvents.PutRule", "{}"))).isTrue();
    assertThat(service.accepts(request("AmazonSQS.SendMessage", "{}"))).isFalse();
  }

  @Test
  void put_rule_then_list_rules_answers_in_aws_json_1_1() {
    AwsHttpResponse put = call("PutRule",
        "{\"Name\":\"r1\",\"ScheduleExpression\":\"rate(1 minute)\",\"Tags\":[{\"Key\":\"k\",\"Value\":\"v\"}]}");
    AwsHttpResponse list = call("ListRules", "{\"NamePrefix\":\"r\"}");
    AwsHttpResponse tags = call("ListTagsForResource",
        "{\"ResourceARN\":\"arn:aws:events:us-east-1:000000000000:rule/r1\"}");

    assertThat(put.status()).isEqualTo(200);
    assertThat(put.headers()).containsEntry("Content-Type", "application/x-amz-json-1.1");
    assertThat(json(put)).isEqualTo(Json.object()
        .put("RuleArn", "arn:aws:events:us-east-1:000000000000:rule/r1"));
    JsonNode rule = json(list).get("Rules").get(0);
    assertThat(rule.get("Name").asText()).isEqualTo("r1");
    assertThat(rule.get("ScheduleExpression").asText()).isEqualTo("rate(1 minute)");
    assertThat(rule.get("State").asText()).isEqualTo("ENABLED");
    assertThat(rule.get("EventBusName").asText()).isEqualTo("default");
    assertThat(json(tags).get("Tags").get(0).get("Key").asText()).isEqualTo("k");
  }

  @Test
  void domain_errors_carry_their_shape_and_message() {
    AwsHttpResponse missing = call("DescribeRule", "{\"Name\":\"nope\"}");
    AwsHttpResponse invalid =
        call("PutRule", "{\"Name\":\"x\",\"ScheduleExpression\":\"rate(1 minutes)\"}");

    assertThat(missing.status()).isEqualTo(400);
    assertThat(json(missing)).isEqualTo(Json.object().put("__type", "ResourceNotFoundException")
        .put("message", "Rule nope does not exist on EventBus default."));
    assertThat(json(invalid)).isEqualTo(Json.object().put("__type", "ValidationException")
        .put("message", "Parameter ScheduleExpression is not valid."));
  }

  @Test
  void targets_round_trip_with_every_member() {
    call("PutRule", "{\"Name\":\"r2\",\"EventPattern\":\"{\\\"source\\\":[\\\"a\\\"]}\"}");
    String target = "{\"Id\":\"t\",\"Arn\":\"arn:aws:sqs:us-east-1:000000000000:q.fifo\","
        + "\"SqsParameters\":{\"MessageGroupId\":\"g\"},"
        + "\"RetryPolicy\":{\"MaximumRetryAttempts\":3,\"MaximumEventAgeInSeconds\":120},"
        + "\"DeadLetterConfig\":{\"Arn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\"},"
        + "\"InputTransformer\":{\"InputPathsMap\":{\"s\":\"$.source\"},\"InputTemplate\":\"<s>\"}}";

    AwsHttpResponse put = call("PutTargets", "{\"Rule\":\"r2\",\"Targets\":[" + target + "]}");
    AwsHttpResponse listed = call("ListTargetsByRule", "{\"Rule\":\"r2\"}");

    assertThat(json(put)).isEqualTo(Json.object().put("FailedEntryCount", 0)
        .set("FailedEntries", Json.MAPPER.createArrayNode()));
    assertThat(json(listed).get("Targets").get(0)).isEqualTo(parse(target));
  }

  @Test
  void put_events_answers_one_entry_per_event_with_failed_entry_count() {
    AwsHttpResponse response = call("PutEvents", "{\"Entries\":["
        + "{\"Source\":\"s\",\"DetailType\":\"t\",\"Detail\":\"{}\"},"
        + "{\"DetailType\":\"t\",\"Detail\":\"{}\"}]}");

    JsonNode body = json(response);
    assertThat(body.get("FailedEntryCount").asInt()).isEqualTo(1);
    assertThat(body.get("Entries").get(0).has("EventId")).isTrue();
    assertThat(body.get("Entries").get(1).get("ErrorCode").asText()).isEqualTo("InvalidArgument");
  }

  @Test
  void an_unknown_action_is_an_unknown_operation() {
    AwsHttpResponse response = call("PutPartnerEvents", "{}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response).get("__type").asText()).isEqualTo("UnknownOperationException");
  }

  @Test
  void a_custom_bus_is_created_described_listed_used_by_rules_and_deleted() {
    AwsHttpResponse created = call("CreateEventBus", "{\"Name\":\"orders\",\"Description\":\"d\"}");
    AwsHttpResponse again = call("CreateEventBus", "{\"Name\":\"orders\"}");
    AwsHttpResponse described = call("DescribeEventBus", "{\"Name\":\"orders\"}");
    AwsHttpResponse listed = call("ListEventBuses", "{\"NamePrefix\":\"ord\"}");
    AwsHttpResponse rule = call("PutRule", "{\"Name\":\"r\",\"EventBusName\":"
        + "\"arn:aws:events:us-east-1:000000000000:event-bus/orders\","
        + "\"EventPattern\":\"{\\\"source\\\":[\\\"a\\\"]}\"}");
    AwsHttpResponse describedRule =
        call("DescribeRule", "{\"Name\":\"r\",\"EventBusName\":\"orders\"}");
    AwsHttpResponse onDefault = call("DescribeRule", "{\"Name\":\"r\"}");
    AwsHttpResponse schedule = call("PutRule", "{\"Name\":\"s\",\"EventBusName\":\"orders\","
        + "\"ScheduleExpression\":\"rate(1 minute)\"}");
    AwsHttpResponse deleteDefault = call("DeleteEventBus", "{\"Name\":\"default\"}");
    AwsHttpResponse deleted = call("DeleteEventBus", "{\"Name\":\"orders\"}");
    AwsHttpResponse gone = call("DescribeEventBus", "{\"Name\":\"orders\"}");

    assertThat(json(created)).isEqualTo(Json.object()
        .put("EventBusArn", "arn:aws:events:us-east-1:000000000000:event-bus/orders")
        .put("Description", "d"));
    assertThat(json(again)).isEqualTo(Json.object()
        .put("__type", "ResourceAlreadyExistsException")
        .put("message", "Event bus orders already exists."));
    JsonNode bus = json(described);
    assertThat(bus.get("Name").asText()).isEqualTo("orders");
    assertThat(bus.get("Arn").asText())
        .isEqualTo("arn:aws:events:us-east-1:000000000000:event-bus/orders");
    assertThat(bus.get("CreationTime").isNumber()).isTrue();
    assertThat(bus.get("LastModifiedTime").isNumber()).isTrue();
    assertThat(json(listed).get("EventBuses")).hasSize(1);
    assertThat(json(rule).get("RuleArn").asText())
        .isEqualTo("arn:aws:events:us-east-1:000000000000:rule/orders/r");
    assertThat(json(describedRule).get("EventBusName").asText()).isEqualTo("orders");
    assertThat(json(onDefault).get("message").asText())
        .isEqualTo("Rule r does not exist on EventBus default.");
    assertThat(json(schedule)).isEqualTo(Json.object().put("__type", "ValidationException")
        .put("message", "ScheduleExpression is supported only on the default event bus."));
    assertThat(json(deleteDefault)).isEqualTo(Json.object().put("__type", "ValidationException")
        .put("message", "Cannot delete event bus default."));
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(json(gone)).isEqualTo(Json.object().put("__type", "ResourceNotFoundException")
        .put("message", "Event bus orders does not exist."));
  }

  @Test
  void test_event_pattern_answers_result_or_aws_errors() {
    String event = "{\\\"id\\\":\\\"1\\\",\\\"account\\\":\\\"1\\\",\\\"source\\\":\\\"orders\\\","
        + "\\\"time\\\":\\\"t\\\",\\\"region\\\":\\\"r\\\",\\\"detail-type\\\":\\\"x\\\"}";
    AwsHttpResponse yes = call("TestEventPattern", "{\"EventPattern\":"
        + "\"{\\\"source\\\":[{\\\"wildcard\\\":\\\"ord*\\\"}]}\",\"Event\":\"" + event + "\"}");
    AwsHttpResponse no = call("TestEventPattern", "{\"EventPattern\":"
        + "\"{\\\"source\\\":[\\\"billing\\\"]}\",\"Event\":\"" + event + "\"}");
    AwsHttpResponse badEvent = call("TestEventPattern", "{\"EventPattern\":"
        + "\"{\\\"source\\\":[\\\"a\\\"]}\",\"Event\":\"plain string\"}");
    AwsHttpResponse badPattern = call("TestEventPattern", "{\"EventPattern\":"
        + "\"{\\\"source\\\":[]}\",\"Event\":\"" + event + "\"}");

    assertThat(json(yes)).isEqualTo(Json.object().put("Result", true));
    assertThat(json(no)).isEqualTo(Json.object().put("Result", false));
    assertThat(json(badEvent)).isEqualTo(Json.object().put("__type", "ValidationException")
        .put("message", "Parameter Event is not valid."));
    assertThat(json(badPattern)).isEqualTo(Json.object()
        .put("__type", "InvalidEventPatternException")
        .put("message", "Event pattern is not valid. Reason: Empty arrays are not allowed"));
  }

  private AwsHttpResponse call(String action, String body) {
    return service.handle(request("AWSEvents." + action, body), Caller.anonymous()).join();
  }

  private static AwsHttpRequest request(String target, String body) {
    return new AwsHttpRequest("POST", "/", "", Map.of(
        "x-amz-target", List.of(target),
        "content-type", List.of("application/x-amz-json-1.1")),
        body.getBytes(StandardCharsets.UTF_8), "127.0.0.1:1");
  }

  private static JsonNode json(AwsHttpResponse response) {
    return parse(response.bodyText());
  }

  private static JsonNode parse(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
