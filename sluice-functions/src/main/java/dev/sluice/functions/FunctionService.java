package dev.sluice.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.time.TimeSource;
import dev.sluice.functions.InvokeRequest.InvocationType;
import dev.sluice.functions.async.EventQueue;
import dev.sluice.functions.async.QueuedEvent;
import dev.sluice.functions.code.CodePackage;
import dev.sluice.functions.code.CodeUnpacker;
import dev.sluice.functions.runtime.Environments;
import dev.sluice.functions.runtime.Invocation;
import dev.sluice.functions.runtime.InvocationResult;
import dev.sluice.functions.runtime.Runtimes;
import dev.sluice.functions.store.FunctionStore;
import dev.sluice.functions.store.JsonFileFunctionStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Lambda's API as typed calls: the function registry (durable through a {@link FunctionStore}),
 * code packages, and invocation in execution environments. Protocols call this; it knows no wire
 * format. Errors are {@link FunctionException}s carrying AWS's codes and messages.
 *
 * <p>Registry changes are serialised by this object's lock (they are rare and write files);
 * reads and invocations take no lock.
 */
public final class FunctionService implements AutoCloseable {

  /** AWS's limit on a synchronous invocation's payload. */
  public static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
  /** AWS's limit on an asynchronous (Event) invocation's payload. */
  public static final int MAX_ASYNC_PAYLOAD = 1024 * 1024;
  /** How many Event invocations run at once, server-wide. */
  public static final int MAX_CONCURRENT_EVENTS = 10;
  /** ListFunctions' page size when MaxItems is not given, and its maximum. */
  public static final int DEFAULT_PAGE_SIZE = 50;
  private static final int MAX_ITEMS = 10_000;

  private static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FunctionSettings settings;
  private final TimeSource time;
  private final FunctionStore store;
  private final CodeUnpacker unpacker;
  private final Runtimes runtimes;
  private final Environments environments;
  private final EventQueue events;
  private final NavigableMap<String, FunctionDefinition> functions = new ConcurrentSkipListMap<>();

  public FunctionService(FunctionSettings settings, TimeSource time, FunctionStore store) {
    this.settings = settings;
    this.time = time;
    this.store = store;
    this.unpacker = new CodeUnpacker(settings.functionsDir().resolve("code"));
    this.runtimes = new Runtimes(settings.functionsDir().resolve("runtimes"));
    this.environments = new Environments(settings, time, runtimes);
    store.loadAll().forEach(f -> functions.put(f.name(), f));
    this.events = new EventQueue(settings.functionsDir().resolve("events"), time,
        MAX_CONCURRENT_EVENTS, this::runEvent);
    events.recover();
  }

  /** A service whose definitions live in JSON files under {@code <dataDir>/functions}. */
  public static FunctionService open(FunctionSettings settings, TimeSource time) {
    return new FunctionService(settings, time,
        new JsonFileFunctionStore(settings.functionsDir().resolve("definitions")));
  }

  public FunctionSettings settings() {
    return settings;
  }

  public String arn(String name) {
    return settings.functionArn(name);
  }

