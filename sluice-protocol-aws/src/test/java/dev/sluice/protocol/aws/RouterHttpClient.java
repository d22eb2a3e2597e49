package dev.sluice.protocol.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An AWS SDK v2 HTTP client that hands requests straight to an {@link AwsRouter}, as the Netty
 * server does, so real SDK clients (marshalling, signing, MD5 checks, error parsing) can drive the
 * protocol layer without a socket.
 */
public final class RouterHttpClient implements SdkHttpClient {

  private final AwsRouter router;

  public RouterHttpClient(AwsRouter router) {
    this.router = router;
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        AwsHttpResponse response;
        try {
          response = router.handle(toAwsRequest(request)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IOException(e);
        }
        SdkHttpResponse.Builder http = SdkHttpResponse.builder().statusCode(response.status());
        response.headers().forEach(http::putHeader);
        http.putHeader("Content-Length", Integer.toString(response.body().length));
        return HttpExecuteResponse.builder()
            .response(http.build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(response.body())))
            .build();
      }

      @Override
      public void abort() {}
    };
  }

  private static AwsHttpRequest toAwsRequest(HttpExecuteRequest request) throws IOException {
    SdkHttpRequest http = request.httpRequest();
    byte[] body = new byte[0];
    if (request.contentStreamProvider().isPresent()) {
      try (InputStream in = request.contentStreamProvider().get().newStream()) {
        body = in.readAllBytes();
      }
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    http.headers().forEach((name, values) ->
        headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    headers.putIfAbsent("host", List.of(http.host() + ":" + http.port()));
    String path = URLDecoder.decode(http.encodedPath().replace("+", "%2B"), StandardCharsets.UTF_8);
    return new AwsHttpRequest(http.method().name(), path.isEmpty() ? "/" : path,
        http.encodedQueryParameters().orElse(""), headers, body, "in-memory");
  }

  @Override
  public void close() {}
}
