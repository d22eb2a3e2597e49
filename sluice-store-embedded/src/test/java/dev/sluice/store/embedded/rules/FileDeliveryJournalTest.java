package dev.sluice.store.embedded.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.queue.QueueService;
import dev.sluice.core.queue.engine.InMemoryQueueStore;
import dev.sluice.core.queue.model.ReceiveMessageRequest;
import dev.sluice.core.queue.model.ReceivedMessage;
import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.schedules.delivery.SqsTargetSender;
import dev.sluice.schedules.delivery.TargetDelivery;
import dev.sluice.schedules.delivery.TargetDeliveryException;
import dev.sluice.schedules.delivery.TargetSender;
import dev.sluice.schedules.rules.RetryPolicy;
import dev.sluice.schedules.rules.Rule;
import dev.sluice.schedules.rules.RuleState;
import dev.sluice.schedules.rules.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pending retries across a restart: a "server" (TargetDelivery on a journal) fails some attempts,
 * stops; a new one on a reopened journal and a later clock carries on with the remaining budget.
 */
class FileDeliveryJournalTest {

  private static final String ACCOUNT = "111111111111";
  private static final String FUNCTION = "arn:aws:lambda:us-east-1:111111111111:function:f";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final ManualTimeSource time = new ManualTimeSource(1_767_225_600_000L);
  private final QueueService queues =
      new QueueService(new InMemoryQueueStore(time), time, ACCOUNT, "us-east-1");

  @Test
  void a_pending_retry_survives_a_restart_and_is_delivered_by_the_next_run() throws Exception {
    FailingSender first = new FailingSender(Integer.MAX_VALUE);
    Rule rule = rule(Target.of("fn", FUNCTION).withRetry(new RetryPolicy(10, 3600), null));
    try (FileDeliveryJournal journal = FileDeliveryJournal.open(dir)) {
      delivery(first, journal).deliver(rule, rule.targets().get(0), event("e-1")).join();
    }
    assertThat(files()).hasSize(1);

    // The server was down for a minute; the retry due after 1 s runs at once on the next start.
    ManualTimeSource later = new ManualTimeSource(time.nowMillis() + 60_000);
    FailingSender second = new FailingSender(0);
    try (FileDeliveryJournal reopened = FileDeliveryJournal.open(dir)) {
      int resumed = delivery(second, reopened, later).resume();
      later.runDueTasks();

      assertThat(resumed).isEqualTo(1);
      assertThat(second.payloads).hasSize(1);
      assertThat(JSON.readTree(second.payloads.get(0)).get("id").asText()).isEqualTo("e-1");
      assertThat(files()).isEmpty();
    }
  }

