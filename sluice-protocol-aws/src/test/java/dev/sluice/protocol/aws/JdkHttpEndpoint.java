package dev.sluice.protocol.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The router on a real socket (the JDK's built-in HTTP server, port 0), for clients that bring
 * their own HTTP stack, such as the AWS SDK for Java v1. The production server is Netty, in
 * sluice-server; this stand-in only converts requests and responses.
 */
public final class JdkHttpEndpoint implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();

  public JdkHttpEndpoint(AwsRouter router) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> answer(router, exchange));
    server.setExecutor(threads);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void answer(AwsRouter router, HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((name, values) ->
          headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
      String rawQuery = exchange.getRequestURI().getRawQuery();
      AwsHttpRequest request = new AwsHttpRequest(exchange.getRequestMethod(),
          exchange.getRequestURI().getPath(), rawQuery == null ? "" : rawQuery, headers,
          exchange.getRequestBody().readAllBytes(), exchange.getRemoteAddress().toString());
      AwsHttpResponse response;
      try {
        response = router.handle(request).get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IOException(e);
      }
      response.headers().forEach(exchange.getResponseHeaders()::add);
      exchange.sendResponseHeaders(response.status(),
          response.body().length == 0 ? -1 : response.body().length);
      if (response.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response.body());
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
