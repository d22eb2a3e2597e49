package dev.sluice.functions;

import dev.sluice.core.time.TimeSource;
import dev.sluice.functions.InvokeRequest.InvocationType;
import dev.sluice.functions.async.DestinationSender;
import dev.sluice.functions.async.QueuedEvent;
import dev.sluice.functions.code.CodeUnpacker;
import dev.sluice.functions.logs.LogStore;
import dev.sluice.functions.runtime.Environments;
import dev.sluice.functions.runtime.Runtimes;
import dev.sluice.functions.store.FunctionExtrasStore;
import dev.sluice.functions.store.FunctionStore;
import dev.sluice.functions.store.JsonFileFunctionExtrasStore;
import dev.sluice.functions.store.JsonFileFunctionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Lambda's API as typed calls, the one entry point protocols and the server use; it knows no
 * wire format. Errors are {@link FunctionException}s carrying AWS's codes and messages.
 *
 * <p>The work is done by the parts this facade wires together: the {@link FunctionRegistry}
 * (definitions, their extras, code), {@link Versions}, {@link Aliases}, {@link ResourcePolicies},
 * {@link FunctionTags}, {@link ReservedConcurrency}, the {@link FunctionInvoker} (environments
 * and concurrency permits) and {@link AsyncInvocations} (stored events, EventInvokeConfigs,
 * destinations, dead-letter queues). Changes are serialised by the registry's lock; reads and
 * invocations take no lock.
 */
public final class FunctionService implements AutoCloseable {

  /** AWS's limit on a synchronous invocation's payload. */
  public static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
  /** AWS's limit on an asynchronous (Event) invocation's payload. */
  public static final int MAX_ASYNC_PAYLOAD = 1024 * 1024;
  /** How many Event invocations run at once, server-wide. */
  public static final int MAX_CONCURRENT_EVENTS = AsyncInvocations.MAX_CONCURRENT_EVENTS;
  /** ListFunctions' page size when MaxItems is not given, and its maximum. */
  public static final int DEFAULT_PAGE_SIZE = Paging.DEFAULT_PAGE_SIZE;
  /** Where {@link #codeLocation} links point: {@code <prefix>NAME/code?version=...}. */
  public static final String CODE_PATH_PREFIX = "/_sluice/functions/";

