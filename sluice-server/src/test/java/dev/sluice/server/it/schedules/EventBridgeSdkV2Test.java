package dev.sluice.server.it.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.server.it.support.AwsRecordings;
import dev.sluice.server.it.support.SdkClients;
import dev.sluice.server.it.support.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** EventBridge rules through the AWS SDK for Java v2 against a full server. */
@DisplayName("EventBridge rules through the AWS SDK v2")
class EventBridgeSdkV2Test {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void a_rate_rule_run_now_delivers_aws_scheduled_event_to_its_queue() throws Exception {
    try (TestServer server = TestServer.start();
        EventBridgeClient events = events(server.endpoint());
        SqsClient sqs = SdkClients.sqsV2(server.endpoint())) {
      String rule = name("every-minute");
      String queueUrl = sqs.createQueue(b -> b.queueName(name("ticks"))).queueUrl();
      String queueArn = queueArn(sqs, queueUrl);
      String ruleArn = events.putRule(b -> b.name(rule).scheduleExpression("rate(1 minute)"))
          .ruleArn();
      events.putTargets(b -> b.rule(rule).targets(Target.builder().id("q").arn(queueArn).build()));

      JsonNode run = runNow(server.endpoint(), rule);
      Message message = receiveOne(sqs, queueUrl);

      assertThat(ruleArn).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/" + rule);
      assertThat(run.get("targets").get(0).get("delivered").asBoolean()).isTrue();
      JsonNode event = JSON.readTree(message.body());
      JsonNode recorded = AwsRecordings.response("events-test_events_schedule.snapshot.json",
          "TestScheduleRate::tests_schedule_rate_target_sqs", "messages-first").get(0).get("Body");
      assertThat(fieldNames(event)).isEqualTo(fieldNames(recorded));
      assertThat(event.get("id").asText()).isEqualTo(run.get("eventId").asText());
      assertThat(event.get("detail-type").asText()).isEqualTo("Scheduled Event");
      assertThat(event.get("source").asText()).isEqualTo("aws.events");
      assertThat(event.get("resources").get(0).asText()).isEqualTo(ruleArn);
      assertThat(event.get("detail")).isEqualTo(JSON.createObjectNode());
    }
  }

  @Test
  void put_events_reaches_the_queue_of_a_matching_pattern_rule() throws Exception {
    try (TestServer server = TestServer.start();
        EventBridgeClient events = events(server.endpoint());
        SqsClient sqs = SdkClients.sqsV2(server.endpoint())) {
      String rule = name("orders");
      String queueUrl = sqs.createQueue(b -> b.queueName(name("orders"))).queueUrl();
      events.putRule(b -> b.name(rule).eventPattern("{\"source\":[\"shop\"],"
          + "\"detail\":{\"amount\":[{\"numeric\":[\">\",100]}]}}"));
      events.putTargets(b -> b.rule(rule)
          .targets(Target.builder().id("q").arn(queueArn(sqs, queueUrl)).build()));

      var response = events.putEvents(b -> b.entries(
          PutEventsRequestEntry.builder().source("shop").detailType("Order")
              .detail("{\"amount\":250}").build(),
          PutEventsRequestEntry.builder().source("shop").detailType("Order")
              .detail("{\"amount\":5}").build()));
      Message message = receiveOne(sqs, queueUrl);

      assertThat(response.failedEntryCount()).isZero();
      JsonNode event = JSON.readTree(message.body());
      assertThat(event.get("id").asText()).isEqualTo(response.entries().get(0).eventId());
      assertThat(event.at("/detail/amount").asInt()).isEqualTo(250);
      assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)).messages())
          .isEmpty();
    }
  }

  @Test
  void unknown_rules_are_refused_as_aws_refuses_them() throws Exception {
    try (TestServer server = TestServer.start();
        EventBridgeClient events = events(server.endpoint())) {
      var recorded = AwsRecordings.errors("events-test_events.snapshot.json",
          "TestEventRule::test_describe_nonexistent_rule").get(0);

      assertThatThrownBy(() -> events.describeRule(b -> b.name("nope")))
          .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(recorded.status());
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(recorded.code());
            assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo(recorded.message().replace("<rule-name>", "nope"));
          });
      HttpResponse<String> run = post(server.endpoint(), "/_sluice/rules/nope/run");
      assertThat(run.statusCode()).isEqualTo(404);
      assertThat(run.body()).contains("Rule nope does not exist on EventBus default.");
      assertThat(post(server.endpoint(), "/_sluice/rules/nope/other").statusCode()).isEqualTo(404);
      HttpResponse<String> get = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(server.endpoint().resolve("/_sluice/rules/nope/run")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(get.statusCode()).isEqualTo(405);
    }
  }

  @Test
  void rules_and_targets_survive_a_restart_on_the_same_data_directory() throws Exception {
    Path dataDir = TestServer.TempDirs.create("sluice-rules-");
    try {
      String queueName = name("durable");
      try (TestServer first = TestServer.start(b -> b.dataDir(dataDir));
          EventBridgeClient events = events(first.endpoint());
          SqsClient sqs = SdkClients.sqsV2(first.endpoint())) {
        String queueArn = queueArn(sqs, sqs.createQueue(b -> b.queueName(queueName)).queueUrl());
        events.putRule(b -> b.name("durable-rule").scheduleExpression("cron(0 20 * * ? *)")
            .description("kept"));
        events.putTargets(b -> b.rule("durable-rule")
            .targets(Target.builder().id("q").arn(queueArn).build()));
        events.disableRule(b -> b.name("durable-rule"));
      }

      try (TestServer second = TestServer.start(b -> b.dataDir(dataDir));
          EventBridgeClient events = events(second.endpoint());
          SqsClient sqs = SdkClients.sqsV2(second.endpoint())) {
        var rule = events.describeRule(b -> b.name("durable-rule"));
        var targets = events.listTargetsByRule(b -> b.rule("durable-rule")).targets();
        runNow(second.endpoint(), "durable-rule");
        String queueUrl = sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();

        assertThat(rule.scheduleExpression()).isEqualTo("cron(0 20 * * ? *)");
        assertThat(rule.description()).isEqualTo("kept");
        assertThat(rule.stateAsString()).isEqualTo("DISABLED");
        assertThat(targets).extracting(Target::id).containsExactly("q");
        assertThat(receiveOne(sqs, queueUrl).body()).contains("Scheduled Event");
      }
    } finally {
      TestServer.TempDirs.delete(dataDir);
    }
  }

  private static EventBridgeClient events(URI endpoint) {
    return EventBridgeClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            SdkClients.DUMMY_ACCESS_KEY, SdkClients.DUMMY_SECRET_KEY)))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
        .build();
  }

  private static String queueArn(SqsClient sqs, String queueUrl) {
    return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
        .attributesAsStrings().get("QueueArn");
  }

  private static Message receiveOne(SqsClient sqs, String queueUrl) {
    List<Message> messages =
        sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(5)).messages();
    assertThat(messages).hasSize(1);
    return messages.get(0);
  }

  private static JsonNode runNow(URI endpoint, String rule) throws Exception {
    HttpResponse<String> response = post(endpoint, "/_sluice/rules/" + rule + "/run");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> post(URI endpoint, String path)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String name(String base) {
    return base + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
