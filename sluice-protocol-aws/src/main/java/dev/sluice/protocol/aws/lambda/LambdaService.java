package dev.sluice.protocol.aws.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.functions.FunctionDefinition;
import dev.sluice.functions.FunctionException;
import dev.sluice.functions.FunctionPage;
import dev.sluice.functions.FunctionService;
import dev.sluice.functions.InvokeOutcome;
import dev.sluice.functions.InvokeRequest;
import dev.sluice.functions.LambdaError;
import dev.sluice.protocol.aws.AwsError;
import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.protocol.aws.AwsService;
import dev.sluice.protocol.aws.Caller;
import dev.sluice.protocol.aws.RequestIds;
import dev.sluice.protocol.aws.lambda.FunctionJson.Phase;
import dev.sluice.protocol.aws.wire.Json;
import dev.sluice.protocol.aws.wire.MalformedRequestException;
import dev.sluice.protocol.aws.wire.QueryParameters;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS Lambda's REST protocol (paths under {@code /2015-03-31/}, JSON bodies) translated to {@link
 * FunctionService} calls. Errors are Lambda's: the code in {@code x-amzn-ErrorType} and a body
 * {@code {"Type":"User","message":...}} (ResourceNotFoundException and ServiceException spell it
 * {@code Message}, ValidationException has no Type), as botocore's model and AWS's recordings say.
 */
public final class LambdaService implements AwsService {

  public static final String SIGNING_NAME = "lambda";
  static final String API_PREFIX = "/2015-03-31/";
  private static final String FUNCTIONS = API_PREFIX + "functions";
  /** The legacy InvokeAsync API: {@code POST /2014-11-13/functions/NAME/invoke-async/}. */
  private static final String LEGACY_FUNCTIONS = "/2014-11-13/functions/";
  private static final String JSON = "application/json";

  private static final Logger log = LoggerFactory.getLogger(LambdaService.class);

  private final FunctionService functions;
  private final FunctionJson json;
  private final VersionsAndSettingsRoutes versionsAndSettings;
  private final Executor codeExecutor;

  /** Code uploads run on a small shared pool of daemon threads. */
  public LambdaService(FunctionService functions) {
    this(functions, SharedCodeExecutor.INSTANCE);
  }

  /** @param codeExecutor runs CreateFunction and UpdateFunctionCode (they parse, hash, unzip) */
  public LambdaService(FunctionService functions, Executor codeExecutor) {
    this.functions = functions;
    this.codeExecutor = codeExecutor;
    this.json = new FunctionJson(functions.settings().region());
    this.versionsAndSettings = new VersionsAndSettingsRoutes(functions, json);
  }

  @Override
  public String signingName() {
    return SIGNING_NAME;
  }

  @Override
  public boolean accepts(AwsHttpRequest request) {
    return request.path().startsWith(API_PREFIX)
        || request.path().startsWith(LEGACY_FUNCTIONS)
        || VersionsAndSettingsRoutes.accepts(request.path());
  }

  @Override
  public CompletableFuture<AwsHttpResponse> handle(AwsHttpRequest request, Caller caller) {
    String requestId = RequestIds.next();
    CompletableFuture<AwsHttpResponse> answer;
    try {
      answer = route(request, requestId);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(refusal(request, requestId, e));
    }
    // why: some work completes later (an Event invoke is answered once stored); its failures
    // get the same answers as those thrown at once.
    return answer.exceptionally(failure -> refusal(request, requestId, unwrapped(failure)));
  }

  private static RuntimeException unwrapped(Throwable failure) {
    Throwable cause = failure instanceof CompletionException
        && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
  }

  private static AwsHttpResponse refusal(
      AwsHttpRequest request, String requestId, RuntimeException e) {
    if (e instanceof FunctionException refused) {
      return error(requestId, refused.error(), refused.getMessage(), refused.reason());
    }
    if (e instanceof MalformedRequestException) {
      return error(requestId, LambdaError.INVALID_REQUEST_CONTENT, e.getMessage());
    }
    log.error("Lambda {} {} failed", request.method(), request.path(), e);
    return error(requestId, LambdaError.SERVICE, "An internal error occurred in Sluice: " + e);
  }