  private final FunctionSettings settings;
  private final TimeSource time;
  private final CodeDownloads codeDownloads = new CodeDownloads();
  private final LogStore logs;
  private final Environments environments;
  private final FunctionRegistry registry;
  private final Versions versions;
  private final Aliases aliases;
  private final ResourcePolicies policies;
  private final FunctionTags tags;
  private final ReservedConcurrency reservedConcurrency;
  private final FunctionInvoker invoker;
  private final AsyncInvocations async;

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
    this.time = time;
    Runtimes runtimes = new Runtimes(settings.functionsDir().resolve("runtimes"));
    // Logs live beside the functions (<dataDir>/logs): the Logs API serves every group there.
    this.logs = new LogStore(settings.dataDir().resolve("logs"), time, settings.logsMaxBytes());
    this.environments = new Environments(settings, time, runtimes, logs::appendOutput);
    this.registry = new FunctionRegistry(settings, time, store, extrasStore,
        new CodeUnpacker(settings.functionsDir().resolve("code")), runtimes);
    this.versions = new Versions(registry);
    this.aliases = new Aliases(registry);
    this.policies = new ResourcePolicies(registry);
    this.tags = new FunctionTags(registry);
    Concurrency concurrency = new Concurrency(settings.concurrencyLimit());
    this.reservedConcurrency = new ReservedConcurrency(registry, concurrency);
    this.invoker = new FunctionInvoker(registry, environments, concurrency, time);
    this.async = new AsyncInvocations(settings.functionsDir().resolve("events"), registry,
        invoker, time, destinations);
    async.recover();
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
    return registry.arn(name);
  }

  // ---- Functions ----

  public FunctionDefinition create(CreateFunctionRequest request) {
    synchronized (registry) {
      FunctionDefinition created = registry.create(request);
      // With Publish, AWS answers with $LATEST's configuration numbered as the new version.
      return Boolean.TRUE.equals(request.publish())
          ? versions.publish(created.name(), null, null, null) : created;
    }
  }

  /**
   * The definition a qualifier names: $LATEST (none or {@code $LATEST}), a published version
   * (its number) or the version an alias points to (its primary version).
   */
  public FunctionDefinition get(String functionName, String qualifier) {
    return registry.resolve(FunctionName.forLookup(functionName, qualifier), false);
  }

  /**
   * The ARN AWS reports for a definition looked up with {@code qualifier}: qualified by what was
   * asked for (an alias, a version, {@code $LATEST}), by the version number for published
   * versions otherwise, and unqualified for $LATEST asked for without a qualifier.
   */
  public String arnOf(FunctionDefinition function, String functionName, String qualifier) {
    return registry.arnOf(function, functionName, qualifier);
  }

  /** Functions in name order, after {@code marker} (the last name of the previous page). */
  public FunctionPage list(String marker, Integer maxItems) {
    return registry.list(marker, maxItems);
  }

  /**
   * ListFunctions with FunctionVersion=ALL: every function's $LATEST and published versions;
   * the marker is opaque (the previous page's NextMarker).
   */
  public FunctionPage listAllVersions(String marker, Integer maxItems) {
    return registry.listAllVersions(marker, maxItems);
  }

  /** Deletes the function, or only the version {@code qualifier} names. */
  public void delete(String functionName, String qualifier) {
    FunctionName name = FunctionName.forLookup(functionName, qualifier);
    synchronized (registry) {
      if (name.qualifier() != null) {
        versions.delete(name);
        environments.retire(name.name(), name.qualifier());
        return;
      }
      FunctionExtras removed = registry.deleteFunction(name);
      if (removed.reservedConcurrency() != null) {
        reservedConcurrency.forget(name.name());
      }
      environments.retire(name.name());
      registry.deleteCode(name.name());
    }
  }

  public FunctionDefinition updateCode(String functionName, byte[] zipFile, String revisionId) {
    return registry.updateCode(functionName, zipFile, revisionId);
  }

  public FunctionDefinition updateConfiguration(
      String functionName, ConfigurationUpdate update) {
    return registry.updateConfiguration(functionName, update);
  }

  /**
   * GetFunction's Code.Location: a link on Sluice ({@code baseUrl}) to the definition's
   * deployment package, valid for ten minutes.
   */
  public String codeLocation(FunctionDefinition function, String baseUrl) {
    return baseUrl + CODE_PATH_PREFIX + function.name() + "/code?"
        + codeDownloads.query(function.name(), function.version(), time.nowMillis());
  }

  /**
   * The deployment package a {@link #codeLocation} link names.
   *
   * @throws FunctionException {@link LambdaError#RESOURCE_NOT_FOUND} when the function, the
   *     version or its package is gone; {@link LambdaError#VALIDATION} when the link is forged
   *     or expired (the server answers 404 and 403)
   */
  public Path codePackage(String functionName, String version, String expires, String signature) {
    if (!codeDownloads.valid(functionName, version, expires, signature, time.nowMillis())) {
      throw new FunctionException(LambdaError.VALIDATION,
          "The link is invalid or has expired; call GetFunction for a new one.");
    }
    FunctionDefinition function =
        registry.resolve(new FunctionName(functionName, version), false);
    Path zip = registry.codePackage(function);
    if (!Files.isRegularFile(zip)) {
      throw FunctionException.notFound(registry.arnOf(function, null, version));
    }
    return zip;
  }

  // ---- Invocation ----

  /**
   * Invokes the function. Validation errors are thrown; everything the function does (results,
   * handler errors, timeouts, crashes) completes the future, which never fails.
   */
  public CompletableFuture<InvokeOutcome> invoke(InvokeRequest request) {
    FunctionName name = FunctionName.forLookup(request.functionName(), request.qualifier());
    FunctionDefinition function = registry.resolve(name, true);
    byte[] payload = InvokePayload.checked(request.payload());
    String clientContext = InvokePayload.decodeClientContext(request.clientContext());
    if (request.type() == InvocationType.DRY_RUN) {
      return CompletableFuture.completedFuture(
          new InvokeOutcome(204, new byte[0], null, null, function.version()));
    }
    if (request.type() == InvocationType.EVENT) {
      return async.enqueue(function, name.qualifier(), payload, clientContext)
          .thenApply(stored -> new InvokeOutcome(202, new byte[0], null, null, null));
    }
    return invoker.invoke(function, name.qualifier(), UUID.randomUUID().toString(), payload,
        clientContext, request.tailLog());
  }

  /** Event invocations stored and not yet finished (for tests and metrics). */
  public List<QueuedEvent> queuedEvents() {
    return async.pending();
  }

  // ---- Versions and aliases ----

  /**
   * Publishes $LATEST as a new immutable version. Nothing new is published when neither code nor
   * configuration changed since the last version (AWS answers with that version).
   */
  public FunctionDefinition publishVersion(
      String functionName, String codeSha256, String description, String revisionId) {
    return versions.publish(functionName, codeSha256, description, revisionId);
  }

  /** $LATEST, then the published versions in number order; the marker is a version. */
  public FunctionPage listVersions(String functionName, String marker, Integer maxItems) {
    return versions.list(functionName, marker, maxItems);
  }

  public Alias createAlias(String functionName, String aliasName, String functionVersion,
      String description, Map<String, Double> weights) {
    return aliases.create(functionName, aliasName, functionVersion, description, weights);
  }

  public Alias getAlias(String functionName, String aliasName) {
    return aliases.get(functionName, aliasName);
  }

  /** Null arguments keep what the alias had; an empty weight map removes its routing. */
  public Alias updateAlias(String functionName, String aliasName, String functionVersion,
      String description, Map<String, Double> weights, String revisionId) {
    return aliases.update(
        functionName, aliasName, functionVersion, description, weights, revisionId);
  }

  /** Deleting an alias that does not exist succeeds, as AWS's does. */
  public void deleteAlias(String functionName, String aliasName) {
    aliases.delete(functionName, aliasName);
  }

  /** Aliases in name order, optionally only those pointing at {@code functionVersion}. */
  public AliasPage listAliases(
      String functionName, String functionVersion, String marker, Integer maxItems) {
    return aliases.list(functionName, functionVersion, marker, maxItems);
  }

  // ---- Concurrency ----

  /** Sets ReservedConcurrentExecutions; 0 throttles every invocation of the function. */
  public int putConcurrency(String functionName, Integer reserved) {
    return reservedConcurrency.put(functionName, reserved);
  }

  /** The function's reserved concurrency, or null when it has none. */
  public Integer getConcurrency(String functionName) {
    return reservedConcurrency.get(functionName);
  }

  public void deleteConcurrency(String functionName) {
    reservedConcurrency.delete(functionName);
  }

  public AccountSettings accountSettings() {
    return reservedConcurrency.accountSettings();
  }

  // ---- Asynchronous invocation config and destinations ----

  /**
   * PutFunctionEventInvokeConfig ({@code merge} false: replaces) or UpdateFunctionEventInvoke
   * Config ({@code merge} true: changes only the given fields).
   */
  public EventInvokeConfig putEventInvokeConfig(String functionName, String qualifier,
      Integer retries, Integer maxAgeSeconds, String onSuccess, String onFailure, boolean merge) {
    return async.putConfig(
        functionName, qualifier, retries, maxAgeSeconds, onSuccess, onFailure, merge);
  }

  public EventInvokeConfig getEventInvokeConfig(String functionName, String qualifier) {
    return async.getConfig(functionName, qualifier);
  }

  public void deleteEventInvokeConfig(String functionName, String qualifier) {
    async.deleteConfig(functionName, qualifier);
  }

  /** The function's configs by qualifier ($LATEST first, then versions and aliases). */
  public Map<String, EventInvokeConfig> listEventInvokeConfigs(String functionName) {
    return async.listConfigs(functionName);
  }

  // ---- Resource policy (stored and returned, not enforced) ----

  /** Adds a statement to the policy of the function (or of one version or alias). */
  public String addPermission(String functionName, String qualifier, Permission permission,
      String revisionId) {
    return policies.add(functionName, qualifier, permission, revisionId);
  }

  /** The policy document and its RevisionId ([0] and [1]). */
  public String[] getPolicy(String functionName, String qualifier) {
    return policies.get(functionName, qualifier);
  }

  public void removePermission(
      String functionName, String qualifier, String statementId, String revisionId) {
    policies.remove(functionName, qualifier, statementId, revisionId);
  }

  // ---- Tags ----

  public void tagResource(String resourceArn, Map<String, String> newTags) {
    tags.tag(resourceArn, newTags);
  }

  public void untagResource(String resourceArn, List<String> keys) {
    tags.untag(resourceArn, keys);
  }

  public Map<String, String> listTags(String resourceArn) {
    return tags.list(resourceArn);
  }

  // ---- Execution environments ----

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
    async.close();
    environments.close();
    logs.close(); // after the environments: their last lines are handed on when they end
  }
}
