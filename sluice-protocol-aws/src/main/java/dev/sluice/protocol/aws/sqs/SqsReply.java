package dev.sluice.protocol.aws.sqs;

/** What a successful SQS action answers, written to either protocol's output. */
@FunctionalInterface
interface SqsReply {

  /**
   * The answer of actions without a result (DeleteQueue, TagQueue, ...): JSON {@code {}}, and a
   * Query response with no {@code <XResult>} element at all, as AWS writes them.
   */
  SqsReply NONE = out -> {};

  void writeTo(SqsOutput out);
}
