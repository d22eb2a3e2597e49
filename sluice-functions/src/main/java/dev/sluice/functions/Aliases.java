package dev.sluice.functions;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A function's aliases: names for a version, optionally routing a share of calls to another. */
final class Aliases {

  private static final String ALIAS_PATTERN = "(?!^[0-9]+$)([a-zA-Z0-9-_]+)";

  private final FunctionRegistry registry;

  Aliases(FunctionRegistry registry) {
    this.registry = registry;
  }

  Alias create(String functionName, String aliasName, String functionVersion,
      String description, Map<String, Double> weights) {
    checkAliasName(aliasName);
    if (functionVersion == null) {
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value"
          + " null at 'functionVersion' failed to satisfy constraint: Member must not be null");
    }
    checkWeightShape(weights);
    FunctionName name = FunctionName.forLookup(functionName, null);
    synchronized (registry) {
      FunctionDefinition latest = registry.latest(name.name());
      if (latest == null) {
        throw FunctionException.notFound(registry.arn(name.name()) + ":" + functionVersion);
      }
      FunctionExtras current = registry.extrasOf(latest.name());
      checkAliasTarget(current, functionVersion, weights);
      if (current.aliases().containsKey(aliasName)) {
        throw new FunctionException(LambdaError.RESOURCE_CONFLICT,
            "Alias already exists: " + registry.arn(latest.name()) + ":" + aliasName);
      }
      Alias alias = new Alias(
          aliasName, functionVersion, description, weights, Revisions.newRevision());
      registry.saveExtras(current.withAlias(alias));
      return alias;
    }
  }

  Alias get(String functionName, String aliasName) {
    FunctionName name = FunctionName.forLookup(functionName, null);
    Alias alias = registry.extrasOf(name.name()).aliases().get(aliasName);
    if (alias == null || !registry.exists(name.name())) {
      throw new FunctionException(LambdaError.RESOURCE_NOT_FOUND,
          "Cannot find alias arn: " + registry.arn(name.name()) + ":" + aliasName);
    }
    return alias;
  }

  /** Null arguments keep what the alias had; an empty weight map removes its routing. */
  Alias update(String functionName, String aliasName, String functionVersion,
      String description, Map<String, Double> weights, String revisionId) {
    checkWeightShape(weights);
    FunctionName name = FunctionName.forLookup(functionName, null);
    synchronized (registry) {
      FunctionExtras current = registry.extrasOf(name.name());
      Alias alias = current.aliases().get(aliasName);
      if (alias == null || !registry.exists(name.name())) {
        throw new FunctionException(LambdaError.RESOURCE_NOT_FOUND,
            "Alias not found: " + registry.arn(name.name()) + ":" + aliasName);
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
          description != null ? description : alias.description(), routing,
          Revisions.newRevision());
      registry.saveExtras(current.withAlias(updated));
      return updated;
    }
  }

  /** Deleting an alias that does not exist succeeds, as AWS's does. */
  void delete(String functionName, String aliasName) {
    FunctionName name = FunctionName.forLookup(functionName, null);
    synchronized (registry) {
      registry.existing(new FunctionName(name.name(), null));
      FunctionExtras current = registry.extrasOf(name.name());
      if (current.aliases().containsKey(aliasName)) {
        registry.saveExtras(current.withoutAlias(aliasName));
      }
    }
  }

  /** Aliases in name order, optionally only those pointing at {@code functionVersion}. */
  AliasPage list(String functionName, String functionVersion, String marker, Integer maxItems) {
    FunctionDefinition latest = registry.existing(FunctionName.forLookup(functionName, null));
    List<Alias> all = new TreeMap<>(registry.extrasOf(latest.name()).aliases()).values().stream()
        .filter(a -> functionVersion == null || a.functionVersion().equals(functionVersion)
            || a.additionalVersionWeights().containsKey(functionVersion))
        .filter(a -> marker == null || marker.isEmpty() || a.name().compareTo(marker) > 0)
        .toList();
    int size = Paging.pageSize(maxItems);
    if (all.size() <= size) {
      return new AliasPage(all, null);
    }
    List<Alias> page = all.subList(0, size);
    return new AliasPage(List.copyOf(page), page.get(size - 1).name());
  }

  private static void checkAliasName(String aliasName) {
    if (aliasName == null) {
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value"
          + " null at 'name' failed to satisfy constraint: Member must not be null");
    }
    if (aliasName.length() > 128 || !aliasName.matches(ALIAS_PATTERN)) {
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value '"
          + aliasName + "' at 'name' failed to satisfy constraint: Member must satisfy regular"
          + " expression pattern: " + ALIAS_PATTERN);
    }
  }

  private static void checkWeightShape(Map<String, Double> weights) {
    if (weights == null) {
      return;
    }
    String field = "' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: ";
    for (Map.Entry<String, Double> weight : weights.entrySet()) {
      if (!FunctionRegistry.isVersionNumber(weight.getKey())) {
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
    String functionArn = registry.arn(current.name());
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
}
