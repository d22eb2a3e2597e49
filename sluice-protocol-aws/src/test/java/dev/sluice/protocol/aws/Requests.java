package dev.sluice.protocol.aws;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Crafted requests as the HTTP server hands them over. */
public final class Requests {

  public static final String HOST = "localhost:4566";

  private Requests() {}

  /** An AWS JSON 1.0 request for {@code target} ({@code AmazonSQS.SendMessage}). */
  public static AwsHttpRequest json(String target, String body) {
    return request("POST", "/", "", body,
        "host", HOST,
        "content-type", "application/x-amz-json-1.0",
        "x-amz-target", target);
  }

  /** A form-encoded Query request posted to {@code path}. */
  public static AwsHttpRequest form(String path, String body) {
    return request("POST", path, "", body,
        "host", HOST,
        "content-type", "application/x-www-form-urlencoded; charset=utf-8");
  }

  /** A Query request as a GET with a query string. */
  public static AwsHttpRequest get(String path, String rawQuery) {
    return request("GET", path, rawQuery, "", "host", HOST);
  }

  /** Any request; headers as name, value pairs. */
  public static AwsHttpRequest request(
      String method, String path, String rawQuery, String body, String... headers) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i].toLowerCase(Locale.ROOT), List.of(headers[i + 1]));
    }
    return new AwsHttpRequest(
        method, path, rawQuery, map, body.getBytes(StandardCharsets.UTF_8), "127.0.0.1:50000");
  }

  /** A copy of {@code request} with one more header. */
  public static AwsHttpRequest withHeader(AwsHttpRequest request, String name, String value) {
    Map<String, List<String>> map = new LinkedHashMap<>(request.headers());
    map.put(name.toLowerCase(Locale.ROOT), List.of(value));
    return new AwsHttpRequest(request.method(), request.path(), request.rawQuery(), map,
        request.body(), request.remoteAddress());
  }
}
