package dev.sluice.functions;

import dev.sluice.core.time.TimeSource;
import dev.sluice.functions.code.CodePackage;
import dev.sluice.functions.code.CodeUnpacker;
import dev.sluice.functions.runtime.Runtimes;
import dev.sluice.functions.store.FunctionExtrasStore;
import dev.sluice.functions.store.FunctionStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The functions' definitions ($LATEST), their published versions and what else they carry
 * ({@link FunctionExtras}), durable through the two stores, with their unpacked code.
 *
 * <p>Changes are serialised by this object's lock (they are rare and write files); the classes
 * that change a function's extras (aliases, policies, tags, concurrency, event invoke configs)
 * hold it too. Reads take no lock: both maps are concurrent and their values immutable.
 */
final class FunctionRegistry {

  private final FunctionSettings settings;
  private final TimeSource time;
  private final FunctionStore store;
  private final FunctionExtrasStore extrasStore;
  private final CodeUnpacker unpacker;
  private final Runtimes runtimes;
  private final NavigableMap<String, FunctionDefinition> functions = new ConcurrentSkipListMap<>();
  private final Map<String, FunctionExtras> extras = new ConcurrentHashMap<>();

  FunctionRegistry(FunctionSettings settings, TimeSource time, FunctionStore store,
      FunctionExtrasStore extrasStore, CodeUnpacker unpacker, Runtimes runtimes) {
    this.settings = settings;
    this.time = time;
    this.store = store;
    this.extrasStore = extrasStore;
    this.unpacker = unpacker;
    this.runtimes = runtimes;
    store.loadAll().forEach(f -> functions.put(f.name(), f));
    extrasStore.loadAll().forEach(e -> extras.put(e.name(), e));
  }

  String arn(String name) {
    return settings.functionArn(name);
  }

  /**
   * The ARN AWS reports for a definition looked up with {@code qualifier}: qualified by what was
   * asked for (an alias, a version, {@code $LATEST}), by the version number for published
   * versions otherwise, and unqualified for $LATEST asked for without a qualifier.
   */
  String arnOf(FunctionDefinition function, String functionName, String qualifier) {
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

  String newRevision() {
    return Revisions.newRevision();
  }

  String lastModifiedNow() {
    return Revisions.lastModified(time);
  }

  /** Every function's extras as loaded (reserved concurrency is rebuilt from them at start). */
  List<FunctionExtras> allExtras() {
    return List.copyOf(extras.values());
  }

  synchronized FunctionDefinition create(CreateFunctionRequest request) {
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
        lastModifiedNow(),
        FunctionDefinition.LATEST,
        DeadLetterTarget.checked(request.deadLetterTargetArn()));
    saveLatest(definition);
    return definition;
  }

  /** Functions in name order, after {@code marker} (the last name of the previous page). */
  FunctionPage list(String marker, Integer maxItems) {
    int size = Paging.pageSize(maxItems);
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

  /**
   * ListFunctions with FunctionVersion=ALL: each function's $LATEST followed by its published
   * versions, functions in name order. The marker is {@code NAME:VERSION} of the last entry of
   * the previous page (a colon never appears in a function name).
   */
  FunctionPage listAllVersions(String marker, Integer maxItems) {
    int size = Paging.pageSize(maxItems);
    String afterName = null;
    String afterVersion = null;
    if (marker != null && !marker.isEmpty()) {
      int colon = marker.lastIndexOf(':');
      afterName = colon < 0 ? marker : marker.substring(0, colon);
      afterVersion = colon < 0 ? null : marker.substring(colon + 1);
    }
    NavigableMap<String, FunctionDefinition> rest =
        afterName == null ? functions : functions.tailMap(afterName, true);
    List<FunctionDefinition> page = new ArrayList<>();
    for (FunctionDefinition latest : rest.values()) {
      List<FunctionDefinition> all = new ArrayList<>();
      all.add(latest);
      all.addAll(extrasOf(latest.name()).versionsInOrder().values());
      boolean skipping = latest.name().equals(afterName);
      for (FunctionDefinition definition : all) {
        if (skipping) {
          skipping = afterVersion != null && !definition.version().equals(afterVersion);
          continue;
        }
        if (page.size() == size) {
          FunctionDefinition last = page.get(page.size() - 1);
          return new FunctionPage(page, last.name() + ":" + last.version());
        }
        page.add(definition);
      }
    }
    return new FunctionPage(page, null);
  }

  synchronized FunctionDefinition updateCode(
      String functionName, byte[] zipFile, String revisionId) {
    FunctionDefinition current = existing(FunctionName.forLookup(functionName, null));
    checkRevision(current, revisionId);
    CodePackage code = CodePackage.of(zipFile);
    CodeUnpacker.check(code);
    unpacker.unpack(current.name(), code);
    FunctionDefinition updated =
        current.withCode(code.sha256Base64(), code.size(), newRevision(), lastModifiedNow());
    saveLatest(updated);
    return updated;
  }

  synchronized FunctionDefinition updateConfiguration(
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
        lastModifiedNow(),
        FunctionDefinition.LATEST,
        update.deadLetterTargetArn() == null ? current.deadLetterTargetArn()
            : DeadLetterTarget.checked(update.deadLetterTargetArn()));
    saveLatest(updated);
    return updated;
  }

