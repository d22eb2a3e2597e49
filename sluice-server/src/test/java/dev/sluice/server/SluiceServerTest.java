package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SluiceServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  private ServerConfig.Builder config() {
    return ServerConfig.builder().port(0).dataDir(dataDir);
  }

  @Test
  void a_server_on_port_0_listens_on_a_free_port_and_reports_its_memory_store() throws Exception {
    try (SluiceServer server = SluiceServer.start(config().store(StoreKind.MEMORY).build())) {
      HttpResponse<String> health = new SqsJson(server.endpoint()).get("/_sluice/health");

      assertThat(server.port()).isPositive();
      assertThat(server.endpoint()).hasToString("http://127.0.0.1:" + server.port());
      assertThat(health.statusCode()).isEqualTo(200);
      JsonNode body = JSON.readTree(health.body());
      assertThat(body.get("status").asText()).isEqualTo("ok");
      assertThat(body.get("version").asText()).isEqualTo(SluiceVersion.current());
      assertThat(body.get("store").asText()).isEqualTo("memory");
    }
    assertThat(dataDir).isEmptyDirectory();
  }

  @Test
  void the_embedded_store_lives_in_the_queues_folder_of_the_data_directory() throws Exception {
    try (SluiceServer server = SluiceServer.start(config().build())) {
      HttpResponse<String> health = new SqsJson(server.endpoint()).get("/_sluice/health");

      assertThat(JSON.readTree(health.body()).get("store").asText()).isEqualTo("embedded");
      assertThat(dataDir.resolve("queues")).isDirectory();
      assertThat(Files.list(dataDir.resolve("queues"))).isNotEmpty();
    }
  }

  @Test
  void sqs_requests_reach_the_queue_service_and_queue_urls_use_the_real_port() {
    try (SluiceServer server = SluiceServer.start(config().store(StoreKind.MEMORY).build())) {
      SqsJson sqs = new SqsJson(server.endpoint());

      String queueUrl = sqs.createQueue("orders");
      sqs.send(queueUrl, "hello");
      JsonNode received = sqs.receive(queueUrl, 0);

      assertThat(queueUrl).isEqualTo(server.endpoint() + "/000000000000/orders");
      assertThat(received.get("Messages").get(0).get("Body").asText()).isEqualTo("hello");
    }
  }

  @Test
  void the_configured_account_appears_in_queue_urls() {
    try (SluiceServer server =
        SluiceServer.start(config().store(StoreKind.MEMORY).accountId("123456789012").build())) {
      assertThat(new SqsJson(server.endpoint()).createQueue("q")).endsWith("/123456789012/q");
    }
  }

  @Test
  void close_answers_a_pending_long_poll_with_no_messages_and_does_not_wait_for_its_timeout()
      throws Exception {
    SluiceServer server = SluiceServer.start(config().build());
    SqsJson sqs = new SqsJson(server.endpoint());
    String queueUrl = sqs.createQueue("idle");
    CompletableFuture<HttpResponse<String>> longPoll =
        sqs.callAsync("ReceiveMessage", SqsJson.receiveBody(queueUrl, 20));
    awaitInFlight(server);

    long started = System.nanoTime();
    server.close();

    HttpResponse<String> answer = longPoll.get(5, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).path("Messages")).isEmpty();
    assertThat(server.awaitClosed()).isTrue();
  }

  @Test
  void a_long_poll_abandoned_by_its_client_does_not_take_the_next_message() throws Exception {
    try (SluiceServer server = SluiceServer.start(config().store(StoreKind.MEMORY).build())) {
      SqsJson sqs = new SqsJson(server.endpoint());
      String queueUrl = sqs.createQueue("abandoned");
      String body = SqsJson.receiveBody(queueUrl, 20);
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        socket
            .getOutputStream()
            .write(
                ("POST / HTTP/1.1\r\n"
                     + "Host: 127.0.0.1\r\n"
                     + "Content-Type: application/x-amz-json-1.0\r\n"
                     + "X-Amz-Target: AmazonSQS.ReceiveMessage\r\n"
                     + "Content-Length: "
                        + body.length()
                        + "\r\n\r\n"
                        + body)
                    .getBytes(StandardCharsets.US_ASCII));
        awaitInFlight(server);
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> server.requestsInFlight() == 0);

      sqs.send(queueUrl, "for whoever asks next");

      JsonNode received = sqs.receive(queueUrl, 0);
      assertThat(received.path("Messages")).hasSize(1);
      assertThat(received.get("Messages").get(0).get("Body").asText())
          .isEqualTo("for whoever asks next");
    }
  }

  @Test
  void messages_survive_a_graceful_restart_on_the_same_data_directory() {
    String queueUrl;
    try (SluiceServer server = SluiceServer.start(config().build())) {
      SqsJson sqs = new SqsJson(server.endpoint());
      queueUrl = sqs.createQueue("durable");
      sqs.send(queueUrl, "kept");
    }

    try (SluiceServer restarted = SluiceServer.start(config().build())) {
      SqsJson sqs = new SqsJson(restarted.endpoint());
      String url = restarted.endpoint() + "/000000000000/durable";
      assertThat(sqs.receive(url, 0).get("Messages").get(0).get("Body").asText()).isEqualTo("kept");
    }
  }

  @Test
  void a_second_server_on_the_same_data_directory_is_refused_naming_it() {
    try (SluiceServer first = SluiceServer.start(config().build())) {
      assertThatThrownBy(() -> SluiceServer.start(config().build()))
          .isInstanceOf(ServerStartException.class)
          .hasMessageContaining("is another Sluice server using " + dataDir);
      assertThat(new SqsJson(first.endpoint()).get("/_sluice/health").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void a_data_directory_that_is_a_file_is_refused_naming_it() throws Exception {
    Path file = Files.writeString(dataDir.resolve("not-a-directory"), "x");

    assertThatThrownBy(() -> SluiceServer.start(config().dataDir(file).build()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("Invalid data directory '" + file + "'");
  }

  @Test
  void a_credentials_file_without_keys_is_refused_naming_it() throws Exception {
    Path credentials = Files.writeString(dataDir.resolve("credentials"), "[default]\nregion = x\n");

    assertThatThrownBy(
            () ->
                SluiceServer.start(
                    config().store(StoreKind.MEMORY).credentialsFile(credentials).build()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("Invalid credentials file '" + credentials + "'");
  }

  @Test
  void with_a_credentials_file_unsigned_requests_are_refused() throws Exception {
    Path credentials =
        Files.writeString(
            dataDir.resolve("credentials"),
            "[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n");
    try (SluiceServer server =
        SluiceServer.start(config().store(StoreKind.MEMORY).credentialsFile(credentials).build())) {
      HttpResponse<String> refused =
          new SqsJson(server.endpoint()).callAsync("ListQueues", "{}").join();

      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("MissingAuthenticationToken");
    }
  }

  @Test
  void close_is_idempotent() {
    SluiceServer server = SluiceServer.start(config().store(StoreKind.MEMORY).build());

    server.close();
    server.close();

    assertThat(server.closeIfOpen()).isFalse();
    assertThat(server.awaitClosed()).isTrue();
  }

  private static void awaitInFlight(SluiceServer server) {
    await().atMost(Duration.ofSeconds(5)).until(() -> server.requestsInFlight() > 0);
  }
}
