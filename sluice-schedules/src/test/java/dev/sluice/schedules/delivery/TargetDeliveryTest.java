package dev.sluice.schedules.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.queue.model.MessageAttributeValue;
import dev.sluice.core.queue.model.ReceivedMessage;
import dev.sluice.schedules.RunResult;
import dev.sluice.schedules.SchedulesFixture;
import dev.sluice.schedules.rules.InputTransformer;
import dev.sluice.schedules.rules.RetryPolicy;
import dev.sluice.schedules.rules.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TargetDeliveryTest {

  private static final String FUNCTION = "arn:aws:lambda:us-east-1:111111111111:function:worker";

  private final SchedulesFixture f = new SchedulesFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void a_fifo_queue_gets_the_targets_message_group_and_the_event_id_as_deduplication_id() {
    String queueArn = f.createQueue("events.fifo");
    f.putScheduleRule("fifo-rule", "rate(1 minute)");
    f.rules.putTargets("fifo-rule", null, List.of(new Target(
        "q", queueArn, null, null, null, "group-1", null, null)));

    RunResult run = f.rules.runNow("fifo-rule").join();
    List<ReceivedMessage> messages = f.drain("events.fifo");

    assertThat(run.targets()).extracting(DeliveryResult::delivered).containsExactly(true);
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).attributes())
        .containsEntry("MessageGroupId", "group-1")
        .containsEntry("MessageDeduplicationId", run.eventId());
    assertThat(SchedulesFixture.json(messages.get(0).body()).get("id").asText())
        .isEqualTo(run.eventId());
  }

  @Test
  void a_lambda_target_without_a_wired_runtime_is_retried_then_dead_lettered_with_aws_attributes() {
    String dlqArn = f.createQueue("dead-letters");
    String ruleArn = f.putScheduleRule("to-lambda", "rate(1 hour)");
    f.rules.putTargets("to-lambda", null, List.of(Target.of("fn", FUNCTION)
        .withRetry(new RetryPolicy(2, 3600), dlqArn)));

    RunResult run = f.rules.runNow("to-lambda").join();
    f.time.advance(Duration.ofSeconds(1)); // first retry
    List<ReceivedMessage> afterOneRetry = f.drain("dead-letters");
    f.time.advance(Duration.ofSeconds(2)); // second retry, then the dead-letter queue
    List<ReceivedMessage> dead = f.drain("dead-letters");

    assertThat(run.targets().get(0).delivered()).isFalse();
    assertThat(run.targets().get(0).errorCode()).isEqualTo("Lambda.NotWired");
    assertThat(afterOneRetry).isEmpty();
    assertThat(dead).hasSize(1);
    assertThat(SchedulesFixture.json(dead.get(0).body()).get("id").asText()).isEqualTo(run.eventId());
    Map<String, MessageAttributeValue> attributes = dead.get(0).messageAttributes();
    assertThat(attributes.get("RULE_ARN").stringValue()).isEqualTo(ruleArn);
    assertThat(attributes.get("TARGET_ARN").stringValue()).isEqualTo(FUNCTION);
    assertThat(attributes.get("ERROR_CODE").stringValue()).isEqualTo("Lambda.NotWired");
    assertThat(attributes.get("ERROR_MESSAGE").stringValue()).contains(FUNCTION);
    assertThat(attributes.get("EXHAUSTED_RETRY_CONDITION").stringValue())
        .isEqualTo("MaximumRetryAttempts");
    assertThat(attributes.get("RETRY_ATTEMPTS").stringValue()).isEqualTo("2");
  }

  @Test
  void retries_stop_at_the_maximum_event_age() {
    String dlqArn = f.createQueue("aged");
    f.putScheduleRule("aging", "rate(1 hour)");
    f.rules.putTargets("aging", null, List.of(Target.of("fn", FUNCTION)
        .withRetry(new RetryPolicy(185, 60), dlqArn)));

    f.rules.runNow("aging").join();
    // Retries at 1, 3, 7, 15 and 31 s; the sixth would come at 63 s, past the 60 s age limit.
    f.time.advance(Duration.ofSeconds(31));
    List<ReceivedMessage> dead = f.drain("aged");

    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).messageAttributes().get("EXHAUSTED_RETRY_CONDITION").stringValue())
        .isEqualTo("MaximumEventAgeInSeconds");
    assertThat(dead.get(0).messageAttributes().get("RETRY_ATTEMPTS").stringValue()).isEqualTo("5");
  }

  @Test
  void a_missing_queue_goes_to_the_dead_letter_queue_without_retries() {
    String dlqArn = f.createQueue("missing-dlq");
    f.putScheduleRule("to-nowhere", "rate(1 hour)");
    f.rules.putTargets("to-nowhere", null, List.of(
        Target.of("q", "arn:aws:sqs:us-east-1:111111111111:no-such-queue").withRetry(null, dlqArn)));

    f.rules.runNow("to-nowhere").join();
    List<ReceivedMessage> dead = f.drain("missing-dlq");

    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).messageAttributes().get("ERROR_CODE").stringValue())
        .isEqualTo("SQS.AWS.SimpleQueueService.NonExistentQueue");
    assertThat(dead.get(0).messageAttributes().get("RETRY_ATTEMPTS").stringValue()).isEqualTo("0");
  }

  @Test
  void input_input_path_and_input_transformer_shape_what_the_target_receives() {
    String queueArn = f.createQueue("shaped");
    f.putScheduleRule("shaping", "rate(1 hour)");
    f.rules.putTargets("shaping", null, List.of(
        new Target("constant", queueArn, "{\"custom-value\":\"somecustominput\"}", null, null,
            null, null, null),
        new Target("path", queueArn, null, "$.resources", null, null, null, null),
        new Target("template", queueArn, null, null, new InputTransformer(
            Map.of("src", "$.source", "kind", "$.detail-type"),
            "{\"from\": \"<src>\", \"rule\": \"<aws.events.rule-name>\", \"kind\": \"<kind>\"}"),
            null, null, null)));

    f.rules.runNow("shaping").join();
    List<JsonNode> bodies = f.drain("shaped").stream()
        .map(m -> SchedulesFixture.json(m.body())).toList();

    assertThat(bodies).containsExactlyInAnyOrder(
        SchedulesFixture.json("{\"custom-value\":\"somecustominput\"}"),
        SchedulesFixture.json("[\"" + f.rules.ruleArn("shaping") + "\"]"),
        SchedulesFixture.json(
            "{\"from\":\"aws.events\",\"rule\":\"shaping\",\"kind\":\"Scheduled Event\"}"));
  }
}
