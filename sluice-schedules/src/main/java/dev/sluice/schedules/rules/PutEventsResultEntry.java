package dev.sluice.schedules.rules;

/** One entry of PutEvents' answer: an event id, or an error code and message. */
public record PutEventsResultEntry(String eventId, String errorCode, String errorMessage) {

  public static PutEventsResultEntry accepted(String eventId) {
    return new PutEventsResultEntry(eventId, null, null);
  }

  public static PutEventsResultEntry failed(String errorCode, String errorMessage) {
    return new PutEventsResultEntry(null, errorCode, errorMessage);
  }

  public boolean failed() {
    return errorCode != null;
  }
}
