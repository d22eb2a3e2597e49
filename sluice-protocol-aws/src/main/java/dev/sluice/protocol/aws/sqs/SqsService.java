package dev.sluice.protocol.aws.sqs;

import dev.sluice.core.queue.QueueService;
import dev.sluice.protocol.aws.AwsError;
import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.protocol.aws.AwsService;
import dev.sluice.protocol.aws.Caller;
import dev.sluice.protocol.aws.RequestIds;
import dev.sluice.protocol.aws.wire.Json;
import dev.sluice.protocol.aws.wire.JsonValues;
import dev.sluice.protocol.aws.wire.QueryParameters;
import dev.sluice.protocol.aws.wire.XmlWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Amazon SQS on Sluice's endpoint, in both of its wire protocols, translated to {@link
 * QueueService} calls.
 *
 * <ul>
 *   <li>AWS JSON 1.0 ({@code X-Amz-Target: AmazonSQS.<Action>}): what boto3, the AWS CLI and the
 *       AWS SDKs for Java v1 (1.12.6xx and later) and v2 send. Errors carry their Query code in
 *       {@code x-amzn-query-error}, which is what those clients report as the error code.
 *   <li>AWS Query ({@code Action=...&Version=2012-11-05}, form-encoded POST or GET, possibly to
 *       the queue's URL): older SDKs and hand-written requests. Answers are AWS's XML.
 * </ul>
 *
 * <p>The protocol is decided once per request; each action is one small handler working on
 * protocol-neutral {@link SqsInput} and {@link SqsOutput}; every error becomes wire shape in
 * {@link SqsErrors}.
 */
public final class SqsService implements AwsService {

  public static final String SIGNING_NAME = "sqs";
  public static final String API_VERSION = "2012-11-05";
  public static final String XML_NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";
  static final String TARGET_PREFIX = "AmazonSQS.";
  static final String JSON_CONTENT_TYPE = "application/x-amz-json-1.0";
  static final String XML_CONTENT_TYPE = "text/xml";

  private static final Logger log = LoggerFactory.getLogger(SqsService.class);

  private final QueueService queues;
  private final QueueUrls urls;
  private final Map<String, SqsAction> actions;

  public SqsService(QueueService queues, SqsSettings settings) {
    this.queues = queues;
    this.urls = new QueueUrls(queues.accountId(), settings.fallbackBaseUrl());
    Map<String, SqsAction> all = new HashMap<>();
    all.putAll(new QueueActions(queues).actions());
    all.putAll(new MessageActions(queues).actions());
    all.putAll(new BatchActions(queues).actions());
    all.putAll(new TagActions(queues).actions());
    all.putAll(new MoveTaskActions(queues).actions());
    all.putAll(new PermissionActions(queues).actions());
    this.actions = Map.copyOf(all);
  }

  @Override
  public String signingName() {
    return SIGNING_NAME;
  }

  /**
   * JSON requests for {@code AmazonSQS.*}; Query requests posted to a queue path, of this API
   * version, or without a version but with an Action (AWS's answer to an unknown one is then
   * SQS's InvalidAction).
   */
  @Override
  public boolean accepts(AwsHttpRequest request) {
    String target = request.header("x-amz-target");
    if (target != null) {
      return target.startsWith(TARGET_PREFIX);
    }
    if (QueueUrls.isQueuePath(request.path())) {
      return true;
    }
    String version = QueryParameters.find(request, "Version");
    if (version != null) {
      return version.equals(API_VERSION);
    }
    return QueryParameters.find(request, "Action") != null;
  }

  @Override
  public CompletableFuture<AwsHttpResponse> handle(AwsHttpRequest request, Caller caller) {
    boolean json = isJson(request);
    String requestId = RequestIds.next();
    try {
      String action;
      SqsInput input;
      if (json) {
        String target = request.header("x-amz-target");
        action = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length())
            : target;
        input = new JsonInput(JsonValues.readObject(request.body()));
      } else {
        Map<String, String> parameters = QueryParameters.of(request);
        action = parameters.get("Action");
        input = new QueryInput(parameters);
      }
      if (action == null || action.isEmpty()) {
        return done(error(json, requestId, SqsErrors.missingAction()));
      }
      SqsAction handler = actions.get(action);
      if (handler == null) {
        return done(error(json, requestId, SqsErrors.unknownAction(action)));
      }
      SqsCall call = new SqsCall(input, caller, urls, urls.baseUrl(request), request.path(),
          queues.accountId());
      return respond(handler.run(call), json, action, requestId);
    } catch (RuntimeException e) {
      return done(error(json, requestId, SqsErrors.of(e, !json)));
    }
  }

  @Override
  public AwsHttpResponse refuse(AwsHttpRequest request, AwsError error) {
    return error(isJson(request), RequestIds.next(), error);
  }

  private CompletableFuture<AwsHttpResponse> respond(
      CompletableFuture<SqsReply> reply, boolean json, String action, String requestId) {
    CompletableFuture<AwsHttpResponse> response = reply.handle((result, failure) -> {
      try {
        return failure == null
            ? success(json, action, requestId, result)
            : error(json, requestId, SqsErrors.of(failure, !json));
      } catch (RuntimeException e) {
        log.error("Rendering the answer to {} failed", action, e);
        return error(json, requestId, AwsError.internalError());
      }
    });
    // The server cancels our future when the client disconnects; pass that on to the action.
    response.whenComplete((result, failure) -> {
      if (response.isCancelled()) {
        reply.cancel(false);
      }
    });
    return response;
  }

  private static boolean isJson(AwsHttpRequest request) {
    return request.header("x-amz-target") != null;
  }

  private static AwsHttpResponse success(
      boolean json, String action, String requestId, SqsReply reply) {
    if (json) {
      JsonOutput out = new JsonOutput();
      reply.writeTo(out);
      return AwsHttpResponse.of(200, JSON_CONTENT_TYPE, requestId, out.toBytes());
    }
    XmlWriter xml = new XmlWriter().startDocument(action + "Response", XML_NAMESPACE);
    if (reply != SqsReply.NONE) {
      xml.start(action + "Result");
      reply.writeTo(new QueryOutput(xml));
      xml.end();
    }
    xml.start("ResponseMetadata").element("RequestId", requestId).end();
    return AwsHttpResponse.of(200, XML_CONTENT_TYPE, requestId, xml.toBytes());
  }

  private static AwsHttpResponse error(boolean json, String requestId, AwsError error) {
    if (json) {
      var body = Json.object().put("__type", error.jsonType()).put("message", error.message());
      AwsHttpResponse response =
          AwsHttpResponse.of(error.status(), JSON_CONTENT_TYPE, requestId, Json.write(body));
      return error.queryCompatible()
          ? response.withHeader("x-amzn-query-error", error.queryCode() + ";" + error.faultType())
          : response;
    }
    XmlWriter xml = new XmlWriter().startDocument("ErrorResponse", XML_NAMESPACE)
        .start("Error")
        .element("Type", error.faultType())
        .element("Code", error.queryCode())
        .element("Message", error.message())
        .empty("Detail")
        .end()
        .element("RequestId", requestId);
    return AwsHttpResponse.of(error.status(), XML_CONTENT_TYPE, requestId, xml.toBytes());
  }

  private static CompletableFuture<AwsHttpResponse> done(AwsHttpResponse response) {
    return CompletableFuture.completedFuture(response);
  }
}
