package dev.sluice.core.queue.store;

import java.util.Map;

/**
 * A queue's durable definition. Attributes hold only the settable ones (VisibilityTimeout,
 * RedrivePolicy, Policy, ...), with every default filled in by the core; read-only attributes
 * (counts, ARN, timestamps) are derived, never stored here.
 *
 * @param createdMillis CreatedTimestamp, epoch millis
 * @param lastModifiedMillis LastModifiedTimestamp, epoch millis
 */
public record QueueRecord(
    String name,
    boolean fifo,
    long createdMillis,
    long lastModifiedMillis,
    Map<String, String> attributes,
    Map<String, String> tags) {

  public QueueRecord {
    attributes = Map.copyOf(attributes);
    tags = Map.copyOf(tags);
  }

  public QueueRecord withAttributes(Map<String, String> newAttributes, long modifiedMillis) {
    return new QueueRecord(name, fifo, createdMillis, modifiedMillis, newAttributes, tags);
  }

  public QueueRecord withTags(Map<String, String> newTags) {
    return new QueueRecord(name, fifo, createdMillis, lastModifiedMillis, attributes, newTags);
  }

  /** The parsed, typed view of {@link #attributes()} that message operations work from. */
  public QueueSettings settings() {
    return QueueSettings.of(this);
  }
}
