package dev.sluice.server.http;

import dev.sluice.protocol.aws.AwsHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Lambda's code uploads, the requests that may be larger than the server's request limit. AWS
 * accepts a 50 MB zip in CreateFunction and UpdateFunctionCode, sent base64 in JSON, and refuses
 * requests over 70167211 bytes with RequestEntityTooLargeException (413, "Request must be smaller
 * than 70167211 bytes for the CreateFunction operation", as recorded from AWS).
 */
final class LambdaCodeUploads {

  /** AWS's limit on a CreateFunction or UpdateFunctionCode request. */
  static final int MAX_REQUEST_SIZE = 70_167_211;

  private static final String FUNCTIONS = "/2015-03-31/functions";

  private LambdaCodeUploads() {}

  /** CreateFunction, UpdateFunctionCode, or null for any other request. */
  static String operationOf(HttpRequest request) {
    String uri = request.uri();
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    if (request.method().equals(HttpMethod.POST)
        && (path.equals(FUNCTIONS) || path.equals(FUNCTIONS + "/"))) {
      return "CreateFunction";
    }
    String code = "/code";
    if (request.method().equals(HttpMethod.PUT) && path.startsWith(FUNCTIONS + "/")
        && path.endsWith(code)
        && path.indexOf('/', FUNCTIONS.length() + 1) == path.length() - code.length()) {
      return "UpdateFunctionCode";
    }
    return null;
  }

  /** Lambda's answer to an upload over the limit. */
  static AwsHttpResponse tooLarge(HttpRequest request) {
    String body = "{\"Type\":\"User\",\"message\":\"Request must be smaller than "
        + MAX_REQUEST_SIZE + " bytes for the " + operationOf(request) + " operation\"}";
    return new AwsHttpResponse(413, Map.of(
            "Content-Type", "application/json",
            "x-amzn-RequestId", UUID.randomUUID().toString(),
            "x-amzn-ErrorType", "RequestEntityTooLargeException"),
        body.getBytes(StandardCharsets.UTF_8));
  }
}
