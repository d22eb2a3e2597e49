package dev.sluice.protocol.aws.auth;

import dev.sluice.protocol.aws.AwsError;
import dev.sluice.protocol.aws.Caller;

/** The outcome of authenticating one request: a caller, or AWS's reason to refuse it. */
public record Authentication(Caller caller, AwsError refusal) {

  public static Authentication accepted(Caller caller) {
    return new Authentication(caller, null);
  }

  public static Authentication refused(AwsError refusal) {
    return new Authentication(null, refusal);
  }

  public boolean isAccepted() {
    return refusal == null;
  }
}
