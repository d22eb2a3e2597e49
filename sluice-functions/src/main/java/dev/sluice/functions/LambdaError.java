package dev.sluice.functions;

/** Lambda's error codes, with the HTTP status AWS answers them with. */
public enum LambdaError {
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
  RESOURCE_CONFLICT("ResourceConflictException", 409),
  INVALID_PARAMETER_VALUE("InvalidParameterValueException", 400),
  INVALID_REQUEST_CONTENT("InvalidRequestContentException", 400),
  VALIDATION("ValidationException", 400),
  REQUEST_TOO_LARGE("RequestTooLargeException", 413),
  /** A deployment package over AWS's limits (Invoke payloads get REQUEST_TOO_LARGE). */
  REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLargeException", 413),
  PRECONDITION_FAILED("PreconditionFailedException", 412),
  TOO_MANY_REQUESTS("TooManyRequestsException", 429),
  SERVICE("ServiceException", 500);

  private final String code;
  private final int httpStatus;

  LambdaError(String code, int httpStatus) {
    this.code = code;
    this.httpStatus = httpStatus;
  }

  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
