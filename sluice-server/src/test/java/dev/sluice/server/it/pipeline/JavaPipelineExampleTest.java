package dev.sluice.server.it.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.it.support.SdkClients;
import dev.sluice.server.it.support.TestServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The pipeline example of examples/java (AWS SDK for Java v2, runtime java17), built with Maven
 * from a copy of its sources and run with its own Deploy and Producer programs against a fresh
 * server: first the rule variant (run now), then the event-source-mapping variant. The test reads
 * the results queue and checks every job's result, that every job was deleted and none went to
 * the dead-letter queue.
 */
@DisplayName("The Java pipeline example (examples/java)")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaPipelineExampleTest {

  private static final Path PROJECT = Path.of("..", "examples", "java");
  private static final int JOBS = 30;
  private static final Duration STEP_LIMIT = Duration.ofSeconds(150);
  private static final Pattern RUN_ID = Pattern.compile("sent \\d+ jobs to jobs \\(run (\\w+)\\)");
  private static final Pattern RESULT = Pattern.compile(
      "\\{\"jobId\":\"(\\w+-\\d+)\",\"sha256\":\"(\\w+)\",.*\"via\":\"(\\w+)\"}");

  Path work;
  Path classPath;
  TestServer server;
  SqsClient sqs;

  @BeforeAll
  void buildTheExampleAndStartAServer() throws IOException {
    work = TestServer.TempDirs.create("sluice-java-example-");
    classPath = build(work);
    // The function package carries the SDK (about 11 MB): more than the 8 MiB default allows in
    // one request, less than AWS's 50 MB for a direct upload.
    server = TestServer.start(b -> b.maxRequestSize(64 * 1024 * 1024));
    sqs = SdkClients.sqsV2(server.endpoint());
  }

  @AfterAll
  void stopTheServer() {
    if (sqs != null) {
      sqs.close();
    }
    if (server != null) {
      server.close();
    }
    TestServer.TempDirs.delete(work);
  }

  @Test
  void both_variants_process_every_job_and_delete_it() throws Exception {
    run("example.pipeline.Deploy");
    String rule = run("example.pipeline.Producer", String.valueOf(JOBS));
    runRuleNow("consume-jobs-every-minute");
    Map<String, Integer> byRule = resultsOf(runIdIn(rule), "consumer");
    assertEveryJobDoneAndDeleted(byRule);

    run("example.pipeline.Deploy", "--mapping");
    String mapping = run("example.pipeline.Producer", String.valueOf(JOBS));
    Map<String, Integer> byMapping = resultsOf(runIdIn(mapping), "mapping");
    assertEveryJobDoneAndDeleted(byMapping);

    System.out.printf("java pipeline example: %d jobs a variant; duplicate deliveries: rule %d, "
        + "mapping %d%n", JOBS, duplicates(byRule), duplicates(byMapping));
  }

  private void assertEveryJobDoneAndDeleted(Map<String, Integer> deliveries) {
    assertThat(deliveries).hasSize(JOBS);
    // At least once: a few jobs done twice are normal; lost deletes would redo every job.
    assertThat(duplicates(deliveries)).isLessThanOrEqualTo(JOBS / 4);
    waitUntil(() -> messagesIn("jobs") == 0, "the jobs queue is empty, nothing in flight");
    assertThat(messagesIn("jobs-dlq")).as("jobs in the dead-letter queue").isZero();
  }

  private static int duplicates(Map<String, Integer> deliveries) {
    return deliveries.values().stream().mapToInt(n -> n - 1).sum();
  }

  /** Reads results until every job of the run has one; checks each one's hash. */
  private Map<String, Integer> resultsOf(String runId, String via) {
    String url = sqs.getQueueUrl(r -> r.queueName("results")).queueUrl();
    Map<String, Integer> deliveries = new HashMap<>();
    Instant deadline = Instant.now().plus(STEP_LIMIT);
    while (deliveries.size() < JOBS && Instant.now().isBefore(deadline)) {
      for (Message message : sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
          .waitTimeSeconds(1)).messages()) {
        Matcher result = RESULT.matcher(message.body());
        assertThat(result.matches()).as("a result: %s", message.body()).isTrue();
        String jobId = result.group(1);
        assertThat(jobId).startsWith(runId + "-");
        int n = Integer.parseInt(jobId.substring(runId.length() + 1));
        assertThat(result.group(2)).isEqualTo(sha256Rounds("job " + n + " of run " + runId));
        assertThat(result.group(3)).isEqualTo(via);
        deliveries.merge(jobId, 1, Integer::sum);
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
      }
    }
    assertThat(deliveries).as("jobs of run %s with a result", runId).hasSize(JOBS);
    return deliveries;
  }

  /** The worker's job: SHA-256 over the payload, 2000 times. */
  private static String sha256Rounds(String payload) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] digest = payload.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 2000; i++) {
        digest = sha256.digest(digest);
      }
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private int messagesIn(String queue) {
    String url = sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
    return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
        .attributes().values().stream().mapToInt(Integer::parseInt).sum();
  }

  private void runRuleNow(String rule) throws IOException, InterruptedException {
    HttpResponse<String> answer = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(server.endpoint().resolve("/_sluice/rules/" + rule + "/run"))
            .POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("\"delivered\":true");
  }

  private static String runIdIn(String producerOutput) {
    Matcher matcher = RUN_ID.matcher(producerOutput);
    assertThat(matcher.find()).as("the run id in: %s", producerOutput).isTrue();
    return matcher.group(1);
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition, String what) {
    Instant deadline = Instant.now().plus(STEP_LIMIT);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waiting until %s", what).isBefore(deadline);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Runs one of the example's main classes as a user would: endpoint from the environment. */
  private String run(String mainClass, String... args) {
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-cp", classPath.toString(),
        mainClass));
    command.addAll(List.of(args));
    return execute(command, work, Map.of(
        "AWS_ENDPOINT_URL", server.endpoint().toString(),
        "AWS_ACCESS_KEY_ID", SdkClients.DUMMY_ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY", SdkClients.DUMMY_SECRET_KEY,
        "AWS_REGION", SdkClients.REGION));
  }

  /**
   * Builds a copy of examples/java (its target folder stays the user's): offline when everything
   * is downloaded already, as ./sluice does, online otherwise. Returns the programs' class path.
   */
  private static Path build(Path work) throws IOException {
    Path copy = work.resolve("java");
    try (Stream<Path> files = Files.walk(PROJECT)) {
      for (Path file : (Iterable<Path>) files.filter(p -> !p.startsWith(PROJECT.resolve("target")))
          ::iterator) {
        Path target = copy.resolve(PROJECT.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    List<String> offline = List.of("mvn", "-o", "-q", "-B", "package");
    try {
      execute(offline, copy, Map.of());
    } catch (AssertionError missingDependencies) {
      execute(List.of("mvn", "-q", "-B", "package"), copy, Map.of());
    }
    return Path.of(copy.resolve("target/classes") + File.pathSeparator
        + copy.resolve("target/lib") + File.separator + "*");
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Runs a command to the end in a clean AWS environment; returns its output, asserting exit 0. */
  private static String execute(List<String> command, Path directory, Map<String, String> vars) {
    try {
      Path output = Files.createTempFile(directory, "output-", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
          .redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
      builder.environment().put("AWS_CONFIG_FILE", directory.resolve("no-config").toString());
      builder.environment().put("AWS_SHARED_CREDENTIALS_FILE",
          directory.resolve("no-credentials").toString());
      builder.environment().putAll(vars);
      Process process = builder.start();
      boolean finished = process.waitFor(STEP_LIMIT.toSeconds(), TimeUnit.SECONDS);
      if (!finished) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      assertThat(finished).as("%s finished; output:%n%s", command, text).isTrue();
      assertThat(process.exitValue()).as("exit code of %s; output:%n%s", command, text).isZero();
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
