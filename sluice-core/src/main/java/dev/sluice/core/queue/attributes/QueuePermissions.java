package dev.sluice.core.queue.attributes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.queue.SqsError;
import dev.sluice.core.queue.SqsException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * AddPermission and RemovePermission, which AWS implements as edits of the queue's Policy: one
 * statement per label ({@code Sid}), allowing the named accounts' root principals the named
 * {@code SQS:} actions on the queue.
 */
public final class QueuePermissions {

  public static final int MAX_ACTIONS = 7;
  private static final Set<String> ACTIONS = Set.of("*", "ChangeMessageVisibility",
      "DeleteMessage", "GetQueueAttributes", "GetQueueUrl", "ListDeadLetterSourceQueues",
      "PurgeQueue", "ReceiveMessage", "SendMessage");
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_-]{1,80}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private QueuePermissions() {}

  public static void checkAdd(String label, List<String> accountIds, List<String> actions) {
    checkLabel(label);
    if (accountIds == null || accountIds.isEmpty()) {
      throw SqsException.missingParameter("AWSAccountIds");
    }
    if (actions == null || actions.isEmpty()) {
      throw SqsException.missingParameter("Actions");
    }
    if (actions.size() > MAX_ACTIONS) {
      throw new SqsException(SqsError.OVER_LIMIT,
          actions.size() + " Actions were found, maximum allowed is " + MAX_ACTIONS + ".");
    }
    for (String action : actions) {
      if (!ACTIONS.contains(action)) {
        throw SqsException.invalidParameterValue("Value SQS:" + action + " for parameter"
            + " ActionName is invalid. Reason: Please refer to the appropriate WSDL for a list of"
            + " valid actions.");
      }
    }
  }

  public static void checkLabel(String label) {
    if (label == null || label.isEmpty()) {
      throw SqsException.missingParameter("Label");
    }
    if (!LABEL.matcher(label).matches()) {
      throw SqsException.invalidParameterValue("Value " + label + " for parameter Label is"
          + " invalid. Reason: Can only include alphanumeric characters, hyphens, or underscores."
          + " 1 to 80 in length.");
    }
  }

  /** The policy with a statement for {@code label} added. {@code policy} may be null. */
  public static String add(
      String policy, String queueArn, String label, List<String> accountIds, List<String> actions) {
    ObjectNode document = parseOrNew(policy, queueArn);
    ArrayNode statements = statements(document);
    if (findLabel(statements, label) >= 0) {
      throw SqsException.invalidParameterValue(
          "Value " + label + " for parameter Label is invalid. Reason: Already exists.");
    }
    ObjectNode statement = statements.addObject();
    statement.put("Sid", label);
    statement.put("Effect", "Allow");
    ObjectNode principal = statement.putObject("Principal");
    setOneOrMany(principal, "AWS",
        accountIds.stream().map(account -> "arn:aws:iam::" + account + ":root").toList());
    setOneOrMany(statement, "Action", actions.stream().map(action -> "SQS:" + action).toList());
    statement.put("Resource", queueArn);
    return document.toString();
  }

  /** The policy without {@code label}'s statement; null when no statement is left. */
  public static String remove(String policy, String queueArn, String label) {
    ObjectNode document = parseOrNew(policy, queueArn);
    ArrayNode statements = statements(document);
    int index = findLabel(statements, label);
    if (index < 0) {
      throw SqsException.invalidParameterValue(
          "Value " + label + " for parameter Label is invalid. Reason: can't find label.");
    }
    statements.remove(index);
    return statements.isEmpty() ? null : document.toString();
  }

  private static ObjectNode parseOrNew(String policy, String queueArn) {
    JsonNode parsed = policy == null ? null : RedrivePolicies.parseObject(policy).orElse(null);
    if (parsed != null) {
      return (ObjectNode) parsed;
    }
    ObjectNode document = JSON.createObjectNode();
    document.put("Version", "2008-10-17");
    document.put("Id", queueArn + "/SQSDefaultPolicy");
    document.putArray("Statement");
    return document;
  }

  // why: IAM allows a single statement object; edits need the array form.
  private static ArrayNode statements(ObjectNode document) {
    JsonNode statement = document.get("Statement");
    if (statement instanceof ArrayNode array) {
      return array;
    }
    ArrayNode array = JSON.createArrayNode();
    if (statement != null && statement.isObject()) {
      array.add(statement);
    }
    document.set("Statement", array);
    return array;
  }

  private static int findLabel(ArrayNode statements, String label) {
    int index = 0;
    for (Iterator<JsonNode> it = statements.elements(); it.hasNext(); index++) {
      if (label.equals(it.next().path("Sid").asText(null))) {
        return index;
      }
    }
    return -1;
  }

  // AWS writes a lone principal or action as a string and several as a list.
  private static void setOneOrMany(ObjectNode node, String field, List<String> values) {
    if (values.size() == 1) {
      node.put(field, values.get(0));
    } else {
      ArrayNode array = node.putArray(field);
      values.forEach(array::add);
    }
  }
}
