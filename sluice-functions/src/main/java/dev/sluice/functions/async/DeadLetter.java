package dev.sluice.functions.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What a function's dead-letter queue receives for an Event invocation that failed for good: the
 * event's payload as the body, with AWS's message attributes {@code RequestID} (String), {@code
 * ErrorCode} (Number: the invocation's HTTP status) and {@code ErrorMessage} (String, at most 1 KB).
 */
public record DeadLetter(String body, String requestId, int errorCode, String errorMessage) {

  /** AWS keeps the first kilobyte of the error message. */
  static final int MAX_ERROR_MESSAGE = 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** @param last the last run, or null when the event got too old before it ran again */
  public static DeadLetter of(QueuedEvent event, EventQueue.Condition condition,
      EventQueue.Run last) {
    String body = new String(event.payload(), StandardCharsets.UTF_8);
    String message = last == null || last.response() == null
        ? condition.wireName() : errorMessageOf(last.response());
    if (message.length() > MAX_ERROR_MESSAGE) {
      message = message.substring(0, MAX_ERROR_MESSAGE);
    }
    // A run that happened answered 200 with a function error; an event that never got to run
    // again was being throttled.
    int status = last == null ? 429 : 200;
    return new DeadLetter(body.isEmpty() ? "{}" : body, event.requestId(), status, message);
  }

  private static String errorMessageOf(byte[] response) {
    try {
      JsonNode error = JSON.readTree(response);
      if (error != null && error.hasNonNull("errorMessage")) {
        return error.get("errorMessage").asText();
      }
    } catch (IOException e) {
      // Not JSON: the raw answer is the message.
    }
    return new String(response, StandardCharsets.UTF_8);
  }
}
