package dev.sluice.functions.logs;

import java.nio.charset.StandardCharsets;

/**
 * One stored log event.
 *
 * @param timestamp when it happened (the writer's clock), epoch millis
 * @param ingestionTime when Sluice stored it, epoch millis
 * @param message the text
 */
public record LogEvent(long timestamp, long ingestionTime, String message) {

  /** AWS counts an event's size as its UTF-8 message plus 26 bytes. */
  public static final int OVERHEAD_BYTES = 26;

  public int size() {
    return message.getBytes(StandardCharsets.UTF_8).length + OVERHEAD_BYTES;
  }
}