  /**
   * Removes the function and everything it has but its code ({@link #deleteCode}, once its
   * environments are retired); returns what its extras were.
   */
  synchronized FunctionExtras deleteFunction(FunctionName name) {
    existing(name);
    extrasStore.delete(name.name());
    FunctionExtras removed = extras.remove(name.name());
    store.delete(name.name());
    functions.remove(name.name());
    return removed != null ? removed : FunctionExtras.none(name.name());
  }

  /** Removes every unpacked code version (and kept package) of a deleted function. */
  void deleteCode(String functionName) {
    unpacker.deleteAll(functionName);
  }

  /**
   * What a qualifier names. {@code routed}: for an invocation, an alias with a routing
   * configuration picks its version by weight; otherwise its primary version.
   */
  FunctionDefinition resolve(FunctionName name, boolean routed) {
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

  /** The $LATEST definition of an unqualified name; ResourceNotFound otherwise. */
  FunctionDefinition existing(FunctionName name) {
    FunctionDefinition definition = functions.get(name.name());
    if (definition == null || !name.isLatest()) {
      String arn = arn(name.name()) + (name.qualifier() == null ? "" : ":" + name.qualifier());
      throw FunctionException.notFound(arn);
    }
    return definition;
  }

  /** For operations AWS allows on the function only, not on a version or alias. */
  FunctionDefinition unqualifiedFunction(String functionName) {
    FunctionName name = FunctionName.forLookup(functionName, null);
    if (name.qualifier() != null) {
      throw FunctionException.invalidParameter("This operation is permitted on Lambda functions"
          + " only. Aliases and versions do not support this operation. Please specify either a"
          + " function name or an unqualified function ARN.");
    }
    return existing(name);
  }

  boolean exists(String functionName) {
    return functions.containsKey(functionName);
  }

  FunctionDefinition latest(String functionName) {
    return functions.get(functionName);
  }

  FunctionExtras extrasOf(String functionName) {
    FunctionExtras found = extras.get(functionName);
    return found != null ? found : FunctionExtras.none(functionName);
  }

  /** Callers hold this object's lock (read-modify-write of one function's extras). */
  void saveExtras(FunctionExtras updated) {
    extrasStore.save(updated);
    extras.put(updated.name(), updated);
  }

  /** Callers hold this object's lock. */
  void saveLatest(FunctionDefinition definition) {
    store.save(definition);
    functions.put(definition.name(), definition);
  }

  /** Total size of every function's code packages, versions included (GetAccountSettings). */
  long totalCodeSize() {
    long codeSize = 0;
    for (FunctionDefinition function : functions.values()) {
      codeSize += function.codeSize();
      for (FunctionDefinition version : extrasOf(function.name()).versions().values()) {
        codeSize += version.codeSize();
      }
    }
    return codeSize;
  }

  int functionCount() {
    return functions.size();
  }

  /**
   * The unpacked code of a definition. Code folders are per code hash, so a published version
   * shares its folder with any other definition of the same code; the folder is never changed
   * once unpacked.
   */
  Path taskRoot(FunctionDefinition function) {
    return unpacker.folderOf(function.name(), hexOf(function.codeSha256()));
  }

  /** The deployment package of a definition as uploaded, if it was kept. */
  Path codePackage(FunctionDefinition function) {
    return unpacker.zipOf(function.name(), hexOf(function.codeSha256()));
  }

  static boolean isVersionNumber(String qualifier) {
    return !qualifier.isEmpty() && qualifier.chars().allMatch(Character::isDigit);
  }

  static void checkRevision(FunctionDefinition current, String revisionId) {
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

  private static String hexOf(String base64) {
    return HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
