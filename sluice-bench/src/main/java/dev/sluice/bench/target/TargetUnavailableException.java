package dev.sluice.bench.target;

/** A target that cannot run on this machine; the bench skips it and says why. */
public final class TargetUnavailableException extends Exception {

  public TargetUnavailableException(String message) {
    super(message);
  }

  public TargetUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
