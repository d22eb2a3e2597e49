package dev.sluice.server;

/** The server could not start for a reason outside its configuration: port taken, store locked. */
public final class ServerStartException extends RuntimeException {

  public ServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
