package dev.sluice.core.queue;

import java.util.Optional;
import java.util.regex.Pattern;

/** Queue ARNs of one account and region: {@code arn:aws:sqs:REGION:ACCOUNT:NAME}. */
public final class QueueArns {

  // arn:<partition>:<service>:<region>:<account-id>:<resource-id>
  private static final Pattern WELL_FORMED = Pattern.compile("arn:[^:]+:[^:]+:[^:]*:[^:]*:.+");

  private final String region;
  private final String accountId;

  public QueueArns(String region, String accountId) {
    this.region = region;
    this.accountId = accountId;
  }

  public String of(String queueName) {
    return "arn:aws:sqs:" + region + ":" + accountId + ":" + queueName;
  }

  public static boolean wellFormed(String arn) {
    return arn != null && WELL_FORMED.matcher(arn).matches();
  }

  /** The queue name, when {@code arn} names an SQS queue of this account and region. */
  public Optional<String> queueName(String arn) {
    if (!wellFormed(arn)) {
      return Optional.empty();
    }
    String[] parts = arn.split(":", 6);
    boolean ours = parts[2].equals("sqs") && parts[3].equals(region) && parts[4].equals(accountId);
    return ours ? Optional.of(parts[5]) : Optional.empty();
  }
}
