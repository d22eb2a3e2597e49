package dev.sluice.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.bench.lambda.AwsRest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Schedule firing (issue 4: "a schedule fires within 1 s of its tick"): an EventBridge rule
 * {@code cron(* * * * ? *)} with an SQS target; per tick, the delay from the tick (the event's
 * {@code time}) to the message's SentTimestamp. It waits for real minute ticks, so it runs once
 * per run (round 1), only in full runs, and costs one to three minutes. Sluice only.
 */
public final class ScheduleScenario implements Scenario {

  public static final String ID = "schedule";
  private static final String EXPRESSION = "cron(* * * * ? *)";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "9. schedule: " + EXPRESSION + " to SQS, tick to SentTimestamp (Sluice only)";
  }

  @Override
  public boolean measuresThroughput() {
    return false;
  }

  @Override
  public String latencyLabel() {
    return "From the tick (the event's time) to the message's SentTimestamp, ms";
  }

  @Override
  public int caseCount(ScenarioContext context) {
    return applies(context) ? 1 : 0;
  }

  private static boolean applies(ScenarioContext context) {
    return SluiceOnly.applies(context) && context.round() == 1
        && context.settings().scheduleTicks() > 0;
  }

  @Override
  public List<CaseResult> run(ScenarioContext context) {
    if (!applies(context)) {
      if (SluiceOnly.applies(context) && context.round() == 1) {
        context.notes().accept("schedule: left out of this run (it waits for real minute ticks; "
            + "full runs measure it)");
      }
      return List.of();
    }
    int ticks = context.settings().scheduleTicks();
    String caseName = EXPRESSION + ", " + ticks + " ticks";
    context.caseStarted().accept(id() + ", waiting for " + ticks + " minute ticks");
    AwsRest rest = new AwsRest(context.client().endpoint());
    String name = context.queueName(ID);
    String queueUrl = rest.createQueue(name);
    boolean ruleCreated = false;
    try {
      rest.events("PutRule", Map.of("Name", name, "ScheduleExpression", EXPRESSION,
          "State", "ENABLED"));
      ruleCreated = true;
      rest.events("PutTargets", Map.of("Rule", name, "Targets",
          List.of(Map.of("Id", "bench", "Arn", rest.queueArn(queueUrl)))));
      Histogram delay = new Histogram(3);
      // The first tick is at most a minute away; each further one a minute later.
      long deadline = System.nanoTime() + Duration.ofSeconds(60L * ticks + 20).toNanos();
      while (delay.getTotalCount() < ticks && System.nanoTime() < deadline) {
        JsonNode received = rest.sqs("ReceiveMessage", Map.of("QueueUrl", queueUrl,
            "WaitTimeSeconds", 20, "MaxNumberOfMessages", 10,
            "AttributeNames", List.of("SentTimestamp")));
        for (JsonNode message : received.path("Messages")) {
          long sent = message.path("Attributes").path("SentTimestamp").asLong();
          long tick = Instant.parse(event(message).path("time").asText()).toEpochMilli();
          delay.recordValue(Math.max(0, sent - tick) * 1000);
          rest.sqs("DeleteMessage", Map.of("QueueUrl", queueUrl,
              "ReceiptHandle", message.path("ReceiptHandle").asText()));
        }
      }
      long missing = ticks - delay.getTotalCount();
      return List.of(new CaseResult(id(), caseName, context.target(), context.round(), Double.NaN,
          delay, Math.max(0, missing), missing <= 0 ? null
              : missing + " ticks did not arrive within " + (60L * ticks + 20) + " s"));
    } finally {
      if (ruleCreated) {
        try {
          rest.events("RemoveTargets", Map.of("Rule", name, "Ids", List.of("bench")));
          rest.events("DeleteRule", Map.of("Name", name));
        } catch (RuntimeException e) {
          // the run goes on; the rule fires into a deleted queue until the server stops
        }
      }
      rest.deleteQueueQuietly(queueUrl);
    }
  }

  private static JsonNode event(JsonNode message) {
    try {
      return JSON.readTree(message.path("Body").asText());
    } catch (IOException e) {
      throw new IllegalStateException("the target's message is not an event: "
          + message.path("Body").asText(), e);
    }
  }
}
