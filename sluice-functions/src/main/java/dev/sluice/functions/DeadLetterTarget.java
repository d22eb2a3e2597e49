package dev.sluice.functions;

import java.util.regex.Pattern;

/** DeadLetterConfig.TargetArn: where Event invocations that failed for good are sent. */
final class DeadLetterTarget {

  private static final Pattern ARN = Pattern.compile("arn:(aws[a-zA-Z-]*)?:([a-z0-9-]+):.*");

  private DeadLetterTarget() {}

  /** The ARN to store: null for none (empty removes it, as AWS's UpdateFunctionConfiguration). */
  static String checked(String targetArn) {
    if (targetArn == null || targetArn.isEmpty()) {
      return null;
    }
    var matcher = ARN.matcher(targetArn);
    if (!matcher.matches()) {
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value '"
          + targetArn + "' at 'deadLetterConfig.targetArn' failed to satisfy constraint: Member"
          + " must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()");
    }
    if (!matcher.group(2).equals("sqs")) {
      throw FunctionException.invalidParameter("Sluice sends dead letters to SQS queues only;"
          + " cannot use " + targetArn + " as a dead-letter target.");
    }
    return targetArn;
  }
}
