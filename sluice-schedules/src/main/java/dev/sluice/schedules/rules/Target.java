package dev.sluice.schedules.rules;

/**
 * One target of a rule. Nullable fields were not given. At most one of {@code input}, {@code
 * inputPath} and {@code inputTransformer} is set.
 *
 * @param sqsMessageGroupId SqsParameters.MessageGroupId, for FIFO queues
 * @param retryPolicy null means AWS's default ({@link RetryPolicy#DEFAULT})
 * @param deadLetterArn DeadLetterConfig.Arn: the SQS queue that receives events that ran out of
 *     retries
 */
public record Target(
    String id,
    String arn,
    String input,
    String inputPath,
    InputTransformer inputTransformer,
    String sqsMessageGroupId,
    RetryPolicy retryPolicy,
    String deadLetterArn) {

  public static Target of(String id, String arn) {
    return new Target(id, arn, null, null, null, null, null, null);
  }

  public RetryPolicy effectiveRetryPolicy() {
    return retryPolicy == null ? RetryPolicy.DEFAULT : retryPolicy;
  }

  public Target withRetry(RetryPolicy policy, String deadLetterQueueArn) {
    return new Target(
        id, arn, input, inputPath, inputTransformer, sqsMessageGroupId, policy, deadLetterQueueArn);
  }
}
