package dev.sluice.schedules.delivery;

/**
 * A target refused or could not take an event. {@code errorCode} and the message become the
 * dead-letter message's ERROR_CODE and ERROR_MESSAGE attributes.
 *
 * @see TargetSender
 */
public final class TargetDeliveryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String errorCode;
  private final boolean retryable;

  public TargetDeliveryException(String errorCode, String message, boolean retryable) {
    super(message);
    this.errorCode = errorCode;
    this.retryable = retryable;
  }

  public String errorCode() {
    return errorCode;
  }

  /**
   * False for errors no retry can fix (the queue does not exist): AWS sends those to the
   * dead-letter queue at once.
   */
  public boolean retryable() {
    return retryable;
  }
}
