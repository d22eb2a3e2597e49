package dev.sluice.protocol.aws.sqs;

import dev.sluice.core.queue.SqsException;
import dev.sluice.protocol.aws.Caller;

/**
 * One SQS request as an action handler sees it: its members, who sent it, and how to turn queue
 * URLs into names and back.
 */
final class SqsCall {

  private final SqsInput in;
  private final Caller caller;
  private final QueueUrls urls;
  private final String baseUrl;
  private final String path;
  private final String accountId;

  SqsCall(SqsInput in, Caller caller, QueueUrls urls, String baseUrl, String path,
      String accountId) {
    this.in = in;
    this.caller = caller;
    this.urls = urls;
    this.baseUrl = baseUrl;
    this.path = path;
    this.accountId = accountId;
  }

  SqsInput in() {
    return in;
  }

  /**
   * The queue the request addresses: its QueueUrl member, or else the path it was posted to
   * ({@code /ACCOUNT/NAME}), as the Query protocol allows.
   */
  String queueName() {
    String queueUrl = in.string("QueueUrl");
    if (queueUrl != null) {
      return urls.queueName(queueUrl);
    }
    if (QueueUrls.isQueuePath(path)) {
      return urls.queueName(path);
    }
    throw SqsException.missingParameter("QueueUrl");
  }

  String queueUrl(String queueName) {
    return urls.url(baseUrl, queueName);
  }

  /**
   * The SenderId of messages this request sends. AWS reports the IAM user or role id; the closest
   * a local server knows is the access key id, or the account id for unsigned requests.
   */
  String senderId() {
    return caller.signed() ? caller.accessKeyId() : accountId;
  }
}