  public synchronized FunctionDefinition create(CreateFunctionRequest request) {
    FunctionName name = FunctionName.forCreate(request.functionName());
    new FunctionValidation()
        .role(request.role())
        .timeout(request.timeout())
        .memorySize(request.memorySize())
        .description(request.description())
        .handler(request.handler())
        .architectures(request.architectures())
        .check();
    if (request.role() == null) {
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value"
          + " null at 'role' failed to satisfy constraint: Member must not be null");
    }
    if (request.runtime() == null) {
      throw FunctionException.invalidParameter("Runtime is required for a function whose"
          + " package type is Zip; Sluice runs no container images.");
    }
    runtimes.checkAvailable(request.runtime());
    checkHandler(request.runtime(), request.handler());
    if (functions.containsKey(name.name())) {
      throw new FunctionException(
          LambdaError.RESOURCE_CONFLICT, "Function already exist: " + name.name());
    }
    CodePackage code = CodePackage.of(request.zipFile());
    CodeUnpacker.check(code);
    unpacker.unpack(name.name(), code);
    FunctionDefinition definition = new FunctionDefinition(
        name.name(),
        request.runtime(),
        request.handler(),
        request.role(),
        orDefault(request.timeout(), FunctionValidation.DEFAULT_TIMEOUT),
        orDefault(request.memorySize(), FunctionValidation.DEFAULT_MEMORY),
        request.environment() == null ? Map.of() : request.environment(),
        request.description() == null ? "" : request.description(),
        request.architectures() == null || request.architectures().isEmpty()
            ? List.of("x86_64") : request.architectures(),
        request.tags() == null ? Map.of() : request.tags(),
        code.sha256Base64(),
        code.size(),
        newRevision(),
        lastModifiedNow());
    store.save(definition);
    functions.put(definition.name(), definition);
    return definition;
  }

  /** The $LATEST definition; other qualifiers (versions, aliases) are not supported yet. */
  public FunctionDefinition get(String functionName, String qualifier) {
    FunctionName name = FunctionName.forLookup(functionName, qualifier);
    return existing(name);
  }

  /** Functions in name order, after {@code marker} (the last name of the previous page). */
  public FunctionPage list(String marker, Integer maxItems) {
    if (maxItems != null && (maxItems < 1 || maxItems > MAX_ITEMS)) {
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value '"
          + maxItems + "' at 'maxItems' failed to satisfy constraint: Member must have value "
          + (maxItems < 1 ? "greater than or equal to 1" : "less than or equal to " + MAX_ITEMS));
    }
    // AWS returns at most 50 per page whatever MaxItems says.
    int size = maxItems == null ? DEFAULT_PAGE_SIZE : Math.min(maxItems, DEFAULT_PAGE_SIZE);
    NavigableMap<String, FunctionDefinition> rest =
        marker == null || marker.isEmpty() ? functions : functions.tailMap(marker, false);
    List<FunctionDefinition> page = new ArrayList<>();
    for (FunctionDefinition definition : rest.values()) {
      if (page.size() == size) {
        return new FunctionPage(page, page.get(page.size() - 1).name());
      }
      page.add(definition);
    }
    return new FunctionPage(page, null);
  }

  public synchronized void delete(String functionName, String qualifier) {
    FunctionName name = FunctionName.forLookup(functionName, qualifier);
    existing(name);
    store.delete(name.name());
    functions.remove(name.name());
    environments.retire(name.name());
    unpacker.deleteAll(name.name());
  }

  public synchronized FunctionDefinition updateCode(
      String functionName, byte[] zipFile, String revisionId) {
    FunctionDefinition current = existing(FunctionName.forLookup(functionName, null));
    checkRevision(current, revisionId);
    CodePackage code = CodePackage.of(zipFile);
    CodeUnpacker.check(code);
    unpacker.unpack(current.name(), code);
    FunctionDefinition updated =
        current.withCode(code.sha256Base64(), code.size(), newRevision(), lastModifiedNow());
    store.save(updated);
    functions.put(updated.name(), updated);
    return updated;
  }

  public synchronized FunctionDefinition updateConfiguration(
      String functionName, ConfigurationUpdate update) {
    FunctionDefinition current = existing(FunctionName.forLookup(functionName, null));
    new FunctionValidation()
        .role(update.role())
        .timeout(update.timeout())
        .memorySize(update.memorySize())
        .description(update.description())
        .handler(update.handler())
        .check();
    checkRevision(current, update.revisionId());
    String runtime = update.runtime() != null ? update.runtime() : current.runtime();
    String handler = update.handler() != null ? update.handler() : current.handler();
    runtimes.checkAvailable(runtime);
    checkHandler(runtime, handler);
    FunctionDefinition updated = new FunctionDefinition(
        current.name(),
        runtime,
        handler,
        update.role() != null ? update.role() : current.role(),
        update.timeout() != null ? update.timeout() : current.timeoutSeconds(),
        update.memorySize() != null ? update.memorySize() : current.memorySizeMb(),
        update.environment() != null ? update.environment() : current.environment(),
        update.description() != null ? update.description() : current.description(),
        current.architectures(),
        current.tags(),
        current.codeSha256(),
        current.codeSize(),
        newRevision(),
        lastModifiedNow());
    store.save(updated);
    functions.put(updated.name(), updated);
    return updated;
  }

  /**
   * Invokes the function. Validation errors are thrown; everything the function does (results,
   * handler errors, timeouts, crashes) completes the future, which never fails.
   */
  public CompletableFuture<InvokeOutcome> invoke(InvokeRequest request) {
    FunctionName name = FunctionName.forLookup(request.functionName(), request.qualifier());
    FunctionDefinition function = existing(name);
    byte[] payload = request.payload() == null ? new byte[0] : request.payload();
    if (payload.length > MAX_SYNC_PAYLOAD) {
      throw new FunctionException(LambdaError.REQUEST_TOO_LARGE, "Request must be smaller than "
          + MAX_SYNC_PAYLOAD + " bytes for the InvokeFunction operation");
    }
    checkJson(payload);
    String clientContext = decodeClientContext(request.clientContext());
    if (request.type() == InvocationType.DRY_RUN) {
      return CompletableFuture.completedFuture(
          new InvokeOutcome(204, new byte[0], null, null, FunctionDefinition.LATEST));
    }
    String requestId = UUID.randomUUID().toString();
    if (request.type() == InvocationType.EVENT) {
      if (payload.length > MAX_ASYNC_PAYLOAD) {
        throw new FunctionException(LambdaError.REQUEST_TOO_LARGE, "Request must be smaller"
            + " than " + MAX_ASYNC_PAYLOAD + " bytes for the InvokeFunction operation");
      }
      // Stored durably before the caller hears 202.
      events.enqueue(new QueuedEvent(requestId, function.name(), payload, clientContext,
          time.nowMillis(), 0, 0));
      return CompletableFuture.completedFuture(
          new InvokeOutcome(202, new byte[0], null, null, null));
    }
    return run(function, requestId, payload, clientContext, request.tailLog())
        .thenApply(result -> new InvokeOutcome(200, result.payload(), result.functionError(),
            result.logTail(), FunctionDefinition.LATEST));
  }

  /** Event invocations stored and not yet finished (for tests and metrics). */
  public List<QueuedEvent> queuedEvents() {
    return events.pending();
  }

  private CompletableFuture<InvocationResult> run(FunctionDefinition function, String requestId,
      byte[] payload, String clientContext, boolean tailLog) {
    Invocation invocation = new Invocation(requestId,
        payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : payload,
        arn(function.name()), traceId(), clientContext, tailLog);
    Path taskRoot = unpacker.folderOf(function.name(), hexOf(function.codeSha256()));
    return environments.invoke(function, taskRoot, invocation);
  }

  private CompletableFuture<EventQueue.Outcome> runEvent(QueuedEvent event) {
    FunctionDefinition function = functions.get(event.functionName());
    if (function == null) {
      return CompletableFuture.completedFuture(EventQueue.Outcome.FUNCTION_GONE);
    }
    return run(function, event.requestId(), event.payload(), event.clientContext(), false)
        .thenApply(result -> result.failed()
            ? EventQueue.Outcome.FUNCTION_ERROR : EventQueue.Outcome.SUCCEEDED);
  }

  /** Live execution environments of a function (for tests and metrics). */
  public int environmentCount(String functionName) {
    return environments.environmentCount(functionName);
  }

  /** Ends environments idle longer than the idle timeout (also done periodically). */
  public void reapIdleEnvironments() {
    environments.reap();
  }

  @Override
  public void close() {
    events.close();
    environments.close();
  }

  private FunctionDefinition existing(FunctionName name) {
    FunctionDefinition definition = functions.get(name.name());
    if (definition == null || !name.isLatest()) {
      String arn = arn(name.name()) + (name.qualifier() == null ? "" : ":" + name.qualifier());
      throw FunctionException.notFound(arn);
    }
    return definition;
  }

  private static void checkRevision(FunctionDefinition current, String revisionId) {
    if (revisionId != null && !revisionId.equals(current.revisionId())) {
      throw new FunctionException(LambdaError.PRECONDITION_FAILED, "The Revision Id provided"
          + " does not match the latest Revision Id. Call the GetFunction/GetAlias API to"
          + " retrieve the latest Revision Id");
    }
  }

  private static void checkHandler(String runtime, String handler) {
    if (!Runtimes.isProvided(runtime) && (handler == null || handler.isEmpty())) {
      throw FunctionException.invalidParameter(
          "The Handler parameter is required for a function with runtime " + runtime + ".");
    }
  }

  private static void checkJson(byte[] payload) {
    if (payload.length == 0) {
      return;
    }
    try {
      JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new FunctionException(LambdaError.INVALID_REQUEST_CONTENT,
          "Could not parse request body into json: Could not parse payload into json: "
              + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String decodeClientContext(String base64) {
    if (base64 == null || base64.isEmpty()) {
      return null;
    }
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new FunctionException(LambdaError.INVALID_REQUEST_CONTENT,
          "Client context must be a valid Base64-encoded JSON object.");
    }
  }

  private String lastModifiedNow() {
    return LAST_MODIFIED.format(time.now());
  }

  private static String newRevision() {
    return UUID.randomUUID().toString();
  }

  private String traceId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "Root=1-" + Long.toHexString(time.nowMillis() / 1000) + "-"
        + String.format("%012x%012x", random.nextLong(1L << 48), random.nextLong(1L << 48))
        + ";Parent=" + String.format("%016x", random.nextLong()) + ";Sampled=0";
  }

  private static String hexOf(String base64) {
    return HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
