package dev.sluice.functions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a function has besides its $LATEST definition, stored together (one write per change):
 * published versions, aliases, reserved concurrency, asynchronous invocation configs (per
 * qualifier) and its resource policy's statements.
 *
 * @param lastVersion the highest version number ever published (numbers are never reused)
 * @param versions published versions by number
 * @param reservedConcurrency ReservedConcurrentExecutions, or null when none is reserved
 * @param eventInvokeConfigs by qualifier ({@code $LATEST}, a version or an alias)
 * @param policyStatements the resource policy's statements (JSON) by Sid
 * @param policyRevisionId the policy's RevisionId (changes with every statement added/removed)
 */
public record FunctionExtras(
    String name,
    int lastVersion,
    Map<String, FunctionDefinition> versions,
    Map<String, Alias> aliases,
    Integer reservedConcurrency,
    Map<String, EventInvokeConfig> eventInvokeConfigs,
    Map<String, String> policyStatements,
    String policyRevisionId) {

  public FunctionExtras {
    versions = versions == null ? Map.of() : Map.copyOf(versions);
    aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
    eventInvokeConfigs = eventInvokeConfigs == null ? Map.of() : Map.copyOf(eventInvokeConfigs);
    policyStatements = policyStatements == null
        ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(policyStatements));
  }

  public static FunctionExtras none(String name) {
    return new FunctionExtras(name, 0, null, null, null, null, null, null);
  }

  /** Versions in number order. */
  public Map<Integer, FunctionDefinition> versionsInOrder() {
    Map<Integer, FunctionDefinition> sorted = new TreeMap<>();
    versions.forEach((number, definition) -> sorted.put(Integer.parseInt(number), definition));
    return sorted;
  }

  public FunctionExtras withVersion(FunctionDefinition version) {
    Map<String, FunctionDefinition> all = new LinkedHashMap<>(versions);
    all.put(version.version(), version);
    return new FunctionExtras(name, Integer.parseInt(version.version()), all, aliases,
        reservedConcurrency, eventInvokeConfigs, policyStatements, policyRevisionId);
  }

  public FunctionExtras withoutVersion(String number) {
    Map<String, FunctionDefinition> all = new LinkedHashMap<>(versions);
    all.remove(number);
    Map<String, EventInvokeConfig> configs = new LinkedHashMap<>(eventInvokeConfigs);
    configs.remove(number);
    return new FunctionExtras(name, lastVersion, all, aliases, reservedConcurrency, configs,
        policyStatements, policyRevisionId);
  }

  public FunctionExtras withAlias(Alias alias) {
    Map<String, Alias> all = new LinkedHashMap<>(aliases);
    all.put(alias.name(), alias);
    return new FunctionExtras(name, lastVersion, versions, all, reservedConcurrency,
        eventInvokeConfigs, policyStatements, policyRevisionId);
  }

  public FunctionExtras withoutAlias(String aliasName) {
    Map<String, Alias> all = new LinkedHashMap<>(aliases);
    all.remove(aliasName);
    Map<String, EventInvokeConfig> configs = new LinkedHashMap<>(eventInvokeConfigs);
    configs.remove(aliasName);
    return new FunctionExtras(name, lastVersion, versions, all, reservedConcurrency, configs,
        policyStatements, policyRevisionId);
  }

  public FunctionExtras withReservedConcurrency(Integer reserved) {
    return new FunctionExtras(name, lastVersion, versions, aliases, reserved,
        eventInvokeConfigs, policyStatements, policyRevisionId);
  }

  public FunctionExtras withEventInvokeConfig(String qualifier, EventInvokeConfig config) {
    Map<String, EventInvokeConfig> configs = new LinkedHashMap<>(eventInvokeConfigs);
    if (config == null) {
      configs.remove(qualifier);
    } else {
      configs.put(qualifier, config);
    }
    return new FunctionExtras(name, lastVersion, versions, aliases, reservedConcurrency, configs,
        policyStatements, policyRevisionId);
  }

  public FunctionExtras withPolicy(Map<String, String> statements, String revisionId) {
    return new FunctionExtras(name, lastVersion, versions, aliases, reservedConcurrency,
        eventInvokeConfigs, statements, revisionId);
  }
}
