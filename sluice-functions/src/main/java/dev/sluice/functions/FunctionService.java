package dev.sluice.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.time.TimeSource;
import dev.sluice.functions.InvokeRequest.InvocationType;
import dev.sluice.functions.async.DestinationSender;
import dev.sluice.functions.async.EventQueue;
import dev.sluice.functions.async.QueuedEvent;
import dev.sluice.functions.code.CodePackage;
import dev.sluice.functions.code.CodeUnpacker;
import dev.sluice.functions.logs.LogStore;
import dev.sluice.functions.runtime.Environments;
import dev.sluice.functions.runtime.Invocation;
import dev.sluice.functions.runtime.InvocationResult;
import dev.sluice.functions.runtime.Runtimes;
import dev.sluice.functions.store.FunctionExtrasStore;
import dev.sluice.functions.store.FunctionStore;
import dev.sluice.functions.store.JsonFileFunctionExtrasStore;
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
  private final LogStore logs;
  private final EventQueue events;
  private final NavigableMap<String, FunctionDefinition> functions = new ConcurrentSkipListMap<>();
  // Versions, aliases and settings besides $LATEST; written under this object's lock.
  private final Map<String, FunctionExtras> extras = new java.util.concurrent.ConcurrentHashMap<>();
  private final FunctionExtrasStore extrasStore;
  private final Concurrency concurrency;
  private final DestinationSender destinations;

  public FunctionService(FunctionSettings settings, TimeSource time, FunctionStore store) {
    this(settings, time, store, new JsonFileFunctionExtrasStore(
        settings.functionsDir().resolve("extras")), DestinationSender.NONE);
  }

  /**
   * @param destinations sends invocation records to SQS destinations (known before stored
   *     events are recovered and run)
   */
  public FunctionService(FunctionSettings settings, TimeSource time, FunctionStore store,
      FunctionExtrasStore extrasStore, DestinationSender destinations) {
    this.settings = settings;
    this.destinations = destinations;
    this.time = time;
    this.store = store;
    this.extrasStore = extrasStore;
    this.concurrency = new Concurrency(settings.concurrencyLimit());
    this.unpacker = new CodeUnpacker(settings.functionsDir().resolve("code"));
    this.runtimes = new Runtimes(settings.functionsDir().resolve("runtimes"));
    // Logs live beside the functions (<dataDir>/logs): the Logs API serves every group there.
    this.logs = new LogStore(settings.dataDir().resolve("logs"), time,
        LogStore.DEFAULT_MAX_STORED_BYTES);
    this.environments = new Environments(settings, time, runtimes, logs::appendOutput);
    store.loadAll().forEach(f -> functions.put(f.name(), f));
    extrasStore.loadAll().forEach(e -> {
      extras.put(e.name(), e);
      concurrency.reserve(e.name(), e.reservedConcurrency());
    });
    this.events = new EventQueue(settings.functionsDir().resolve("events"), time,
        MAX_CONCURRENT_EVENTS, this::runEvent, new AsyncPolicy());
    events.recover();
  }

  /** A service whose definitions live in JSON files under {@code <dataDir>/functions}. */
  public static FunctionService open(FunctionSettings settings, TimeSource time) {
    return open(settings, time, DestinationSender.NONE);
  }

  /** Same, with SQS destinations sent through {@code destinations}. */
  public static FunctionService open(
      FunctionSettings settings, TimeSource time, DestinationSender destinations) {
    return new FunctionService(settings, time,
        new JsonFileFunctionStore(settings.functionsDir().resolve("definitions")),
        new JsonFileFunctionExtrasStore(settings.functionsDir().resolve("extras")),
        destinations);
  }

  /** The CloudWatch Logs store that function output goes to (the Logs API serves it). */
  public LogStore logs() {
    return logs;
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
    if (Boolean.TRUE.equals(request.publish())) {
      // AWS answers with $LATEST's configuration numbered as the new version.
      return publishVersion(definition.name(), null, null, null);
    }
    return definition;
  }

  /**
   * The definition a qualifier names: $LATEST (none or {@code $LATEST}), a published version
   * (its number) or the version an alias points to (its primary version).
   */
  public FunctionDefinition get(String functionName, String qualifier) {
    FunctionName name = FunctionName.forLookup(functionName, qualifier);
    return resolve(name, false);
  }

  /**
   * The ARN AWS reports for a definition looked up with {@code qualifier}: qualified by what was
   * asked for (an alias, a version, {@code $LATEST}), by the version number for published
   * versions otherwise, and unqualified for $LATEST asked for without a qualifier.
   */
  public String arnOf(FunctionDefinition function, String functionName, String qualifier) {
    String asked = qualifier;
    if (asked == null && functionName != null) {
      asked = FunctionName.forLookup(functionName, null).qualifier();
    }
    if (asked != null) {
      return arn(function.name()) + ":" + asked;
    }
    return function.published() ? arn(function.name()) + ":" + function.version()
        : arn(function.name());
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
    if (name.qualifier() != null) {
      deleteVersion(name);
      return;
    }
    existing(name);
    extrasStore.delete(name.name());
    FunctionExtras removed = extras.remove(name.name());
    if (removed != null && removed.reservedConcurrency() != null) {
      concurrency.reserve(name.name(), null);
    }
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
    FunctionDefinition function = resolve(name, true);
    byte[] payload = request.payload() == null ? new byte[0] : request.payload();
    if (payload.length > MAX_SYNC_PAYLOAD) {
      throw new FunctionException(LambdaError.REQUEST_TOO_LARGE, "Request must be smaller than "
          + MAX_SYNC_PAYLOAD + " bytes for the InvokeFunction operation");
    }
    checkJson(payload);
    String clientContext = decodeClientContext(request.clientContext());
    if (request.type() == InvocationType.DRY_RUN) {
      return CompletableFuture.completedFuture(
          new InvokeOutcome(204, new byte[0], null, null, function.version()));
    }
    String requestId = UUID.randomUUID().toString();
    if (request.type() == InvocationType.EVENT) {
      if (payload.length > MAX_ASYNC_PAYLOAD) {
        throw new FunctionException(LambdaError.REQUEST_TOO_LARGE, "Request must be smaller"
            + " than " + MAX_ASYNC_PAYLOAD + " bytes for the InvokeFunction operation");
      }
      // Stored durably before the caller hears 202.
      events.enqueue(new QueuedEvent(requestId, function.name(), payload, clientContext,
          time.nowMillis(), 0, 0, name.qualifier()));
      return CompletableFuture.completedFuture(
          new InvokeOutcome(202, new byte[0], null, null, null));
    }
    Concurrency.Permit permit = concurrency.tryAcquire(function.name());
    if (!permit.granted()) {
      throw FunctionException.throttled(permit.refused().reason());
    }
    String invokedArn = arnOf(function, null, name.qualifier());
    try {
      return run(function, invokedArn, requestId, payload, clientContext, request.tailLog())
          .whenComplete((result, error) -> concurrency.release(permit))
          .thenApply(result -> new InvokeOutcome(200, result.payload(), result.functionError(),
              result.logTail(), function.version()));
    } catch (RuntimeException e) {
      concurrency.release(permit);
      throw e;
    }
  }

  /** Event invocations stored and not yet finished (for tests and metrics). */
  public List<QueuedEvent> queuedEvents() {
    return events.pending();
  }

  private CompletableFuture<InvocationResult> run(FunctionDefinition function, String invokedArn,
      String requestId, byte[] payload, String clientContext, boolean tailLog) {
    Invocation invocation = new Invocation(requestId,
        payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : payload,
        invokedArn, traceId(), clientContext, tailLog);
    // Code folders are per code hash, so a published version shares its folder with any other
    // definition of the same code; the folder is never changed once unpacked.
    Path taskRoot = unpacker.folderOf(function.name(), hexOf(function.codeSha256()));
    return environments.invoke(function, taskRoot, invocation);
  }

  private CompletableFuture<EventQueue.Run> runEvent(QueuedEvent event) {
    FunctionDefinition function;
    try {
      function = resolve(new FunctionName(event.functionName(), event.qualifier()), true);
    } catch (FunctionException e) {
      return CompletableFuture.completedFuture(EventQueue.Run.of(EventQueue.Outcome.FUNCTION_GONE));
    }
    // Throttled events wait in the queue (AWS retries them for up to the event's maximum age).
    Concurrency.Permit permit = concurrency.tryAcquire(function.name());
    if (!permit.granted()) {
      return CompletableFuture.completedFuture(EventQueue.Run.of(EventQueue.Outcome.THROTTLED));
    }
    String invokedArn = arnOf(function, null, event.qualifier());
    try {
      return run(function, invokedArn, event.requestId(), event.payload(), event.clientContext(),
          false)
          .whenComplete((result, error) -> concurrency.release(permit))
          .thenApply(result -> new EventQueue.Run(result.failed()
              ? EventQueue.Outcome.FUNCTION_ERROR : EventQueue.Outcome.SUCCEEDED,
              result.payload(), result.functionError(), function.version()));
    } catch (RuntimeException e) {
      concurrency.release(permit);
      throw e;
    }
  }

  // ---- Versions and aliases ----

  /**
   * Publishes $LATEST as a new immutable version. Nothing new is published when neither code nor
   * configuration changed since the last version (AWS answers with that version).
   */
  public synchronized FunctionDefinition publishVersion(
      String functionName, String codeSha256, String description, String revisionId) {
    FunctionDefinition latest = existing(FunctionName.forLookup(functionName, null));
    checkRevision(latest, revisionId);
    if (codeSha256 != null && !codeSha256.equals(latest.codeSha256())) {
      throw FunctionException.invalidParameter("CodeSHA256 (" + codeSha256 + ") is different"
          + " from current CodeSHA256 in $LATEST (" + latest.codeSha256() + "). Please try again"
          + " with the CodeSHA256 in $LATEST.");
    }
    FunctionExtras current = extrasOf(latest.name());
    FunctionDefinition last = current.versions().get(Integer.toString(current.lastVersion()));
    if (last != null && latest.publishedAs(last.version(), last.description(), last.revisionId(),
        last.lastModified()).equals(last)) {
      return last;
    }
    FunctionDefinition version = latest.publishedAs(
        Integer.toString(current.lastVersion() + 1),
        description != null ? description : latest.description(), newRevision(),
        lastModifiedNow());
    saveExtras(current.withVersion(version));
    return version;
  }

  /** $LATEST, then the published versions in number order; the marker is a version. */
  public FunctionPage listVersions(String functionName, String marker, Integer maxItems) {
    FunctionDefinition latest = existing(FunctionName.forLookup(functionName, null));
    List<FunctionDefinition> all = new ArrayList<>();
    all.add(latest);
    all.addAll(extrasOf(latest.name()).versionsInOrder().values());
    int start = 0;
    if (marker != null && !marker.isEmpty()) {
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).version().equals(marker)) {
          start = i + 1;
        }
      }
    }
    int size = pageSize(maxItems);
    List<FunctionDefinition> page = all.subList(start, Math.min(all.size(), start + size));
    String next = start + size < all.size() ? page.get(page.size() - 1).version() : null;
    return new FunctionPage(List.copyOf(page), next);
  }

  public synchronized Alias createAlias(String functionName, String aliasName,
      String functionVersion, String description, Map<String, Double> weights) {
    checkAliasName(aliasName);
    if (functionVersion == null) {
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value"
          + " null at 'functionVersion' failed to satisfy constraint: Member must not be null");
    }
    checkWeightShape(weights);
    FunctionName name = FunctionName.forLookup(functionName, null);
    FunctionDefinition latest = functions.get(name.name());
    if (latest == null) {
      throw FunctionException.notFound(arn(name.name()) + ":" + functionVersion);
    }
    FunctionExtras current = extrasOf(latest.name());
    checkAliasTarget(current, functionVersion, weights);
    if (current.aliases().containsKey(aliasName)) {
      throw new FunctionException(LambdaError.RESOURCE_CONFLICT,
          "Alias already exists: " + arn(latest.name()) + ":" + aliasName);
    }
    Alias alias = new Alias(aliasName, functionVersion, description, weights, newRevision());
    saveExtras(current.withAlias(alias));
    return alias;
  }

  public Alias getAlias(String functionName, String aliasName) {
    FunctionName name = FunctionName.forLookup(functionName, null);
    Alias alias = extrasOf(name.name()).aliases().get(aliasName);
    if (alias == null || !functions.containsKey(name.name())) {
      throw new FunctionException(LambdaError.RESOURCE_NOT_FOUND,
          "Cannot find alias arn: " + arn(name.name()) + ":" + aliasName);
    }
    return alias;
  }

  /** Null arguments keep what the alias had; an empty weight map removes its routing. */
  public synchronized Alias updateAlias(String functionName, String aliasName,
      String functionVersion, String description, Map<String, Double> weights,
      String revisionId) {
    checkWeightShape(weights);
    FunctionName name = FunctionName.forLookup(functionName, null);
    FunctionExtras current = extrasOf(name.name());
    Alias alias = current.aliases().get(aliasName);
    if (alias == null || !functions.containsKey(name.name())) {
      throw new FunctionException(LambdaError.RESOURCE_NOT_FOUND,
          "Alias not found: " + arn(name.name()) + ":" + aliasName);
    }
    if (revisionId != null && !revisionId.equals(alias.revisionId())) {
      throw new FunctionException(LambdaError.PRECONDITION_FAILED, "The Revision Id provided"
          + " does not match the latest Revision Id. Call the GetFunction/GetAlias API to"
          + " retrieve the latest Revision Id");
    }
    String version = functionVersion != null ? functionVersion : alias.functionVersion();
    Map<String, Double> routing = weights != null ? weights : alias.additionalVersionWeights();
    checkAliasTarget(current, version, routing);
    Alias updated = new Alias(aliasName, version,
        description != null ? description : alias.description(), routing, newRevision());
    saveExtras(current.withAlias(updated));
    return updated;
  }

  /** Deleting an alias that does not exist succeeds, as AWS's does. */
  public synchronized void deleteAlias(String functionName, String aliasName) {
    FunctionName name = FunctionName.forLookup(functionName, null);
    existing(new FunctionName(name.name(), null));
    FunctionExtras current = extrasOf(name.name());
    if (current.aliases().containsKey(aliasName)) {
      saveExtras(current.withoutAlias(aliasName));
    }
  }

  /** Aliases in name order, optionally only those pointing at {@code functionVersion}. */
  public AliasPage listAliases(
      String functionName, String functionVersion, String marker, Integer maxItems) {
    FunctionDefinition latest = existing(FunctionName.forLookup(functionName, null));
    List<Alias> all = new java.util.TreeMap<>(extrasOf(latest.name()).aliases()).values().stream()
        .filter(a -> functionVersion == null || a.functionVersion().equals(functionVersion)
            || a.additionalVersionWeights().containsKey(functionVersion))
        .filter(a -> marker == null || marker.isEmpty() || a.name().compareTo(marker) > 0)
        .toList();
    int size = pageSize(maxItems);
    if (all.size() <= size) {
      return new AliasPage(all, null);
    }
    List<Alias> page = all.subList(0, size);
    return new AliasPage(List.copyOf(page), page.get(size - 1).name());
  }

  private void deleteVersion(FunctionName name) {
    if (name.isLatest()) {
      throw FunctionException.invalidParameter(
          "$LATEST version cannot be deleted without deleting the function.");
    }
    FunctionDefinition latest = existing(new FunctionName(name.name(), null));
    FunctionExtras current = extrasOf(latest.name());
    if (!current.versions().containsKey(name.qualifier())) {
      throw FunctionException.notFound(arn(name.name()) + ":" + name.qualifier());
    }
    List<String> pointing = current.aliases().values().stream()
        .filter(a -> a.functionVersion().equals(name.qualifier())
            || a.additionalVersionWeights().containsKey(name.qualifier()))
        .map(Alias::name).sorted().toList();
    if (!pointing.isEmpty()) {
      throw new FunctionException(LambdaError.RESOURCE_CONFLICT, "Unable to delete version"
          + " because the following aliases reference it: " + pointing);
    }
    saveExtras(current.withoutVersion(name.qualifier()));
    environments.retire(latest.name(), name.qualifier());
  }

  /**
   * What a qualifier names. {@code routed}: for an invocation, an alias with a routing
   * configuration picks its version by weight; otherwise its primary version.
   */
  private FunctionDefinition resolve(FunctionName name, boolean routed) {
    FunctionDefinition latest = functions.get(name.name());
    String qualifiedArn = arn(name.name()) + (name.qualifier() == null ? "" : ":"
        + name.qualifier());
    if (latest == null) {
      throw FunctionException.notFound(qualifiedArn);
    }
    if (name.isLatest()) {
      return latest;
    }
    FunctionExtras current = extrasOf(name.name());
    String version = name.qualifier();
    if (!isVersionNumber(version)) {
      Alias alias = current.aliases().get(version);
      if (alias == null) {
        throw FunctionException.notFound(qualifiedArn);
      }
      version = routed ? alias.pickVersion(ThreadLocalRandom.current().nextDouble())
          : alias.functionVersion();
      if (FunctionDefinition.LATEST.equals(version)) {
        return latest;
      }
    }
    FunctionDefinition published = current.versions().get(version);
    if (published == null) {
      throw FunctionException.notFound(qualifiedArn);
    }
    return published;
  }

  private static boolean isVersionNumber(String qualifier) {
    return !qualifier.isEmpty() && qualifier.chars().allMatch(Character::isDigit);
  }

  private static void checkAliasName(String aliasName) {
    if (aliasName == null) {
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value"
          + " null at 'name' failed to satisfy constraint: Member must not be null");
    }
    String pattern = "(?!^[0-9]+$)([a-zA-Z0-9-_]+)";
    if (aliasName.length() > 128 || !aliasName.matches(pattern)) {
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value '"
          + aliasName + "' at 'name' failed to satisfy constraint: Member must satisfy regular"
          + " expression pattern: " + pattern);
    }
  }

  private static void checkWeightShape(Map<String, Double> weights) {
    if (weights == null) {
      return;
    }
    String field = "' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: ";
    for (Map.Entry<String, Double> weight : weights.entrySet()) {
      if (!isVersionNumber(weight.getKey())) {
        throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value '"
            + weights + field + "Map keys must satisfy constraint: [Member must have length less"
            + " than or equal to 1024, Member must have length greater than or equal to 1, Member"
            + " must satisfy regular expression pattern: [0-9]+]");
      }
      if (weight.getValue() == null || weight.getValue() < 0 || weight.getValue() > 1) {
        throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value '"
            + weights + field + "Map value must satisfy constraint: [Member must have value less"
            + " than or equal to 1.0, Member must have value greater than or equal to 0.0, Member"
            + " must not be null]");
      }
    }
    if (weights.size() > 1) {
      throw FunctionException.invalidParameter(
          "Number of items in AdditionalVersionWeights cannot be greater than 1");
    }
  }

  private void checkAliasTarget(
      FunctionExtras current, String functionVersion, Map<String, Double> weights) {
    String functionArn = arn(current.name());
    if (!FunctionDefinition.LATEST.equals(functionVersion)
        && !current.versions().containsKey(functionVersion)) {
      throw FunctionException.notFound(functionArn + ":" + functionVersion);
    }
    if (weights == null || weights.isEmpty()) {
      return;
    }
    if (FunctionDefinition.LATEST.equals(functionVersion)) {
      throw FunctionException.invalidParameter(
          "$LATEST is not supported for an alias pointing to more than 1 version");
    }
    for (String extra : weights.keySet()) {
      if (extra.equals(functionVersion)) {
        throw FunctionException.invalidParameter("Invalid function version " + extra
            + ". Function version " + extra + " is already included in routing configuration.");
      }
      if (!current.versions().containsKey(extra)) {
        throw FunctionException.notFound(functionArn + ":" + extra);
      }
    }
  }

  // ---- Concurrency ----

  /** Sets ReservedConcurrentExecutions; 0 throttles every invocation of the function. */
  public synchronized int putConcurrency(String functionName, Integer reserved) {
    if (reserved == null) {
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value"
          + " null at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must"
          + " not be null");
    }
    if (reserved < 0) {
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value '"
          + reserved + "' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member"
          + " must have value greater than or equal to 0");
    }
    FunctionDefinition latest = unqualifiedFunction(functionName);
    if (reserved > concurrency.reservable(latest.name())) {
      throw FunctionException.invalidParameter("Specified ReservedConcurrentExecutions for"
          + " function decreases account's UnreservedConcurrentExecution below its minimum value"
          + " of [" + concurrency.minimumUnreserved() + "].");
    }
    saveExtras(extrasOf(latest.name()).withReservedConcurrency(reserved));
    concurrency.reserve(latest.name(), reserved);
    return reserved;
  }

  /** The function's reserved concurrency, or null when it has none. */
  public Integer getConcurrency(String functionName) {
    return extrasOf(unqualifiedFunction(functionName).name()).reservedConcurrency();
  }

  public synchronized void deleteConcurrency(String functionName) {
    FunctionDefinition latest = unqualifiedFunction(functionName);
    saveExtras(extrasOf(latest.name()).withReservedConcurrency(null));
    concurrency.reserve(latest.name(), null);
  }

  public AccountSettings accountSettings() {
    long codeSize = 0;
    for (FunctionDefinition function : functions.values()) {
      codeSize += function.codeSize();
      for (FunctionDefinition version : extrasOf(function.name()).versions().values()) {
        codeSize += version.codeSize();
      }
    }
    return new AccountSettings(concurrency.limit(), concurrency.unreserved(), codeSize,
        functions.size());
  }

  private FunctionDefinition unqualifiedFunction(String functionName) {
    FunctionName name = FunctionName.forLookup(functionName, null);
    if (name.qualifier() != null) {
      throw FunctionException.invalidParameter("This operation is permitted on Lambda functions"
          + " only. Aliases and versions do not support this operation. Please specify either a"
          + " function name or an unqualified function ARN.");
    }
    return existing(name);
  }

  // ---- Asynchronous invocation config and destinations ----

  /**
   * PutFunctionEventInvokeConfig ({@code merge} false: replaces) or UpdateFunctionEventInvoke
   * Config ({@code merge} true: changes only the given fields).
   */
  public synchronized EventInvokeConfig putEventInvokeConfig(String functionName,
      String qualifier, Integer retries, Integer maxAgeSeconds, String onSuccess,
      String onFailure, boolean merge) {
    List<String> errors = new ArrayList<>();
    if (retries != null && (retries < 0 || retries > EventInvokeConfig.DEFAULT_RETRIES)) {
      errors.add("Value '" + retries + "' at 'maximumRetryAttempts' failed to satisfy constraint:"
          + " Member must have value " + (retries < 0 ? "greater than or equal to 0"
          : "less than or equal to 2"));
    }
    if (maxAgeSeconds != null && (maxAgeSeconds < 60
        || maxAgeSeconds > EventInvokeConfig.DEFAULT_MAX_AGE_SECONDS)) {
      errors.add("Value '" + maxAgeSeconds + "' at 'maximumEventAgeInSeconds' failed to satisfy"
          + " constraint: Member must have value " + (maxAgeSeconds < 60
          ? "greater than or equal to 60" : "less than or equal to 21600"));
    }
    if (!errors.isEmpty()) {
      throw new FunctionException(LambdaError.VALIDATION, (errors.size() == 1
          ? "1 validation error" : errors.size() + " validation errors") + " detected: "
          + String.join("; ", errors));
    }
    FunctionName name = FunctionName.forLookup(functionName, qualifier);
    FunctionDefinition target;
    try {
      target = resolve(name, false);
    } catch (FunctionException e) {
      throw new FunctionException(LambdaError.RESOURCE_NOT_FOUND, "The function doesn't exist.");
    }
    String success = emptyToNull(onSuccess);
    String failure = emptyToNull(onFailure);
    if (!merge && retries == null && maxAgeSeconds == null && onSuccess == null
        && onFailure == null) {
      throw FunctionException.invalidParameter(
          "You must specify at least one of error handling or destination setting.");
    }
    checkDestination(target.name(), success, failure, success);
    checkDestination(target.name(), success, failure, failure);
    String key = name.qualifier() == null ? FunctionDefinition.LATEST : name.qualifier();
    FunctionExtras current = extrasOf(target.name());
    EventInvokeConfig given =
        new EventInvokeConfig(retries, maxAgeSeconds, success, failure, time.nowMillis());
    EventInvokeConfig existingConfig = current.eventInvokeConfigs().get(key);
    EventInvokeConfig config = merge && existingConfig != null
        ? existingConfig.mergedWith(given) : given;
    saveExtras(current.withEventInvokeConfig(key, config));
    return config;
  }

  public EventInvokeConfig getEventInvokeConfig(String functionName, String qualifier) {
    FunctionName name = FunctionName.forLookup(functionName, qualifier);
    String key = name.qualifier() == null ? FunctionDefinition.LATEST : name.qualifier();
    EventInvokeConfig config = functions.containsKey(name.name())
        ? extrasOf(name.name()).eventInvokeConfigs().get(key) : null;
    if (config == null) {
      throw new FunctionException(LambdaError.RESOURCE_NOT_FOUND, "The function "
          + arn(name.name()) + ":" + key + " doesn't have an EventInvokeConfig");
    }
    return config;
  }

  public synchronized void deleteEventInvokeConfig(String functionName, String qualifier) {
    getEventInvokeConfig(functionName, qualifier);
    FunctionName name = FunctionName.forLookup(functionName, qualifier);
    String key = name.qualifier() == null ? FunctionDefinition.LATEST : name.qualifier();
    saveExtras(extrasOf(name.name()).withEventInvokeConfig(key, null));
  }

  /** The function's configs by qualifier ($LATEST first, then versions and aliases). */
  public Map<String, EventInvokeConfig> listEventInvokeConfigs(String functionName) {
    FunctionName name = FunctionName.forLookup(functionName, null);
    if (!functions.containsKey(name.name())) {
      throw new FunctionException(LambdaError.RESOURCE_NOT_FOUND, "The function doesn't exist.");
    }
    Map<String, EventInvokeConfig> sorted = new java.util.TreeMap<>(
        java.util.Comparator.comparing((String q) -> !q.equals(FunctionDefinition.LATEST))
            .thenComparing(q -> q));
    sorted.putAll(extrasOf(name.name()).eventInvokeConfigs());
    return sorted;
  }

  private void checkDestination(String self, String onSuccess, String onFailure, String arn) {
    if (arn == null) {
      return;
    }
    String service = arn.startsWith("arn:") && arn.split(":").length > 2 ? arn.split(":")[2] : "";
    if (service.equals("lambda")) {
      FunctionName target;
      try {
        target = FunctionName.forLookup(arn, null);
      } catch (FunctionException e) {
        throw FunctionException.invalidParameter("The destination ARN " + arn + " is invalid.");
      }
      if (target.name().equals(self)) {
        throw FunctionException.invalidParameter(
            "You can't specify the function as a destination for itself.");
      }
      if (!functions.containsKey(target.name())) {
        throw FunctionException.invalidParameter("The destination ARN " + arn + " is invalid.");
      }
      return;
    }
    if (!service.equals("sqs")) {
      throw FunctionException.invalidParameter("The provided destination config"
          + " DestinationConfig(onSuccess=" + (onSuccess == null ? "null"
          : "OnSuccess(destination=" + onSuccess + ")") + ", onFailure=" + (onFailure == null
          ? "null" : "OnFailure(destination=" + onFailure + ")") + ") is invalid.");
    }
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  private EventInvokeConfig eventConfigFor(QueuedEvent event) {
    String key = event.qualifier() == null ? FunctionDefinition.LATEST : event.qualifier();
    EventInvokeConfig config = extrasOf(event.functionName()).eventInvokeConfigs().get(key);
    return config != null ? config : new EventInvokeConfig(null, null, null, null, 0);
  }

  /** Retries and destinations of Event invocations, from the functions' EventInvokeConfigs. */
  private final class AsyncPolicy implements EventQueue.Policy {

    @Override
    public int maxRetries(QueuedEvent event) {
      return eventConfigFor(event).retriesOrDefault();
    }

    @Override
    public long maxAgeMillis(QueuedEvent event) {
      return eventConfigFor(event).maxAgeOrDefault() * 1000L;
    }

    @Override
    public CompletableFuture<Void> ended(
        QueuedEvent event, EventQueue.Condition condition, EventQueue.Run last) {
      EventInvokeConfig config = eventConfigFor(event);
      String destination = condition == EventQueue.Condition.SUCCESS
          ? config.onSuccess() : config.onFailure();
      if (destination == null) {
        return CompletableFuture.completedFuture(null);
      }
      String record = dev.sluice.functions.async.InvocationRecord.of(event, condition, last,
          arn(event.functionName()) + ":" + (event.qualifier() == null
              ? FunctionDefinition.LATEST : event.qualifier()), time.nowMillis());
      String[] arnParts = destination.split(":");
      if (arnParts.length > 2 && arnParts[2].equals("sqs")) {
        return destinations.sendToQueue(destination, record);
      }
      // A function destination gets the record as an asynchronous invocation of its own.
      return invoke(new InvokeRequest(destination, null, InvocationType.EVENT,
          record.getBytes(StandardCharsets.UTF_8), false, null)).thenApply(outcome -> null);
    }
  }

  // ---- Resource policy (stored and returned, not enforced) ----

  /** Adds a statement to the policy of the function (or of one version or alias). */
  public synchronized String addPermission(String functionName, String qualifier,
      Permission permission, String revisionId) {
    if (permission.statementId() == null || permission.action() == null
        || permission.principal() == null) {
      String field = permission.statementId() == null ? "statementId"
          : permission.action() == null ? "action" : "principal";
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value"
          + " null at '" + field + "' failed to satisfy constraint: Member must not be null");
    }
    FunctionName name = FunctionName.forLookup(functionName, qualifier);
    FunctionDefinition target = resolve(name, false);
    FunctionExtras current = extrasOf(target.name());
    checkPolicyRevision(current, revisionId);
    String key = policyKey(name.qualifier(), permission.statementId());
    if (current.policyStatements().containsKey(key)) {
      throw new FunctionException(LambdaError.RESOURCE_CONFLICT, "The statement id ("
          + permission.statementId() + ") provided already exists. Please provide a new"
          + " statement id, or remove the existing statement.");
    }
    String resource = arn(target.name())
        + (name.qualifier() == null ? "" : ":" + name.qualifier());
    String statement = permission.statement(resource);
    Map<String, String> statements = new java.util.LinkedHashMap<>(current.policyStatements());
    statements.put(key, statement);
    saveExtras(current.withPolicy(statements, newRevision()));
    return statement;
  }

  /** The policy document and its RevisionId ([0] and [1]). */
  public String[] getPolicy(String functionName, String qualifier) {
    FunctionName name = FunctionName.forLookup(functionName, qualifier);
    FunctionDefinition target = resolve(name, false);
    FunctionExtras current = extrasOf(target.name());
    List<String> statements = statementsOf(current, name.qualifier());
    if (statements.isEmpty()) {
      throw new FunctionException(LambdaError.RESOURCE_NOT_FOUND,
          "No policy is associated with the given resource.");
    }
    return new String[] {Permission.policy(statements), current.policyRevisionId()};
  }

  public synchronized void removePermission(
      String functionName, String qualifier, String statementId, String revisionId) {
    FunctionName name = FunctionName.forLookup(functionName, qualifier);
    FunctionDefinition target = resolve(name, false);
    FunctionExtras current = extrasOf(target.name());
    String key = policyKey(name.qualifier(), statementId);
    if (!current.policyStatements().containsKey(key)) {
      throw new FunctionException(LambdaError.RESOURCE_NOT_FOUND,
          "Statement " + statementId + " is not found in resource policy.");
    }
    checkPolicyRevision(current, revisionId);
    Map<String, String> statements = new java.util.LinkedHashMap<>(current.policyStatements());
    statements.remove(key);
    saveExtras(current.withPolicy(statements, newRevision()));
  }

  private static void checkPolicyRevision(FunctionExtras current, String revisionId) {
    if (revisionId != null && !revisionId.equals(current.policyRevisionId())) {
      throw new FunctionException(LambdaError.PRECONDITION_FAILED, "The Revision Id provided"
          + " does not match the latest Revision Id. Call the GetPolicy API to retrieve the"
          + " latest Revision Id");
    }
  }

  // Each qualifier (none, a version, an alias) has a policy of its own.
  private static String policyKey(String qualifier, String statementId) {
    return (qualifier == null ? "" : qualifier) + "/" + statementId;
  }

  private static List<String> statementsOf(FunctionExtras extras, String qualifier) {
    String prefix = (qualifier == null ? "" : qualifier) + "/";
    List<String> statements = new ArrayList<>();
    extras.policyStatements().forEach((key, statement) -> {
      if (key.startsWith(prefix)) {
        statements.add(statement);
      }
    });
    return statements;
  }

  // ---- Tags ----

  public synchronized void tagResource(String resourceArn, Map<String, String> tags) {
    FunctionDefinition latest = taggable(resourceArn);
    Map<String, String> all = new java.util.LinkedHashMap<>(latest.tags());
    all.putAll(tags);
    if (all.size() > 50) {
      throw FunctionException.invalidParameter("Number of tags exceeds resource tag limit.");
    }
    saveLatest(latest.withTags(all));
  }

  public synchronized void untagResource(String resourceArn, List<String> keys) {
    if (keys == null) {
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value"
          + " null at 'tagKeys' failed to satisfy constraint: Member must not be null");
    }
    FunctionDefinition latest = taggable(resourceArn);
    Map<String, String> all = new java.util.LinkedHashMap<>(latest.tags());
    keys.forEach(all::remove);
    saveLatest(latest.withTags(all));
  }

  public Map<String, String> listTags(String resourceArn) {
    return taggable(resourceArn).tags();
  }

  private FunctionDefinition taggable(String resourceArn) {
    FunctionName name = FunctionName.forLookup(resourceArn, null);
    if (name.qualifier() != null) {
      throw FunctionException.invalidParameter("Tags on function aliases and versions are not"
          + " supported. Please specify a function ARN.");
    }
    return existing(name);
  }

  private void saveLatest(FunctionDefinition definition) {
    store.save(definition);
    functions.put(definition.name(), definition);
  }

  private FunctionExtras extrasOf(String functionName) {
    FunctionExtras found = extras.get(functionName);
    return found != null ? found : FunctionExtras.none(functionName);
  }

  private void saveExtras(FunctionExtras updated) {
    extrasStore.save(updated);
    extras.put(updated.name(), updated);
  }

  private static int pageSize(Integer maxItems) {
    if (maxItems != null && (maxItems < 1 || maxItems > MAX_ITEMS)) {
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value '"
          + maxItems + "' at 'maxItems' failed to satisfy constraint: Member must have value "
          + (maxItems < 1 ? "greater than or equal to 1" : "less than or equal to " + MAX_ITEMS));
    }
    return maxItems == null ? DEFAULT_PAGE_SIZE : Math.min(maxItems, DEFAULT_PAGE_SIZE);
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
    logs.close(); // after the environments: their last lines are handed on when they end
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