  /**
   * Runs a code upload off the event loop. why: parsing a 70 MB body, hashing and unpacking a
   * 50 MB zip take seconds; on the event loop they would stall every connection it serves.
   */
  private CompletableFuture<AwsHttpResponse> offEventLoop(
      AwsHttpRequest request, String requestId, Supplier<AwsHttpResponse> upload) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return upload.get();
      } catch (RuntimeException e) {
        return refusal(request, requestId, e);
      }
    }, codeExecutor);
  }

  @Override
  public AwsHttpResponse refuse(AwsHttpRequest request, AwsError error) {
    String requestId = RequestIds.next();
    ObjectNode body = Json.object().put("Type", error.senderFault() ? "User" : "Service")
        .put("message", error.message());
    return AwsHttpResponse.of(error.status(), JSON, requestId, Json.write(body))
        .withHeader("x-amzn-ErrorType", error.jsonShape());
  }

  private CompletableFuture<AwsHttpResponse> route(AwsHttpRequest request, String requestId) {
    String path = request.path();
    String method = request.method();
    Map<String, String> query = QueryParameters.parse(
        request.rawQuery() == null ? "" : request.rawQuery());
    AwsHttpResponse versionsOrSettings = versionsAndSettings.route(request, requestId);
    if (versionsOrSettings != null) {
      return done(versionsOrSettings);
    }
    if (path.startsWith(LEGACY_FUNCTIONS)) {
      return invokeAsync(request, path.substring(LEGACY_FUNCTIONS.length()), requestId);
    }
    if (path.equals(FUNCTIONS) || path.equals(FUNCTIONS + "/")) {
      if (method.equals("POST")) {
        return offEventLoop(request, requestId, () -> create(request, requestId));
      }
      if (method.equals("GET")) {
        return done(list(query, requestId));
      }
    } else if (path.startsWith(FUNCTIONS + "/")) {
      String[] parts = path.substring(FUNCTIONS.length() + 1).split("/", -1);
      String name = parts[0];
      String qualifier = query.get("Qualifier");
      String sub = parts.length > 1 ? parts[1] : "";
      if (parts.length <= 2) {
        switch (method + " " + sub) {
          case "GET " -> {
            FunctionDefinition function = functions.get(name, qualifier);
            return done(ok(requestId, json.getFunction(function,
                functions.arnOf(function, name, qualifier),
                functions.codeLocation(function, baseUrl(request)))));
          }
          case "DELETE " -> {
            functions.delete(name, qualifier);
            return done(AwsHttpResponse.of(204, JSON, requestId, new byte[0]));
          }
          case "GET configuration" -> {
            FunctionDefinition function = functions.get(name, qualifier);
            return done(ok(requestId, json.configuration(function,
                functions.arnOf(function, name, qualifier), Phase.SETTLED)));
          }
          case "PUT configuration" -> {
            FunctionDefinition updated = functions.updateConfiguration(
                name, FunctionInput.configuration(Json.readObject(request.body())));
            return done(ok(requestId, configuration(updated, Phase.UPDATED)));
          }
          case "PUT code" -> {
            return offEventLoop(request, requestId, () -> updateCode(request, name, requestId));
          }
          case "POST invocations" -> {
            return invoke(request, name, qualifier, requestId);
          }
          default -> { }
        }
      }
    }
    return done(error(requestId, LambdaError.VALIDATION, "Sluice does not implement the Lambda"
        + " operation " + method + " " + path + " yet."));
  }

  private AwsHttpResponse create(AwsHttpRequest request, String requestId) {
    FunctionDefinition created =
        functions.create(FunctionInput.create(CodeUploadJson.read(request.body())));
    return AwsHttpResponse.of(201, JSON, requestId,
        Json.write(configuration(created, Phase.CREATED)));
  }

  private AwsHttpResponse list(Map<String, String> query, String requestId) {
    String maxItems = query.get("MaxItems");
    String version = query.get("FunctionVersion");
    if (version != null && !version.equals("ALL")) {
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value '"
          + version + "' at 'functionVersion' failed to satisfy constraint: Member must satisfy"
          + " enum value set: [ALL]");
    }
    boolean all = version != null;
    FunctionPage page = all
        ? functions.listAllVersions(query.get("Marker"), FunctionInput.maxItems(maxItems))
        : functions.list(query.get("Marker"), FunctionInput.maxItems(maxItems));
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("Functions");
    // With FunctionVersion=ALL every entry's ARN names its version, $LATEST included (as AWS).
    page.functions().forEach(f -> list.add(all
        ? json.configuration(f, functions.arn(f.name()) + ":" + f.version(), Phase.LISTED)
        : configuration(f, Phase.LISTED)));
    if (page.nextMarker() != null) {
      body.put("NextMarker", page.nextMarker());
    }
    return ok(requestId, body);
  }

  private AwsHttpResponse updateCode(AwsHttpRequest request, String name, String requestId) {
    ObjectNode body = CodeUploadJson.read(request.body());
    FunctionDefinition updated = functions.updateCode(
        name, FunctionInput.zip(body.get("ZipFile")), FunctionInput.text(body, "RevisionId"));
    return ok(requestId, configuration(updated, Phase.UPDATED));
  }

  private CompletableFuture<AwsHttpResponse> invoke(
      AwsHttpRequest request, String name, String qualifier, String requestId) {
    InvokeRequest invoke = new InvokeRequest(name, qualifier,
        InvokeRequest.InvocationType.fromWire(request.header("x-amz-invocation-type")),
        request.body(), "Tail".equals(request.header("x-amz-log-type")),
        request.header("x-amz-client-context"));
    return functions.invoke(invoke).thenApply(outcome -> invokeResponse(outcome, requestId));
  }

  /**
   * InvokeAsync (deprecated by AWS, still served): the body is the event; answered 202 with
   * {@code {"Status":202}} once the event is stored, as an Event invocation.
   */
  private CompletableFuture<AwsHttpResponse> invokeAsync(
      AwsHttpRequest request, String rest, String requestId) {
    String[] parts = rest.split("/", -1);
    boolean invokeAsyncPath = parts.length >= 2 && parts[1].equals("invoke-async")
        && (parts.length == 2 || (parts.length == 3 && parts[2].isEmpty()));
    if (!request.method().equals("POST") || !invokeAsyncPath) {
      return done(error(requestId, LambdaError.VALIDATION, "Sluice does not implement the Lambda"
          + " operation " + request.method() + " " + request.path() + "."));
    }
    InvokeRequest invoke = new InvokeRequest(parts[0], null,
        InvokeRequest.InvocationType.EVENT, request.body(), false, null);
    return functions.invoke(invoke).thenApply(outcome -> AwsHttpResponse.of(202, JSON, requestId,
        Json.write(Json.object().put("Status", 202))));
  }

  // Where the caller reached Sluice, for links back to it (Code.Location).
  private String baseUrl(AwsHttpRequest request) {
    String host = request.header("Host");
    return host == null || host.isEmpty() ? functions.settings().endpointUrl() : "http://" + host;
  }

  private static AwsHttpResponse invokeResponse(InvokeOutcome outcome, String requestId) {
    AwsHttpResponse response = AwsHttpResponse.of(
        outcome.statusCode(), JSON, requestId, outcome.payload());
    if (outcome.executedVersion() != null) {
      response = response.withHeader("X-Amz-Executed-Version", outcome.executedVersion());
    }
    if (outcome.functionError() != null) {
      response = response.withHeader("X-Amz-Function-Error", outcome.functionError());
    }
    if (outcome.logTail() != null) {
      response = response.withHeader(
          "X-Amz-Log-Result", Base64.getEncoder().encodeToString(outcome.logTail()));
    }
    return response;
  }

  private ObjectNode configuration(FunctionDefinition function, Phase phase) {
    return json.configuration(function, functions.arn(function.name()), phase);
  }

  private static AwsHttpResponse ok(String requestId, ObjectNode body) {
    return AwsHttpResponse.of(200, JSON, requestId, Json.write(body));
  }

  static AwsHttpResponse error(String requestId, LambdaError error, String message) {
    return error(requestId, error, message, null);
  }

  /** @param reason AWS's {@code Reason} (throttles), or null */
  static AwsHttpResponse error(
      String requestId, LambdaError error, String message, String reason) {
    ObjectNode body = Json.object();
    if (reason != null) {
      body.put("Reason", reason);
    }
    switch (error) {
      case VALIDATION -> body.put("message", message);
      case RESOURCE_NOT_FOUND -> body.put("Type", "User").put("Message", message);
      case SERVICE -> body.put("Type", "Service").put("Message", message);
      default -> body.put("Type", "User").put("message", message);
    }
    return AwsHttpResponse.of(error.httpStatus(), JSON, requestId, Json.write(body))
        .withHeader("x-amzn-ErrorType", error.code());
  }

  private static CompletableFuture<AwsHttpResponse> done(AwsHttpResponse response) {
    return CompletableFuture.completedFuture(response);
  }

  // Daemon threads, at most 2 (uploads are rare and large), ended after a minute idle.
  private static final class SharedCodeExecutor {
    static final ThreadPoolExecutor INSTANCE = create();

    private static ThreadPoolExecutor create() {
      AtomicInteger count = new AtomicInteger();
      ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "sluice-lambda-code-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });
      pool.allowCoreThreadTimeOut(true);
      return pool;
    }
  }
}
