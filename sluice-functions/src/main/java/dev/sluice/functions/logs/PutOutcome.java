package dev.sluice.functions.logs;

/**
 * PutLogEvents' answer. Rejected events were not stored; indexes are null when none was rejected
 * for that reason (AWS's rejectedLogEventsInfo).
 */
public record PutOutcome(
    String nextSequenceToken,
    Integer tooNewLogEventStartIndex,
    Integer tooOldLogEventEndIndex,
    Integer expiredLogEventEndIndex) {

  public boolean anyRejected() {
    return tooNewLogEventStartIndex != null || tooOldLogEventEndIndex != null
        || expiredLogEventEndIndex != null;
  }
}
