package dev.sluice.server.http;

/** The HTTP server could not listen on its address (port in use, unknown host, no permission). */
public final class HttpBindException extends RuntimeException {

  public HttpBindException(String message, Throwable cause) {
    super(message, cause);
  }
}
