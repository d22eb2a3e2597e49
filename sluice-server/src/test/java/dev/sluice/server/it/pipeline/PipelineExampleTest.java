package dev.sluice.server.it.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.it.support.SdkClients;
import dev.sluice.server.it.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The classic pipeline of examples/python, run as a newcomer runs it ({@code demo.py}, which
 * {@code ./sluice demo} starts) against a fresh server: deploy, 100 jobs, the rule run now (or the
 * event-source mapping), until every job is processed. The script checks every job id came back;
 * this test checks its summary and, independently through the SDK, that every job was deleted.
 */
@DisplayName("The pipeline example (examples/python/demo.py)")
class PipelineExampleTest {

  private static final Path DEMO = Path.of("..", "examples", "python", "demo.py");
  private static final int JOBS = 100;
  /**
   * Normally about 15 s a variant. The bound is generous because a worker cold start that misses
   * the 10 s init limit on a loaded machine costs a visibility timeout (60 s) before its job is
   * tried again.
   */
  private static final Duration DEMO_TIME_LIMIT = Duration.ofSeconds(170);
  /**
   * Standard queues deliver at least once, and a worker whose cold start fails is retried while
   * its job reappears: a few jobs done twice are normal. Lost deletes would redo every job.
   */
  private static final int MAX_DUPLICATES = JOBS / 4;

  private static final Pattern SUMMARY = Pattern.compile(
      "summary: variant=(\\w+) processed=(\\d+)/(\\d+) results=(\\d+) duplicates=(\\d+) "
          + "queued=(\\d+) in_flight=(\\d+) dlq=(-?\\d+)");

  @Test
  void the_rule_and_consumer_variant_processes_and_deletes_every_job() {
    try (TestServer server = TestServer.start()) {
      Summary summary = runDemo(server.endpoint());

      assertThat(summary.variant()).isEqualTo("rule");
      assertEveryJobProcessedAndDeleted(server.endpoint(), summary);
    }
  }

  @Test
  void the_event_source_mapping_variant_processes_and_deletes_every_job() {
    try (TestServer server = TestServer.start()) {
      Summary summary = runDemo(server.endpoint(), "--mapping");

      assertThat(summary.variant()).isEqualTo("mapping");
      assertEveryJobProcessedAndDeleted(server.endpoint(), summary);
    }
  }

  private static void assertEveryJobProcessedAndDeleted(URI endpoint, Summary summary) {
    assertThat(summary.sent()).isEqualTo(JOBS);
    assertThat(summary.processed()).isEqualTo(JOBS);
    assertThat(summary.results()).isEqualTo(JOBS + summary.duplicates());
    assertThat(summary.duplicates()).isBetween(0, MAX_DUPLICATES);
    assertThat(List.of(summary.queued(), summary.inFlight(), summary.dlq()))
        .containsOnly(0);
    try (SqsClient sqs = SdkClients.sqsV2(endpoint)) {
      assertThat(messagesIn(sqs, "jobs")).as("jobs left in the queue or in flight").isZero();
      assertThat(messagesIn(sqs, "jobs-dlq")).as("jobs in the dead-letter queue").isZero();
      assertThat(messagesIn(sqs, "results")).as("results the demo did not read").isZero();
    }
    System.out.printf("pipeline example, %s variant: %d jobs, %d duplicate deliveries%n",
        summary.variant(), JOBS, summary.duplicates());
  }

  private static int messagesIn(SqsClient sqs, String queue) {
    String url = sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
    Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url)
        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
    return attributes.values().stream().mapToInt(Integer::parseInt).sum();
  }

  /** Runs demo.py to the end in a clean environment; its output must end in a summary. */
  private static Summary runDemo(URI endpoint, String... options) {
    Path scratch = TestServer.TempDirs.create("sluice-demo-");
    try {
      List<String> command = new java.util.ArrayList<>(List.of("python3", "-u",
          DEMO.getFileName().toString(), "--endpoint", endpoint.toString(),
          "--messages", String.valueOf(JOBS), "--timeout", "150"));
      command.addAll(List.of(options));
      Path output = scratch.resolve("output.txt");
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(DEMO.getParent().toFile())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile());
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(name -> name.startsWith("AWS_"));
      // No credentials and no shared config: demo.py must make do as a newcomer's would.
      env.put("AWS_CONFIG_FILE", scratch.resolve("no-config").toString());
      env.put("AWS_SHARED_CREDENTIALS_FILE", scratch.resolve("no-credentials").toString());
      env.put("AWS_EC2_METADATA_DISABLED", "true");
      env.put("PYTHONDONTWRITEBYTECODE", "1");

      Process process = builder.start();
      boolean finished = process.waitFor(DEMO_TIME_LIMIT.toSeconds(), TimeUnit.SECONDS);
      if (!finished) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      assertThat(finished).as("demo.py finished within %s; output:%n%s", DEMO_TIME_LIMIT, text)
          .isTrue();
      assertThat(process.exitValue()).as("exit code of demo.py; output:%n%s", text).isZero();
      Matcher matcher = SUMMARY.matcher(text);
      assertThat(matcher.find()).as("a summary line in:%n%s", text).isTrue();
      return Summary.of(matcher);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run python3 " + DEMO, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      TestServer.TempDirs.delete(scratch);
    }
  }

  record Summary(String variant, int processed, int sent, int results, int duplicates,
                 int queued, int inFlight, int dlq) {
    static Summary of(Matcher m) {
      return new Summary(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
          Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)),
          Integer.parseInt(m.group(8)));
    }
  }
}
