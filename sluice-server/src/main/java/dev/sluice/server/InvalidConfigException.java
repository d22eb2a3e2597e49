package dev.sluice.server;

/** A configuration value that the server refuses to start with; the message names the value. */
public final class InvalidConfigException extends IllegalArgumentException {

  public InvalidConfigException(String message) {
    super(message);
  }
}
