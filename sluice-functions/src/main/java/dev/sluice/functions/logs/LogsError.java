package dev.sluice.functions.logs;

/** CloudWatch Logs errors Sluice answers with: AWS's shape names, all HTTP 400 but the last. */
public enum LogsError {
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
  RESOURCE_ALREADY_EXISTS("ResourceAlreadyExistsException", 400),
  INVALID_PARAMETER("InvalidParameterException", 400),
  VALIDATION("ValidationException", 400),
  SERVICE_UNAVAILABLE("ServiceUnavailableException", 500);

  private final String shape;
  private final int httpStatus;

  LogsError(String shape, int httpStatus) {
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
