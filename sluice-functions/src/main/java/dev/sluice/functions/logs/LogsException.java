package dev.sluice.functions.logs;

/** A CloudWatch Logs request refused with AWS's error; nothing was changed. */
public final class LogsException extends RuntimeException {

  private final LogsError error;

  public LogsException(LogsError error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  public LogsError error() {
    return error;
  }

  static LogsException groupNotFound() {
    return new LogsException(LogsError.RESOURCE_NOT_FOUND, "The specified log group does not exist.");
  }

  static LogsException streamNotFound() {
    return new LogsException(LogsError.RESOURCE_NOT_FOUND, "The specified log stream does not exist.");
  }

  static LogsException invalidToken() {
    return new LogsException(LogsError.INVALID_PARAMETER, "The specified nextToken is invalid.");
  }

  static LogsException invalid(String message) {
    return new LogsException(LogsError.INVALID_PARAMETER, message);
  }
}
