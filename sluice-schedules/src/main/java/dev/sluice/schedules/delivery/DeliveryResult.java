package dev.sluice.schedules.delivery;

/**
 * How the first attempt to deliver an event to one target went. A failed first attempt goes on
 * being retried (per the target's RetryPolicy) after this result is reported.
 *
 * @param errorCode null when delivered
 */
public record DeliveryResult(
    String targetId, String targetArn, boolean delivered, String errorCode, String errorMessage) {

  public static DeliveryResult delivered(String targetId, String targetArn) {
    return new DeliveryResult(targetId, targetArn, true, null, null);
  }
}
