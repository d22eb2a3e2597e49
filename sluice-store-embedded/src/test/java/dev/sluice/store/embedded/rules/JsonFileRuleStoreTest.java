package dev.sluice.store.embedded.rules;

import static org.assertj.core.api.Assertions.assertThat;

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
      store.delete("gone");
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
}
