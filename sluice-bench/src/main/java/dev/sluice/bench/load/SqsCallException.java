package dev.sluice.bench.load;

/** An SQS call that got an error answer, or no answer at all. */
public final class SqsCallException extends RuntimeException {

  public SqsCallException(String message) {
    super(message);
  }

  public SqsCallException(String message, Throwable cause) {
    super(message, cause);
  }

  static SqsCallException errorAnswer(String action, SqsResponse response) {
    String body = response.bodyText();
    if (body.length() > 300) {
      body = body.substring(0, 300) + "...";
    }
    return new SqsCallException(action + " answered HTTP " + response.status() + ": " + body);
  }
}