  @Test
  void the_retry_budget_left_carries_over_and_ends_in_the_dead_letter_queue() throws Exception {
    queues.createQueue("dlq", Map.of(), Map.of()).join();
    String dlq = queues.queueArn("dlq");
    Rule rule = rule(Target.of("fn", FUNCTION).withRetry(new RetryPolicy(3, 3600), dlq));
    try (FileDeliveryJournal journal = FileDeliveryJournal.open(dir)) {
      TargetDelivery delivery = delivery(new FailingSender(Integer.MAX_VALUE), journal);
      delivery.deliver(rule, rule.targets().get(0), event("e-2")).join();
      time.advance(Duration.ofSeconds(1)); // retry 1 fails; retry 2 is saved for +2 s
    }
    ManualTimeSource later = new ManualTimeSource(time.nowMillis());
    FailingSender stillFailing = new FailingSender(Integer.MAX_VALUE);
    try (FileDeliveryJournal reopened = FileDeliveryJournal.open(dir)) {
      delivery(stillFailing, reopened, later).resume();
      later.advance(Duration.ofSeconds(2)); // retry 2
      later.advance(Duration.ofSeconds(4)); // retry 3, the last: then the dead-letter queue
    }

    assertThat(stillFailing.payloads).hasSize(2);
    List<ReceivedMessage> dead = queues.receiveMessage("dlq", new ReceiveMessageRequest(
        10, null, 0, List.of("All"), null, List.of("All"), null)).join();
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).messageAttributes().get("RETRY_ATTEMPTS").stringValue()).isEqualTo("3");
    assertThat(dead.get(0).messageAttributes().get("EXHAUSTED_RETRY_CONDITION").stringValue())
        .isEqualTo("MaximumRetryAttempts");
    assertThat(JSON.readTree(dead.get(0).body()).get("id").asText()).isEqualTo("e-2");
    assertThat(files()).isEmpty();
  }

  @Test
  void the_event_age_limit_counts_from_the_first_attempt_across_the_restart() throws Exception {
    Rule rule = rule(Target.of("fn", FUNCTION).withRetry(new RetryPolicy(185, 60), null));
    try (FileDeliveryJournal journal = FileDeliveryJournal.open(dir)) {
      delivery(new FailingSender(Integer.MAX_VALUE), journal)
          .deliver(rule, rule.targets().get(0), event("e-3")).join();
    }
    ManualTimeSource muchLater = new ManualTimeSource(time.nowMillis() + 3_600_000);
    FailingSender sender = new FailingSender(Integer.MAX_VALUE);
    try (FileDeliveryJournal reopened = FileDeliveryJournal.open(dir)) {
      delivery(sender, reopened, muchLater).resume();
      muchLater.runDueTasks();
    }

    assertThat(sender.payloads).hasSize(1); // the overdue retry, then the age limit drops it
    assertThat(files()).isEmpty();
  }

  @Test
  void success_on_the_first_attempt_writes_nothing() throws Exception {
    Rule rule = rule(Target.of("fn", FUNCTION));
    try (FileDeliveryJournal journal = FileDeliveryJournal.open(dir)) {
      delivery(new FailingSender(0), journal).deliver(rule, rule.targets().get(0), event("e-4"))
          .join();
    }
    assertThat(files()).isEmpty();
  }

  @Test
  void an_interrupted_write_is_discarded_at_open() throws Exception {
    Files.writeString(dir.resolve("abc.json.tmp"), "{\"id\":");
    try (FileDeliveryJournal journal = FileDeliveryJournal.open(dir)) {
      assertThat(journal.all()).isEmpty();
    }
    assertThat(dir.resolve("abc.json.tmp")).doesNotExist();
  }

  private TargetDelivery delivery(TargetSender sender, FileDeliveryJournal journal) {
    return delivery(sender, journal, time);
  }

  private TargetDelivery delivery(
      TargetSender sender, FileDeliveryJournal journal, ManualTimeSource clock) {
    SqsTargetSender sqs = new SqsTargetSender(queues);
    return new TargetDelivery(List.of(sender, sqs), sqs, clock, journal);
  }

  private static Rule rule(Target target) {
    return new Rule("r", "arn:aws:events:us-east-1:111111111111:rule/r", null, "rate(1 hour)",
        null, RuleState.ENABLED, null, 0L, Map.of(), List.of(target));
  }

  private static com.fasterxml.jackson.databind.JsonNode event(String id) throws Exception {
    return JSON.readTree("{\"version\":\"0\",\"id\":\"" + id + "\",\"detail-type\":\"t\","
        + "\"source\":\"s\",\"detail\":{}}");
  }

  private List<Path> files() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  /** A Lambda target that fails its first {@code failures} attempts with a retryable error. */
  private static final class FailingSender implements TargetSender {
    final List<String> payloads = new ArrayList<>();
    private int failures;

    FailingSender(int failures) {
      this.failures = failures;
    }

    @Override
    public boolean handles(String targetArn) {
      return targetArn.startsWith("arn:aws:lambda:");
    }

    @Override
    public synchronized CompletableFuture<Void> send(Target target, String payload, String eventId) {
      payloads.add(payload);
      if (failures-- > 0) {
        return CompletableFuture.failedFuture(
            new TargetDeliveryException("Lambda.ServiceException", "down", true));
      }
      return CompletableFuture.completedFuture(null);
    }
  }
}
