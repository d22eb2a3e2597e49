package dev.sluice.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * AddPermission's input, and the resource-policy statements built from it in AWS's shape.
 * Sluice stores policies and returns them; it does not enforce them.
 */
public record Permission(
    String statementId,
    String action,
    String principal,
    String sourceArn,
    String sourceAccount) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The statement granting this permission on {@code resourceArn}, as JSON. */
  public String statement(String resourceArn) {
    ObjectNode statement = JSON.createObjectNode();
    statement.put("Sid", statementId);
    statement.put("Effect", "Allow");
    if (principal.equals("*")) {
      statement.put("Principal", "*");
    } else if (principal.matches("\\d{12}")) {
      statement.putObject("Principal").put("AWS", "arn:aws:iam::" + principal + ":root");
    } else if (principal.startsWith("arn:")) {
      statement.putObject("Principal").put("AWS", principal);
    } else {
      statement.putObject("Principal").put("Service", principal);
    }
    statement.put("Action", action);
    statement.put("Resource", resourceArn);
    if (sourceArn != null || sourceAccount != null) {
      ObjectNode condition = statement.putObject("Condition");
      if (sourceAccount != null) {
        condition.putObject("StringEquals").put("AWS:SourceAccount", sourceAccount);
      }
      if (sourceArn != null) {
        condition.putObject("ArnLike").put("AWS:SourceArn", sourceArn);
      }
    }
    return statement.toString();
  }

  /** A policy document holding {@code statements} (JSON each). */
  public static String policy(Collection<String> statements) {
    ObjectNode policy = JSON.createObjectNode();
    policy.put("Version", "2012-10-17");
    policy.put("Id", "default");
    ArrayNode list = policy.putArray("Statement");
    try {
      for (String statement : statements) {
        list.add(JSON.readTree(statement));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return policy.toString();
  }
}
