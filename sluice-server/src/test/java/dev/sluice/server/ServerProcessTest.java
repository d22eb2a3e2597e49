package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.queue.store.QueueCounts;
import dev.sluice.core.time.SystemTimeSource;
import dev.sluice.server.testing.SluiceProcess;
import dev.sluice.store.embedded.EmbeddedQueueStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server as an OS process, the way {@code ./sluice server} runs it. */
class ServerProcessTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  @Test
  void a_server_on_port_0_prints_exactly_one_ready_line_naming_its_real_port() {
    try (SluiceProcess server = SluiceProcess.start(dataDir)) {
      HttpResponse<String> health = new SqsJson(server.endpoint()).get("/_sluice/health");

      assertThat(server.stdout())
          .containsExactly("Sluice ready on http://127.0.0.1:" + server.port());
      assertThat(server.port()).isPositive();
      assertThat(health.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void sigterm_answers_pending_long_polls_closes_the_store_cleanly_and_exits_0() throws Exception {
    // DEBUG makes the server log each request, so the test knows the long poll has arrived.
    SluiceProcess server = SluiceProcess.start(List.of("-DSLUICE_LOG_LEVEL=DEBUG"), dataDir);
    try (server) {
      SqsJson sqs = new SqsJson(server.endpoint());
      String ordersUrl = sqs.createQueue("orders");
      sqs.send(ordersUrl, "acknowledged before shutdown");
      String emptyUrl = sqs.createQueue("empty");
      CompletableFuture<HttpResponse<String>> longPoll =
          sqs.callAsync("ReceiveMessage", SqsJson.receiveBody(emptyUrl, 20));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> server.log().contains("AmazonSQS.ReceiveMessage"));

      long sigterm = System.nanoTime();
      int exitCode = server.stop();

      HttpResponse<String> answer = longPoll.get(1, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(answer.body()).path("Messages")).isEmpty();
      assertThat(exitCode).isZero();
      assertThat(Duration.ofNanos(System.nanoTime() - sigterm)).isLessThan(Duration.ofSeconds(10));
      assertThat(server.log())
          .contains("Shutting down (1 requests in flight)")
          .contains("Closed the embedded store")
          .contains("Sluice stopped")
          .doesNotContain("Shutdown step failed")
          .doesNotContain("with errors");
    }
    // The store opens again (lock released) with what was acknowledged.
    try (EmbeddedQueueStore store =
        EmbeddedQueueStore.open(dataDir.resolve("queues"), new SystemTimeSource())) {
      assertThat(store.queue("orders")).isPresent();
      assertThat(store.queue("empty")).isPresent();
      assertThat(store.counts("orders")).isEqualTo(new QueueCounts(1, 0, 0));
    }
  }

  @Test
  void a_server_killed_with_sigkill_restarts_on_the_same_data_directory() {
    String queueUrl;
    try (SluiceProcess server = SluiceProcess.start(dataDir)) {
      SqsJson sqs = new SqsJson(server.endpoint());
      queueUrl = sqs.createQueue("survivor");
      sqs.send(queueUrl, "acknowledged");

      assertThat(server.kill()).isEqualTo(137);
    }
    try (SluiceProcess restarted = SluiceProcess.start(dataDir)) {
      SqsJson sqs = new SqsJson(restarted.endpoint());
      String url = restarted.endpoint() + "/000000000000/survivor";

      assertThat(sqs.receive(url, 0).get("Messages").get(0).get("Body").asText())
          .isEqualTo("acknowledged");
      assertThat(restarted.stop()).isZero();
    }
  }
}
