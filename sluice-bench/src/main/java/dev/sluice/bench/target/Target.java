package dev.sluice.bench.target;

/**
 * Something the bench measures: a server it starts itself on loopback (and stops afterwards), or
 * an endpoint someone else runs. Implementations must leave nothing running once the returned
 * {@link RunningTarget} is closed.
 */
public interface Target {

  /** Short name used in results: sluice, elasticmq, moto, ceiling, endpoint. */
  String name();

  /**
   * Starts the target and returns once it answers SQS requests.
   *
   * @throws TargetUnavailableException when it cannot be started here (missing program, no network
   *     for the download, ...): the bench skips it with that message, it is not a failure of the run
   */
  RunningTarget start(TargetEnvironment environment) throws TargetUnavailableException;

  /** False for the ceiling, which answers every receive at once: long polls mean nothing there. */
  default boolean holdsLongPolls() {
    return true;
  }
}
