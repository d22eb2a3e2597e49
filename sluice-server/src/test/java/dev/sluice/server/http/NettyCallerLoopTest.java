package dev.sluice.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.server.http.RawHttpConnection.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class NettyCallerLoopTest {

  @Test
  void a_request_handler_runs_on_a_loop_that_runs_its_tasks_after_the_handler_returns() {
    AwsRequestHandler handler = request -> {
      Executor loop = NettyCallerLoop.INSTANCE.current();
      CompletableFuture<AwsHttpResponse> answer = new CompletableFuture<>();
      if (loop == null) {
        return CompletableFuture.completedFuture(AwsHttpResponse.of(200, "text/plain", "no loop"));
      }
      Thread handlerThread = Thread.currentThread();
      boolean[] returned = {false};
      loop.execute(() -> answer.complete(AwsHttpResponse.of(200, "text/plain",
          (Thread.currentThread() == handlerThread ? "same thread" : "another thread")
              + (returned[0] ? ", after the handler" : ", inside the handler"))));
      returned[0] = true;
      return answer;
    };
    HttpServer server = HttpServer.start(
        new HttpSettings("127.0.0.1", 0, 64 * 1024), handler,
        new SluiceEndpoints("9.9.9", "memory"));
    try (RawHttpConnection connection = new RawHttpConnection(server.address().getPort())) {
      Response response = connection
          .send("GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n")
          .read();

      assertThat(response.body()).isEqualTo("same thread, after the handler");
    } finally {
      server.close();
    }
  }

  @Test
  void a_thread_that_runs_no_loop_has_none() {
    assertThat(NettyCallerLoop.INSTANCE.current()).isNull();
  }
}
