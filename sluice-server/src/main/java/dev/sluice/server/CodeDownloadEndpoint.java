package dev.sluice.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.functions.FunctionException;
import dev.sluice.functions.FunctionService;
import dev.sluice.functions.LambdaError;
import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.protocol.aws.wire.QueryParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /_sluice/functions/NAME/code?version=V&expires=T&signature=S}: the deployment package
 * a GetFunction's {@code Code.Location} links to (what AWS serves from a presigned S3 URL). The
 * link's signature stands in for credentials, so this answers without SigV4.
 */
final class CodeDownloadEndpoint {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FunctionService functions;

  CodeDownloadEndpoint(FunctionService functions) {
    this.functions = functions;
  }

  CompletableFuture<AwsHttpResponse> handle(AwsHttpRequest request) {
    String rest = request.path().substring(FunctionService.CODE_PATH_PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || !rest.substring(slash).equals("/code")) {
      return done(message(404, "No such endpoint: " + request.path()));
    }
    if (!request.method().equals("GET")) {
      return done(message(405, request.method() + " " + request.path()));
    }
    Map<String, String> query = QueryParameters.parse(
        request.rawQuery() == null ? "" : request.rawQuery());
    try {
      Path zip = functions.codePackage(rest.substring(0, slash), query.get("version"),
          query.get("expires"), query.get("signature"));
      return done(new AwsHttpResponse(200,
          Map.of("Content-Type", "application/zip", "Cache-Control", "no-store"),
          Files.readAllBytes(zip)));
    } catch (FunctionException e) {
      int status = e.error() == LambdaError.RESOURCE_NOT_FOUND ? 404 : 403;
      return done(message(status, e.getMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the code of " + request.path(), e);
    }
  }

  private static AwsHttpResponse message(int status, String message) {
    ObjectNode body = JSON.createObjectNode().put("status", status).put("message", message);
    return new AwsHttpResponse(status,
        Map.of("Content-Type", "application/json", "Cache-Control", "no-store"),
        body.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static CompletableFuture<AwsHttpResponse> done(AwsHttpResponse response) {
    return CompletableFuture.completedFuture(response);
  }
}
