package dev.sluice.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.server.http.RawHttpConnection.Response;
import io.netty.util.NettyRuntime;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpServerTest {

  private static final int LIMIT = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ScriptedHandler handler = new ScriptedHandler();
  private HttpServer server;
  private int port;

  @BeforeEach
  void start() {
    server =
        HttpServer.start(
            new HttpSettings("127.0.0.1", 0, LIMIT),
            handler,
            new SluiceEndpoints("9.9.9", "memory"));
    port = server.address().getPort();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RawHttpConnection connect() {
    return new RawHttpConnection(port);
  }

  private static String put(String path, String body) {
    return "PUT " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length()
        + "\r\n\r\n" + body;
  }

  private static String post(String path, String extraHeaders, String body) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
        + body.length()
        + "\r\n"
        + extraHeaders
        + "\r\n"
        + body;
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
  }

  @Test
  void a_request_reaches_the_handler_with_decoded_path_raw_query_lower_case_headers_and_body() {
    try (RawHttpConnection connection = connect()) {
      Response response =
          connection
              .send(
                  post(
                      "/000000000000/my%20queue?Action=Send%26More&x=1",
                      "X-Amz-Target: AmazonSQS.SendMessage\r\nX-Twice: a\r\nx-twice: b\r\n",
                      "{\"a\":1}"))
              .read();

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body())
          .isEqualTo("POST /000000000000/my queue query=Action=Send%26More&x=1 body={\"a\":1}");
    }
    AwsHttpRequest received = handler.received.get(0);
    assertThat(received.header("X-AMZ-TARGET")).isEqualTo("AmazonSQS.SendMessage");
    assertThat(received.headers()).containsKey("x-amz-target");
    assertThat(received.headers().get("x-twice")).containsExactly("a", "b");
    assertThat(received.remoteAddress()).startsWith("127.0.0.1:");
  }

  @Test
  void a_request_in_absolute_form_is_routed_by_its_path() {
    try (RawHttpConnection connection = connect()) {
      Response response = connection.send(get("http://localhost:4566/queue/path?a=b")).read();

      assertThat(response.body()).isEqualTo("GET /queue/path query=a=b body=");
    }
  }

  @Test
  void the_native_transport_is_used_on_linux_and_nio_serves_the_same() {
    if (System.getProperty("os.name").equals("Linux")
        && System.getProperty("os.arch").matches("amd64|x86_64")) {
      assertThat(server.transportName()).isEqualTo("epoll");
    }
    HttpServer nio =
        HttpServer.start(
            new HttpSettings("127.0.0.1", 0, LIMIT),
            handler,
            new SluiceEndpoints("9.9.9", "memory"),
            Transport.nio());
    try (RawHttpConnection connection = new RawHttpConnection(nio.address().getPort())) {
      assertThat(nio.transportName()).isEqualTo("nio");
      assertThat(connection.send(get("/echo")).read().body()).isEqualTo("GET /echo query= body=");
      assertThat(connection.send(get("http://x/echo?y=1")).read().body())
          .isEqualTo("GET /echo query=y=1 body=");
    } finally {
      nio.close();
    }
  }

  @Test
  void health_answers_ok_with_version_and_store_without_reaching_the_handler() throws IOException {
    try (RawHttpConnection connection = connect()) {
      Response response = connection.send(get("/_sluice/health")).read();

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("content-type")).isEqualTo("application/json");
      JsonNode health = JSON.readTree(response.body());
      assertThat(health.get("status").asText()).isEqualTo("ok");
      assertThat(health.get("version").asText()).isEqualTo("9.9.9");
      assertThat(health.get("store").asText()).isEqualTo("memory");
    }
    assertThat(handler.received).isEmpty();
  }

  @Test
  void unknown_sluice_paths_are_not_found_and_never_reach_the_handler() {
    try (RawHttpConnection connection = connect()) {
      assertThat(connection.send(get("/_sluice/nothing")).read().status()).isEqualTo(404);
      assertThat(connection.send(post("/_sluice/health", "", "")).read().status()).isEqualTo(405);
    }
    assertThat(handler.received).isEmpty();
  }

  @Test
  void
      a_body_announced_larger_than_the_limit_gets_413_and_the_connection_serves_the_next_request() {
    String tooLarge = "x".repeat(LIMIT + 1);
    try (RawHttpConnection connection = connect()) {
      Response refused =
          connection
              .send(post("/echo", "Content-Type: application/x-www-form-urlencoded\r\n", tooLarge))
              .read();

      assertThat(refused.status()).isEqualTo(413);
      assertThat(refused.header("content-type")).isEqualTo("text/xml");
      assertThat(refused.body())
          .contains("<Code>RequestEntityTooLarge</Code>")
          .contains("<Type>Sender</Type>")
          .contains("maximum of " + LIMIT + " bytes (64KiB)");
      assertThat(refused.header("x-amzn-requestid")).isNotBlank();

      Response next = connection.send(post("/echo", "", "small")).read();
      assertThat(next.status()).isEqualTo(200);
      assertThat(next.body()).isEqualTo("POST /echo query= body=small");
    }
    assertThat(handler.received).hasSize(1);
  }

  @Test
  void a_json_protocol_request_that_is_too_large_gets_a_json_error() throws IOException {
    String tooLarge = "{\"QueueUrl\":\"" + "x".repeat(LIMIT) + "\"}";
    try (RawHttpConnection connection = connect()) {
      Response refused =
          connection
              .send(
                  post(
                      "/",
                      "Content-Type: application/x-amz-json-1.0\r\n"
                          + "X-Amz-Target: AmazonSQS.SendMessage\r\n",
                      tooLarge))
              .read();

      assertThat(refused.status()).isEqualTo(413);
      JsonNode error = JSON.readTree(refused.body());
      assertThat(error.get("__type").asText()).isEqualTo("RequestEntityTooLarge");
      assertThat(error.get("message").asText()).contains(String.valueOf(LIMIT));
      assertThat(refused.header("x-amzn-query-error")).isEqualTo("RequestEntityTooLarge;Sender");
    }
  }

  @Test
  void lambda_code_uploads_may_be_larger_than_the_limit_and_other_lambda_calls_may_not() {
    String upload = "{\"ZipFile\":\"" + "x".repeat(2 * LIMIT) + "\"}";
    try (RawHttpConnection connection = connect()) {
      Response created = connection.send(post("/2015-03-31/functions", "", upload)).read();
      Response updated =
          connection.send(put("/2015-03-31/functions/f/code", upload)).read();
      Response invoked =
          connection.send(post("/2015-03-31/functions/f/invocations", "", upload)).read();

      assertThat(created.status()).isEqualTo(200);
      assertThat(updated.status()).isEqualTo(200);
      assertThat(invoked.status()).isEqualTo(413);
    }
    assertThat(handler.received).extracting(AwsHttpRequest::path)
        .containsExactly("/2015-03-31/functions", "/2015-03-31/functions/f/code");
  }

  @Test
  void a_code_upload_announced_over_awss_limit_gets_lambdas_413_and_the_connection_stays_usable()
      throws IOException {
    try (RawHttpConnection connection = connect()) {
      Response refused =
          connection
              .send(
                  "POST /2015-03-31/functions HTTP/1.1\r\nHost: localhost\r\n"
                      + "Expect: 100-continue\r\nContent-Length: "
                      + (LambdaCodeUploads.MAX_REQUEST_SIZE + 1)
                      + "\r\n\r\n")
              .read();

      assertThat(refused.status()).isEqualTo(413);
      assertThat(refused.header("x-amzn-errortype")).isEqualTo("RequestEntityTooLargeException");
      assertThat(JSON.readTree(refused.body()).get("message").asText()).isEqualTo(
          "Request must be smaller than 70167211 bytes for the CreateFunction operation");
      assertThat(connection.send(post("/echo", "", "after")).read().body())
          .isEqualTo("POST /echo query= body=after");
    }
  }

  @Test
  void a_chunked_body_that_grows_past_the_limit_gets_413_and_the_connection_closes() {
    String chunk = "x".repeat(32 * 1024);
    String chunkHeader = Integer.toHexString(chunk.length()) + "\r\n";
    try (RawHttpConnection connection = connect()) {
      connection.send(
          "POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n");
      for (int i = 0; i < 3; i++) {
        connection.send(chunkHeader + chunk + "\r\n");
      }

      assertThat(connection.read().status()).isEqualTo(413);
      assertThat(connection.closedByServer()).isTrue();
    }
    assertThat(handler.received).isEmpty();
  }

  @Test
  void an_expect_continue_request_that_is_too_large_gets_413_without_sending_its_body() {
    try (RawHttpConnection connection = connect()) {
      Response refused =
          connection
              .send(
                  "POST /echo HTTP/1.1\r\n"
                      + "Host: localhost\r\n"
                      + "Expect: 100-continue\r\n"
                      + "Content-Length: "
                      + (LIMIT + 1)
                      + "\r\n\r\n")
              .read();

      assertThat(refused.status()).isEqualTo(413);
      assertThat(refused.body()).contains("RequestEntityTooLarge");
      Response next = connection.send(post("/echo", "", "after")).read();
      assertThat(next.body()).isEqualTo("POST /echo query= body=after");
    }
  }

  @Test
  void
      a_malformed_request_line_gets_400_and_the_connection_closes_while_the_server_serves_others() {
    try (RawHttpConnection connection = connect()) {
      Response refused = connection.send("THIS IS NOT HTTP\r\n\r\n").read();

      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body()).contains("<Code>BadRequest</Code>");
      assertThat(connection.closedByServer()).isTrue();
    }
    try (RawHttpConnection other = connect()) {
      assertThat(other.send(get("/echo")).read().status()).isEqualTo(200);
    }
  }

  @Test
  void a_bad_content_length_gets_400() {
    try (RawHttpConnection connection = connect()) {
      Response refused =
          connection
              .send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\n")
              .read();

      assertThat(refused.status()).isEqualTo(400);
      assertThat(connection.closedByServer()).isTrue();
    }
    assertThat(handler.received).isEmpty();
  }

  @Test
  void headers_larger_than_the_limit_get_431() {
    String huge = "X-Huge: " + "h".repeat(HttpChannelInitializer.MAX_HEADER_SIZE + 1) + "\r\n";
    try (RawHttpConnection connection = connect()) {
      Response refused =
          connection.send("GET /echo HTTP/1.1\r\nHost: x\r\n" + huge + "\r\n").read();

      assertThat(refused.status()).isEqualTo(431);
    }
  }

  @Test
  void a_malformed_percent_encoding_in_the_path_gets_400_and_the_connection_stays_usable() {
    try (RawHttpConnection connection = connect()) {
      assertThat(connection.send(get("/queue%zz")).read().status()).isEqualTo(400);
      assertThat(connection.send(get("/echo")).read().status()).isEqualTo(200);
    }
  }

  /** Seeded garbage: sometimes a valid start of a request, then random bytes. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597})
  void random_bytes_never_break_the_server(long seed) {
    Random random = new Random(seed);
    String[] starts = {
      "",
      "GET / HTTP/1.1\r\n",
      "POST /echo HTTP/1.1\r\nContent-Length: 5\r\n",
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
      "GET /_sluice/health HTTP/1.0"
    };
    byte[] noise = new byte[random.nextInt(20_000)];
    random.nextBytes(noise);
    try (RawHttpConnection connection = connect()) {
      connection.send(starts[random.nextInt(starts.length)]).send(noise);
    }

    try (RawHttpConnection next = connect()) {
      assertThat(next.send(get("/echo")).read().status()).isEqualTo(200);
    }
    await().until(() -> server.requestsInFlight() == 0);
  }

  @Test
  void pipelined_requests_are_answered_in_order_even_when_the_first_finishes_last() {
    try (RawHttpConnection connection = connect()) {
      connection.send(get("/slow/first") + get("/echo"));
      await().until(() -> handler.received.size() == 2);

      handler.slow("first").complete(ScriptedHandler.text("first done"));

      assertThat(connection.read().body()).isEqualTo("first done");
      assertThat(connection.read().body()).isEqualTo("GET /echo query= body=");
    }
  }

  @Test
  void a_response_completed_on_another_thread_is_written() {
    try (RawHttpConnection connection = connect()) {
      connection.send(get("/slow/elsewhere"));
      await().until(() -> handler.received.size() == 1);

      CompletableFuture.runAsync(
          () -> handler.slow("elsewhere").complete(ScriptedHandler.text("from a store thread")));

      assertThat(connection.read().body()).isEqualTo("from a store thread");
    }
  }

  @Test
  void a_client_that_disconnects_cancels_its_pending_request() {
    try (RawHttpConnection connection = connect()) {
      connection.send(get("/slow/abandoned"));
      await().until(() -> handler.received.size() == 1);
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> handler.slow("abandoned").isCancelled());
    await().until(() -> server.requestsInFlight() == 0);
  }

  @Test
  void a_handler_that_throws_or_fails_gets_500_and_the_connection_stays_usable() {
    try (RawHttpConnection connection = connect()) {
      Response thrown = connection.send(get("/throw")).read();
      Response failed =
          connection
              .send(post("/fail", "Content-Type: application/x-amz-json-1.0\r\n", "{}"))
              .read();
      Response next = connection.send(get("/echo")).read();

      assertThat(thrown.status()).isEqualTo(500);
      assertThat(thrown.body())
          .contains("<Code>InternalFailure</Code>")
          .contains("<Type>Receiver</Type>");
      assertThat(failed.status()).isEqualTo(500);
      assertThat(failed.body()).contains("\"__type\":\"InternalFailure\"");
      assertThat(next.status()).isEqualTo(200);
    }
  }

  @Test
  void an_http_1_0_request_without_keep_alive_is_answered_and_the_connection_closed() {
    try (RawHttpConnection connection = connect()) {
      Response response = connection.send("GET /echo HTTP/1.0\r\n\r\n").read();

      assertThat(response.status()).isEqualTo(200);
      assertThat(connection.closedByServer()).isTrue();
    }
  }

  @Test
  void a_connection_close_request_is_answered_and_the_connection_closed() {
    try (RawHttpConnection connection = connect()) {
      Response response =
          connection.send("GET /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").read();

      assertThat(response.header("connection")).isEqualTo("close");
      assertThat(connection.closedByServer()).isTrue();
    }
  }

  @Test
  void draining_finishes_in_flight_requests_answers_later_ones_503_and_refuses_new_connections()
      throws Exception {
    try (RawHttpConnection busy = connect();
        RawHttpConnection idle = connect()) {
      busy.send(get("/slow/in-flight"));
      await().until(() -> handler.received.size() == 1);
      assertThat(idle.send(get("/echo")).read().status()).isEqualTo(200);

      server.stopAccepting();

      assertThat(idle.closedByServer()).isTrue();
      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
          .isInstanceOf(ConnectException.class);
      busy.send(get("/echo"));
      assertThat(server.awaitRequestsAnswered(Duration.ofMillis(200))).isFalse();

      handler.slow("in-flight").complete(ScriptedHandler.text("finished"));

      assertThat(busy.read().body()).isEqualTo("finished");
      Response late = busy.read();
      assertThat(late.status()).isEqualTo(503);
      assertThat(late.header("connection")).isEqualTo("close");
      assertThat(busy.closedByServer()).isTrue();
      assertThat(server.awaitRequestsAnswered(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void runsOneEventLoopPerCpuUnlessNettysPropertySaysOtherwise() {
    String before = System.getProperty(HttpServer.EVENT_LOOP_THREADS_PROPERTY);
    try {
      System.clearProperty(HttpServer.EVENT_LOOP_THREADS_PROPERTY);
      assertThat(HttpServer.eventLoopThreads()).isEqualTo(NettyRuntime.availableProcessors());
      System.setProperty(HttpServer.EVENT_LOOP_THREADS_PROPERTY, "3");
      assertThat(HttpServer.eventLoopThreads()).isEqualTo(3);
      System.setProperty(HttpServer.EVENT_LOOP_THREADS_PROPERTY, "0");
      assertThat(HttpServer.eventLoopThreads()).isEqualTo(1);
    } finally {
      if (before == null) {
        System.clearProperty(HttpServer.EVENT_LOOP_THREADS_PROPERTY);
      } else {
        System.setProperty(HttpServer.EVENT_LOOP_THREADS_PROPERTY, before);
      }
    }
  }
}
