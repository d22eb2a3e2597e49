package dev.sluice.protocol.aws.auth;

import dev.sluice.protocol.aws.AwsError;

/** A request refused before it reaches a service. Cheap to throw: no stack trace. */
final class AuthenticationException extends RuntimeException {

  private final transient AwsError error;

  AuthenticationException(AwsError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  static AuthenticationException of(AwsError error) {
    return new AuthenticationException(error);
  }

  AwsError error() {
    return error;
  }
}
