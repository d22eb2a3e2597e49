package dev.sluice.functions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Functions' resource policies (AddPermission, GetPolicy, RemovePermission): stored and
 * returned, not enforced. Each qualifier (none, a version, an alias) has a policy of its own.
 */
final class ResourcePolicies {

  private final FunctionRegistry registry;

  ResourcePolicies(FunctionRegistry registry) {
    this.registry = registry;
  }

  /** Adds a statement to the policy of the function (or of one version or alias). */
  String add(String functionName, String qualifier, Permission permission, String revisionId) {
    if (permission.statementId() == null || permission.action() == null
        || permission.principal() == null) {
      String field = permission.statementId() == null ? "statementId"
          : permission.action() == null ? "action" : "principal";
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value"
          + " null at '" + field + "' failed to satisfy constraint: Member must not be null");
    }
    FunctionName name = FunctionName.forLookup(functionName, qualifier);
    synchronized (registry) {
      FunctionDefinition target = registry.resolve(name, false);
      FunctionExtras current = registry.extrasOf(target.name());
      checkPolicyRevision(current, revisionId);
      String key = policyKey(name.qualifier(), permission.statementId());
      if (current.policyStatements().containsKey(key)) {
        throw new FunctionException(LambdaError.RESOURCE_CONFLICT, "The statement id ("
            + permission.statementId() + ") provided already exists. Please provide a new"
            + " statement id, or remove the existing statement.");
      }
      String resource = registry.arn(target.name())
          + (name.qualifier() == null ? "" : ":" + name.qualifier());
      String statement = permission.statement(resource);
      Map<String, String> statements = new LinkedHashMap<>(current.policyStatements());
      statements.put(key, statement);
      registry.saveExtras(current.withPolicy(statements, Revisions.newRevision()));
      return statement;
    }
  }

  /** The policy document and its RevisionId ([0] and [1]). */
  String[] get(String functionName, String qualifier) {
    FunctionName name = FunctionName.forLookup(functionName, qualifier);
    FunctionDefinition target = registry.resolve(name, false);
    FunctionExtras current = registry.extrasOf(target.name());
    List<String> statements = statementsOf(current, name.qualifier());
    if (statements.isEmpty()) {
      throw new FunctionException(LambdaError.RESOURCE_NOT_FOUND,
          "No policy is associated with the given resource.");
    }
    return new String[] {Permission.policy(statements), current.policyRevisionId()};
  }

  void remove(String functionName, String qualifier, String statementId, String revisionId) {
    FunctionName name = FunctionName.forLookup(functionName, qualifier);
    synchronized (registry) {
      FunctionDefinition target = registry.resolve(name, false);
      FunctionExtras current = registry.extrasOf(target.name());
      String key = policyKey(name.qualifier(), statementId);
      if (!current.policyStatements().containsKey(key)) {
        throw new FunctionException(LambdaError.RESOURCE_NOT_FOUND,
            "Statement " + statementId + " is not found in resource policy.");
      }
      checkPolicyRevision(current, revisionId);
      Map<String, String> statements = new LinkedHashMap<>(current.policyStatements());
      statements.remove(key);
      registry.saveExtras(current.withPolicy(statements, Revisions.newRevision()));
    }
  }

  private static void checkPolicyRevision(FunctionExtras current, String revisionId) {
    if (revisionId != null && !revisionId.equals(current.policyRevisionId())) {
      throw new FunctionException(LambdaError.PRECONDITION_FAILED, "The Revision Id provided"
          + " does not match the latest Revision Id. Call the GetPolicy API to retrieve the"
          + " latest Revision Id");
    }
  }

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
}
