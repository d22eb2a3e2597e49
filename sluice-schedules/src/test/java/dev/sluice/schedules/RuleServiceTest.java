package dev.sluice.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.queue.model.ReceivedMessage;
import dev.sluice.schedules.rules.EventsError;
import dev.sluice.schedules.rules.EventsException;
import dev.sluice.schedules.rules.InputTransformer;
import dev.sluice.schedules.rules.Page;
import dev.sluice.schedules.rules.PutEventsEntry;
import dev.sluice.schedules.rules.PutEventsResultEntry;
import dev.sluice.schedules.rules.PutRuleRequest;
import dev.sluice.schedules.rules.Rule;
import dev.sluice.schedules.rules.RuleState;
import dev.sluice.schedules.rules.Target;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuleServiceTest {

  private static final String EVENTS = "events-test_events.snapshot.json";
  private static final String PATTERN =
      "{\"source\":[\"core.update-account-command\"],\"detail\":{\"command\":[\"update-account\"]}}";

  private final SchedulesFixture f = new SchedulesFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void put_rule_answers_the_rule_arn_and_describe_returns_what_was_put() {
    String arn = f.rules.putRule(new PutRuleRequest("nightly", "cron(0 20 * * ? *)", null, null,
        "every night", "arn:aws:iam::111111111111:role/r", Map.of("team", "a"), "default"));

    Rule rule = f.rules.describeRule("nightly", null);

    assertThat(arn).isEqualTo("arn:aws:events:us-east-1:111111111111:rule/nightly");
    assertThat(rule.state()).isEqualTo(RuleState.ENABLED);
    assertThat(rule.description()).isEqualTo("every night");
    assertThat(rule.scheduleExpression()).isEqualTo("cron(0 20 * * ? *)");
    assertThat(f.rules.listTagsForResource(arn)).containsEntry("team", "a");
  }

  @Test
  void an_invalid_schedule_expression_is_refused_with_the_recorded_message_and_changes_nothing() {
    String recorded = AwsRecording.recorded("events-test_events_schedule.snapshot.json",
            "tests_put_rule_with_invalid_schedule_cron[cron(0 1 * * * *)]")
        .at("/invalid-put-rule/Error/Message").asText();

    assertRefused(() -> f.putScheduleRule("bad", "cron(0 1 * * * *)"), EventsError.VALIDATION,
        recorded);
    assertThat(f.rules.listRules(null, null, null, null).items()).isEmpty();
  }

  @Test
  void an_unknown_rule_is_not_found_with_the_recorded_message() {
    String recorded = AwsRecording.recorded(EVENTS, "TestEventRule::test_describe_nonexistent_rule")
        .at("/describe-not-existing-rule-error/Error/Message").asText()
        .replace("<rule-name>", "nope");

    assertRefused(() -> f.rules.describeRule("nope", null), EventsError.RESOURCE_NOT_FOUND,
        recorded);
    assertRefused(() -> f.rules.putTargets("nope", null, List.of(Target.of("t", "arn:x"))),
        EventsError.RESOURCE_NOT_FOUND, recorded);
  }

  @Test
  void a_rule_with_targets_cannot_be_deleted_until_they_are_removed() {
    String recorded = AwsRecording.recorded(EVENTS, "TestEventRule::test_delete_rule_with_targets")
        .at("/delete-rule-with-targets-error/Error/Message").asText();
    f.putScheduleRule("busy", "rate(5 minutes)");
    f.rules.putTargets("busy", null, List.of(Target.of("t", f.createQueue("busy-q"))));

    assertRefused(() -> f.rules.deleteRule("busy", null, false), EventsError.VALIDATION, recorded);
    f.rules.removeTargets("busy", null, List.of("t"));
    f.rules.deleteRule("busy", null, false);

    assertThat(f.rules.listRules(null, null, null, null).items()).isEmpty();
  }

  @Test
  void list_rules_filters_by_prefix_and_pages_with_a_next_token() {
    for (int i = 0; i < 5; i++) {
      f.putScheduleRule("page-" + i, "rate(1 day)");
    }
    f.putScheduleRule("other", "rate(1 day)");

    Page<Rule> first = f.rules.listRules("page-", null, null, 2);
    Page<Rule> second = f.rules.listRules("page-", null, first.nextToken(), 2);
    Page<Rule> last = f.rules.listRules("page-", null, second.nextToken(), 2);

    assertThat(first.items()).extracting(Rule::name).containsExactly("page-0", "page-1");
    assertThat(second.items()).extracting(Rule::name).containsExactly("page-2", "page-3");
    assertThat(last.items()).extracting(Rule::name).containsExactly("page-4");
    assertThat(last.nextToken()).isNull();
  }

  @Test
  void put_targets_replaces_by_id_and_refuses_a_sixth_target() {
    f.putScheduleRule("many", "rate(1 day)");
    for (int i = 0; i < 5; i++) {
      f.rules.putTargets("many", null, List.of(Target.of("t" + i, "arn:aws:sqs:us-east-1:1:q" + i)));
    }
    f.rules.putTargets("many", null, List.of(Target.of("t0", "arn:aws:sqs:us-east-1:1:replaced")));

    assertThat(f.rules.listTargetsByRule("many", null, null, null).items()).hasSize(5)
        .extracting(Target::arn).contains("arn:aws:sqs:us-east-1:1:replaced");
    assertThat(f.rules.listRuleNamesByTarget("arn:aws:sqs:us-east-1:1:q1", null, null, null)
        .items()).containsExactly("many");
    assertRefused(() -> f.rules.putTargets("many", null, List.of(Target.of("t5", "arn:x"))),
        EventsError.LIMIT_EXCEEDED, "The requested resource exceeds the maximum number allowed.");
  }

  @Test
  void bad_target_ids_and_mixed_inputs_are_refused_as_aws_words_it() {
    f.putScheduleRule("strict", "rate(1 day)");

    assertRefused(() -> f.rules.putTargets("strict", null, List.of(Target.of("!@#$@!#$", "arn:x"))),
        EventsError.VALIDATION, "1 validation error detected: Value '!@#$@!#$' at"
            + " 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular"
            + " expression pattern: [\\.\\-_A-Za-z0-9]+");
    assertRefused(() -> f.rules.putTargets("strict", null, List.of(
            new Target("both", "arn:x", "{}", "$.detail", null, null, null, null))),
        EventsError.VALIDATION,
        "Only one of Input, InputPath, or InputTransformer must be provided for target both.");
    assertRefused(() -> f.rules.putTargets("strict", null, List.of(new Target("tpl", "arn:x", null,
            null, new InputTransformer(Map.of(), "{\"a\": <notdefinedkey>}"), null, null, null))),
        EventsError.VALIDATION,
        "InputTemplate for target tpl contains invalid placeholder notdefinedkey.");
    assertThat(f.rules.listTargetsByRule("strict", null, null, null).items()).isEmpty();
  }

  @Test
  void put_events_delivers_to_enabled_rules_whose_pattern_matches() {
    String queueArn = f.createQueue("matched");
    f.rules.putRule(new PutRuleRequest("accounts", null, PATTERN, null, null, null, null, null));
    f.rules.putTargets("accounts", null, List.of(Target.of("q", queueArn)));
    f.rules.putRule(new PutRuleRequest("off", null, PATTERN, RuleState.DISABLED, null, null, null,
        null));
    f.rules.putTargets("off", null, List.of(Target.of("q", queueArn)));

    List<PutEventsResultEntry> results = f.rules.putEvents(List.of(
        new PutEventsEntry("core.update-account-command", "core.update-account-command",
            "{\"command\":\"update-account\",\"payload\":{\"acc_id\":\"0a787ecb-4015\"}}",
            null, null, null),
        new PutEventsEntry("core.update-account-command", "x", "{\"command\":\"other\"}", null,
            null, null)));
    List<ReceivedMessage> delivered = f.drain("matched");

    assertThat(results).noneMatch(PutEventsResultEntry::failed);
    assertThat(delivered).hasSize(1);
    var event = SchedulesFixture.json(delivered.get(0).body());
    assertThat(event.get("id").asText()).isEqualTo(results.get(0).eventId());
    assertThat(event.at("/detail/payload/acc_id").asText()).isEqualTo("0a787ecb-4015");
    assertThat(event.get("resources")).isEmpty();
  }

  @Test
  void put_events_reports_entries_without_source_or_with_malformed_detail() {
    String recorded = AwsRecording.recorded(EVENTS, "TestEvents::test_put_events_without_source")
        .at("/put-events/Entries/0/ErrorMessage").asText();

    List<PutEventsResultEntry> results = f.rules.putEvents(List.of(
        new PutEventsEntry(null, "t", "{}", null, null, null),
        new PutEventsEntry("s", "t", "\"just a string\"", null, null, null)));

    assertThat(results.get(0).errorCode()).isEqualTo("InvalidArgument");
    assertThat(results.get(0).errorMessage()).isEqualTo(recorded);
    assertThat(results.get(1).errorCode()).isEqualTo("MalformedDetail");
    assertThat(results.get(1).errorMessage()).isEqualTo("Detail is malformed.");
  }

  @Test
  void put_events_reaches_only_the_rules_of_the_entrys_bus() {
    String defaultQueue = f.createQueue("on-default");
    String busQueue = f.createQueue("on-bus");
    f.rules.createEventBus("orders", null, Map.of());
    f.rules.putRule(new PutRuleRequest("same", null, PATTERN, null, null, null, null, null));
    f.rules.putTargets("same", null, List.of(Target.of("q", defaultQueue)));
    String busRule = f.rules.putRule(
        new PutRuleRequest("same", null, PATTERN, null, null, null, null, "orders"));
    f.rules.putTargets("same", "orders", List.of(Target.of("q", busQueue)));
    String detail = "{\"command\":\"update-account\"}";
    String type = "core.update-account-command";

    List<PutEventsResultEntry> results = f.rules.putEvents(List.of(
        new PutEventsEntry(type, type, detail, null, null, "orders"),
        new PutEventsEntry(type, type, detail, null, null,
            "arn:aws:events:us-east-1:111111111111:event-bus/orders"),
        new PutEventsEntry(type, type, detail, null, null, null),
        new PutEventsEntry(type, type, detail, null, null, "no-such-bus")));

    assertThat(busRule).isEqualTo("arn:aws:events:us-east-1:111111111111:rule/orders/same");
    assertThat(results).noneMatch(PutEventsResultEntry::failed); // AWS accepts unknown buses too
    assertThat(f.drain("on-bus")).hasSize(2);
    assertThat(f.drain("on-default")).hasSize(1);
  }

  @Test
  void a_custom_bus_rule_named_like_a_schedule_rule_leaves_its_timer_alone() {
    f.rules.createEventBus("orders", null, Map.of());
    f.putScheduleRule("tick", "rate(1 minute)");
    f.rules.putRule(new PutRuleRequest("tick", null, PATTERN, null, null, null, null, "orders"));
    f.rules.deleteRule("tick", "orders", false);

    assertThat(f.scheduler.armedRules()).isEqualTo(1);
    assertThat(f.rules.describeRule("tick", null).hasSchedule()).isTrue();
  }

  @Test
  void deleting_a_bus_deletes_its_rules_and_unknown_buses_are_refused_as_aws_does() {
    f.rules.createEventBus("orders", "d", Map.of("k", "v"));
    f.rules.putRule(new PutRuleRequest("r", null, PATTERN, null, null, null, null, "orders"));
    f.rules.tagResource("arn:aws:events:us-east-1:111111111111:rule/orders/r", Map.of("t", "1"));

    f.rules.deleteEventBus("orders");

    assertThat(f.rules.store().all()).isEmpty();
    assertRefused(() -> f.rules.describeRule("r", "orders"), EventsError.RESOURCE_NOT_FOUND,
        "Event bus orders does not exist.");
    assertRefused(() -> f.rules.deleteEventBus("orders"), EventsError.RESOURCE_NOT_FOUND,
        "Event bus orders does not exist.");
    assertThat(f.rules.listEventBuses(null, null, null).items())
        .extracting(bus -> bus.name()).containsExactly("default");
  }

  @Test
  void list_event_buses_pages_by_name_prefix() {
    for (int i = 0; i < 5; i++) {
      f.rules.createEventBus("bus-" + i, null, Map.of());
    }

    Page<dev.sluice.schedules.rules.EventBus> first = f.rules.listEventBuses("bus-", null, 3);
    Page<dev.sluice.schedules.rules.EventBus> second =
        f.rules.listEventBuses("bus-", first.nextToken(), 3);

    assertThat(first.items()).extracting(bus -> bus.name())
        .containsExactly("bus-0", "bus-1", "bus-2");
    assertThat(second.items()).extracting(bus -> bus.name()).containsExactly("bus-3", "bus-4");
    assertThat(second.nextToken()).isNull();
  }

  private static void assertRefused(ThrowingCallable call, EventsError error, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(EventsException.class, e -> assertThat(e.error()).isEqualTo(error))
        .hasMessage(message);
  }
}
