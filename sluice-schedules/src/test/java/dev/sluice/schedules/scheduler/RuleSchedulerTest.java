package dev.sluice.schedules.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.queue.model.ReceivedMessage;
import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.schedules.AwsRecording;
import dev.sluice.schedules.SchedulesFixture;
import dev.sluice.schedules.rules.InMemoryRuleStore;
import dev.sluice.schedules.rules.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuleSchedulerTest {

  private final SchedulesFixture f = new SchedulesFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void a_rate_rule_delivers_one_scheduled_event_per_tick_to_its_queue() {
    String queueArn = f.createQueue("ticks");
    String ruleArn = f.putScheduleRule("every-minute", "rate(1 minute)");
    f.rules.putTargets("every-minute", null, List.of(Target.of("q", queueArn)));
    Instant created = f.time.now();

    f.time.advance(Duration.ofSeconds(59));
    assertThat(f.drain("ticks")).isEmpty();
    f.time.advance(Duration.ofSeconds(1));
    List<ReceivedMessage> first = f.drain("ticks");
    f.time.advance(Duration.ofMinutes(2));
    List<ReceivedMessage> next = f.drain("ticks");

    assertThat(first).hasSize(1);
    assertThat(next).hasSize(2);
    JsonNode event = SchedulesFixture.json(first.get(0).body());
    assertThat(event.get("time").asText()).isEqualTo(created.plusSeconds(60).toString());
    assertThat(event.get("resources").get(0).asText()).isEqualTo(ruleArn);
  }

  @Test
  void the_scheduled_event_has_exactly_the_fields_and_values_aws_sends() {
    String queueArn = f.createQueue("shape");
    String ruleArn = f.putScheduleRule("shape-rule", "rate(1 minute)");
    f.rules.putTargets("shape-rule", null, List.of(Target.of("q", queueArn)));

    f.time.advance(Duration.ofMinutes(1));
    JsonNode event = SchedulesFixture.json(f.drain("shape").get(0).body());

    JsonNode recorded = AwsRecording.recorded("events-test_events_schedule.snapshot.json",
        "TestScheduleRate::tests_schedule_rate_target_sqs").get("messages-first").get(0).get("Body");
    assertThat(fieldNames(event)).containsExactlyElementsOf(fieldNames(recorded));
    assertThat(event.get("version")).isEqualTo(recorded.get("version"));
    assertThat(event.get("detail-type")).isEqualTo(recorded.get("detail-type"));
    assertThat(event.get("source")).isEqualTo(recorded.get("source"));
    assertThat(event.get("detail")).isEqualTo(recorded.get("detail"));
    assertThat(event.get("account").asText()).isEqualTo(SchedulesFixture.ACCOUNT);
    assertThat(event.get("region").asText()).isEqualTo(SchedulesFixture.REGION);
    assertThat(event.get("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(event.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(event.get("resources")).hasSize(1);
    assertThat(event.get("resources").get(0).asText()).isEqualTo(ruleArn);
  }

  @Test
  void a_cron_rule_fires_at_its_utc_minutes() {
    String queueArn = f.createQueue("cron");
    f.putScheduleRule("quarter-hours", "cron(0/15 * * * ? *)");
    f.rules.putTargets("quarter-hours", null, List.of(Target.of("q", queueArn)));

    f.time.advance(Duration.ofMinutes(30)); // from 00:00:00: ticks at 00:15 and 00:30

    List<String> times = f.drain("cron").stream()
        .map(m -> SchedulesFixture.json(m.body()).get("time").asText()).sorted().toList();
    assertThat(times).containsExactly("2026-01-01T00:15:00Z", "2026-01-01T00:30:00Z");
  }

  @Test
  void a_disabled_rule_delivers_nothing_and_fires_again_once_enabled() {
    String queueArn = f.createQueue("paused");
    f.putScheduleRule("pausable", "rate(1 minute)");
    f.rules.putTargets("pausable", null, List.of(Target.of("q", queueArn)));

    f.rules.disableRule("pausable", null);
    f.time.advance(Duration.ofMinutes(5));
    List<ReceivedMessage> whileDisabled = f.drain("paused");
    f.rules.enableRule("pausable", null);
    f.time.advance(Duration.ofMinutes(1));

    assertThat(whileDisabled).isEmpty();
    assertThat(f.scheduler.armedRules()).isEqualTo(1);
    assertThat(f.drain("paused")).hasSize(1);
  }

  @Test
  void a_deleted_rule_stops_firing() {
    String queueArn = f.createQueue("gone");
    f.putScheduleRule("short-lived", "rate(1 minute)");
    f.rules.putTargets("short-lived", null, List.of(Target.of("q", queueArn)));
    f.rules.removeTargets("short-lived", null, List.of("q"));
    f.rules.deleteRule("short-lived", null, false);

    f.time.advance(Duration.ofMinutes(3));

    assertThat(f.scheduler.armedRules()).isZero();
    assertThat(f.drain("gone")).isEmpty();
  }

  @Test
  void after_downtime_the_next_tick_fires_once_and_missed_ticks_are_not_replayed() {
    ManualTimeSource time = new ManualTimeSource();
    InMemoryRuleStore store = new InMemoryRuleStore();
    var queueService = new dev.sluice.core.queue.QueueService(
        new dev.sluice.core.queue.engine.InMemoryQueueStore(time), time, "111111111111", "us-east-1");
    SchedulesFixture before = new SchedulesFixture(time, queueService, store, new SingleNodeTickLeases());
    String queueArn = before.createQueue("downtime");
    before.putScheduleRule("hourly", "rate(1 hour)");
    before.rules.putTargets("hourly", null, List.of(Target.of("q", queueArn)));
    before.scheduler.close(); // the server stops

    time.advance(Duration.ofHours(5).plusMinutes(30));
    SchedulesFixture after =
        new SchedulesFixture(time, queueService, store, new SingleNodeTickLeases());
    List<ReceivedMessage> atRestart = after.drain("downtime");
    time.advance(Duration.ofMinutes(30));
    List<ReceivedMessage> nextTick = after.drain("downtime");

    assertThat(atRestart).isEmpty();
    assertThat(nextTick).hasSize(1);
    assertThat(SchedulesFixture.json(nextTick.get(0).body()).get("time").asText())
        .isEqualTo("2026-01-01T06:00:00Z");
    after.close();
  }

  @Test
  void two_schedulers_sharing_tick_leases_deliver_each_tick_once() {
    ManualTimeSource time = new ManualTimeSource();
    InMemoryRuleStore store = new InMemoryRuleStore();
    SingleNodeTickLeases sharedLeases = new SingleNodeTickLeases();
    var queueService = new dev.sluice.core.queue.QueueService(
        new dev.sluice.core.queue.engine.InMemoryQueueStore(time), time, "111111111111", "us-east-1");
    SchedulesFixture one = new SchedulesFixture(time, queueService, store, sharedLeases);
    String queueArn = one.createQueue("shared");
    one.putScheduleRule("shared-rule", "rate(1 minute)");
    one.rules.putTargets("shared-rule", null, List.of(Target.of("q", queueArn)));
    SchedulesFixture two = new SchedulesFixture(time, queueService, store, sharedLeases);

    time.advance(Duration.ofMinutes(3));

    assertThat(two.scheduler.armedRules()).isEqualTo(1);
    assertThat(one.drain("shared")).hasSize(3);
    one.close();
    two.close();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
