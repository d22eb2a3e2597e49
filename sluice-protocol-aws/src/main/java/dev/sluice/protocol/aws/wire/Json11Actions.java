package dev.sluice.protocol.aws.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.protocol.aws.AwsError;
import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.protocol.aws.RequestIds;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS JSON 1.1 dispatch that EventBridge and CloudWatch Logs share: the action named by
 * {@code X-Amz-Target: PREFIX<Action>} runs on {@code executor} (actions fsync, event loops must
 * not wait), its object is the answer, and failures become {@code {"__type": .., "message": ..}}
 * errors: the service's own exceptions through {@code domainErrors}, malformed input as
 * SerializationException, anything else as an internal error (logged).
 */
public final class Json11Actions {

  private static final Logger log = LoggerFactory.getLogger(Json11Actions.class);
  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private final String serviceName;
  private final String targetPrefix;
  private final Map<String, Function<JsonNode, ObjectNode>> actions;
  private final Executor executor;
  private final Function<RuntimeException, AwsError> domainErrors;

  /**
   * @param serviceName for logs ("EventBridge")
   * @param domainErrors the service's exception as an AwsError; null for other exceptions
   */
  public Json11Actions(String serviceName, String targetPrefix,
      Map<String, Function<JsonNode, ObjectNode>> actions, Executor executor,
      Function<RuntimeException, AwsError> domainErrors) {
    this.serviceName = serviceName;
    this.targetPrefix = targetPrefix;
    this.actions = actions;
    this.executor = executor;
    this.domainErrors = domainErrors;
  }

  public boolean accepts(AwsHttpRequest request) {
    String target = request.header("x-amz-target");
    return target != null && target.startsWith(targetPrefix);
  }

  public CompletableFuture<AwsHttpResponse> handle(AwsHttpRequest request) {
    String requestId = RequestIds.next();
    String target = request.header("x-amz-target");
    String action = target == null ? "" : target.substring(target.indexOf('.') + 1);
    Function<JsonNode, ObjectNode> handler = actions.get(action);
    if (handler == null || target == null || !target.startsWith(targetPrefix)) {
      return CompletableFuture.completedFuture(error(requestId, new AwsError(400,
          "UnknownOperationException", AwsError.CORAL + "UnknownOperationException",
          "Sluice does not implement the operation '" + target + "'.", false)));
    }
    return CompletableFuture.supplyAsync(() -> answer(request, handler, action, requestId), executor)
        .exceptionally(failure -> {
          log.error("{} {} failed", serviceName, action, failure);
          return error(requestId, AwsError.internalError());
        });
  }

  public AwsHttpResponse refuse(AwsError error) {
    return error(RequestIds.next(), error);
  }

  private AwsHttpResponse answer(AwsHttpRequest request, Function<JsonNode, ObjectNode> handler,
      String action, String requestId) {
    try {
      ObjectNode body = handler.apply(Json.readObject(request.body()));
      return AwsHttpResponse.of(200, CONTENT_TYPE, requestId, Json.write(body));
    } catch (MalformedRequestException e) {
      return error(requestId, e.error());
    } catch (RuntimeException e) {
      AwsError domain = domainErrors.apply(e);
      if (domain != null) {
        return error(requestId, domain);
      }
      log.error("{} {} failed", serviceName, action, e);
      return error(requestId, AwsError.internalError());
    }
  }

  private static AwsHttpResponse error(String requestId, AwsError error) {
    ObjectNode body = Json.object().put("__type", error.jsonShape()).put("message", error.message());
    return AwsHttpResponse.of(error.status(), CONTENT_TYPE, requestId, Json.write(body));
  }
}
