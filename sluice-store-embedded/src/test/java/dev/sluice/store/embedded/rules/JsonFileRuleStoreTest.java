package dev.sluice.store.embedded.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schedules.rules.EventBus;
import dev.sluice.schedules.rules.InputTransformer;
import dev.sluice.schedules.rules.RetryPolicy;
import dev.sluice.schedules.rules.Rule;
import dev.sluice.schedules.rules.RuleState;
import dev.sluice.schedules.rules.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileRuleStoreTest {

  @TempDir Path dir;

  private static Rule rule(String name) {
    return new Rule(name, "arn:aws:events:us-east-1:000000000000:rule/" + name, "desc",
        "rate(1 minute)", null, RuleState.ENABLED, null, 1_767_225_600_000L,
        Map.of("team", "a"),
        List.of(new Target("q", "arn:aws:sqs:us-east-1:000000000000:q.fifo", null, null,
            new InputTransformer(Map.of("s", "$.source"), "{\"s\": \"<s>\"}"), "g1",
            new RetryPolicy(3, 120), "arn:aws:sqs:us-east-1:000000000000:dlq")));
  }

  @Test
  void rules_with_their_targets_and_tags_survive_reopening() throws Exception {
    try (JsonFileRuleStore store = JsonFileRuleStore.open(dir)) {
      store.put(rule("b"));
      store.put(rule("a"));
      store.put(rule("gone"));
      store.delete("default", "gone");
      store.put(rule("a").withState(RuleState.DISABLED));
    }

    try (JsonFileRuleStore reopened = JsonFileRuleStore.open(dir)) {
      assertThat(reopened.all()).containsExactly(rule("a").withState(RuleState.DISABLED), rule("b"));
    }
  }

  @Test
  void a_write_interrupted_by_a_crash_leaves_the_last_complete_file() throws Exception {
    try (JsonFileRuleStore store = JsonFileRuleStore.open(dir)) {
      store.put(rule("kept"));
    }
    Files.writeString(dir.resolve(JsonFileRuleStore.FILE + ".tmp"), "{\"version\":1,\"rul");

    try (JsonFileRuleStore reopened = JsonFileRuleStore.open(dir)) {
      assertThat(reopened.all()).containsExactly(rule("kept"));
      assertThat(dir.resolve(JsonFileRuleStore.FILE + ".tmp")).doesNotExist();
    }
  }

  @Test
  void custom_buses_and_their_rules_survive_reopening_beside_same_named_default_rules()
      throws Exception {
    Rule onBus = new Rule("a", "arn:aws:events:us-east-1:000000000000:rule/orders/a", null, null,
        "{\"source\":[\"x\"]}", RuleState.ENABLED, null, 1L, Map.of(), List.of(), "orders");
    EventBus bus = new EventBus("orders", "arn:aws:events:us-east-1:000000000000:event-bus/orders",
        "desc", 1L, 2L, Map.of("k", "v"));
    try (JsonFileRuleStore store = JsonFileRuleStore.open(dir)) {
      store.put(rule("a"));
      store.put(onBus);
      store.putBus(bus);
      store.putBus(new EventBus("gone", "arn", null, 1L, 1L, null));
      store.deleteBus("gone");
    }

    try (JsonFileRuleStore reopened = JsonFileRuleStore.open(dir)) {
      assertThat(reopened.all()).containsExactly(rule("a"), onBus);
      assertThat(reopened.get("orders", "a")).contains(onBus);
      assertThat(reopened.get("default", "a")).contains(rule("a"));
      assertThat(reopened.buses()).containsExactly(bus);
    }
  }

  @Test
  void a_version_1_file_reads_as_rules_on_the_default_bus() throws Exception {
    Files.writeString(dir.resolve(JsonFileRuleStore.FILE), "{\"version\":1,\"rules\":[{\"name\":"
        + "\"old\",\"arn\":\"arn:aws:events:us-east-1:000000000000:rule/old\",\"scheduleExpression\":"
        + "\"rate(1 minute)\",\"state\":\"ENABLED\",\"createdMillis\":5,\"tags\":{},\"targets\":[]}]}");

    try (JsonFileRuleStore reopened = JsonFileRuleStore.open(dir)) {
      assertThat(reopened.get("default", "old")).get()
          .satisfies(rule -> assertThat(rule.onDefaultBus()).isTrue());
      assertThat(reopened.buses()).isEmpty();
    }
  }
}
