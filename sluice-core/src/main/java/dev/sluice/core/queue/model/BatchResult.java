package dev.sluice.core.queue.model;

import dev.sluice.core.queue.SqsError;
import java.util.List;

/** The answer to a batch request: each entry either succeeded or failed on its own. */
public record BatchResult<T>(List<Success<T>> successful, List<Failure> failed) {

  public record Success<T>(String id, T result) {}

  /** A failed entry, reported with AWS's code ({@link SqsError#queryCode()}) and message. */
  public record Failure(String id, SqsError error, String message) {

    public boolean senderFault() {
      return error.senderFault();
    }
  }
}
