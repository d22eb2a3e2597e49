package dev.sluice.server.it.sdk;

/**
 * A service error as an SDK reported it, the same shape whichever SDK made the call. {@code code}
 * is what the SDK exposes as the error code; with the SQS JSON protocol's awsQueryCompatible trait
 * both SDKs take it from the {@code x-amzn-query-error} header, so it is the Query protocol's code
 * ({@code AWS.SimpleQueueService.NonExistentQueue}).
 */
public final class SqsCallFailed extends RuntimeException {

  private final String code;
  private final String errorMessage;
  private final int status;

  public SqsCallFailed(String code, String errorMessage, int status, Throwable cause) {
    super(status + " " + code + ": " + errorMessage, cause);
    this.code = code;
    this.errorMessage = errorMessage;
    this.status = status;
  }

  public String code() {
    return code;
  }

  public String errorMessage() {
    return errorMessage;
  }

  public int status() {
    return status;
  }
}
