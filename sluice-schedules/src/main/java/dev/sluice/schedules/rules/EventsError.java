package dev.sluice.schedules.rules;

/** EventBridge's error shapes: the JSON {@code __type} and the HTTP status AWS answers with. */
public enum EventsError {
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
  RESOURCE_ALREADY_EXISTS("ResourceAlreadyExistsException", 400),
  VALIDATION("ValidationException", 400),
  INVALID_EVENT_PATTERN("InvalidEventPatternException", 400),
  LIMIT_EXCEEDED("LimitExceededException", 400),
  INTERNAL("InternalException", 500);

  private final String shape;
  private final int httpStatus;

  EventsError(String shape, int httpStatus) {
    this.shape = shape;
    this.httpStatus = httpStatus;
  }

  public String shape() {
    return shape;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
