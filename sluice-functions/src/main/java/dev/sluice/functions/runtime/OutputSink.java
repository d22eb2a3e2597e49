package dev.sluice.functions.runtime;

import java.util.List;

/**
 * Where the lines of an execution environment's log go besides its file (the Logs API's store).
 * Called on the thread that ends an invocation, so it must be quick and must not block on I/O
 * beyond a write to the page cache.
 */
@FunctionalInterface
public interface OutputSink {

  /**
   * @param logGroup {@code /aws/lambda/<function name>}
   * @param logStream AWS's stream name of the environment
   * @param timestamp when the lines were collected, epoch millis
   * @param lines complete lines without their line breaks
   */
  void append(String logGroup, String logStream, long timestamp, List<String> lines);

  /** A sink that keeps nothing. */
  static OutputSink none() {
    return (group, stream, timestamp, lines) -> { };
  }
}
