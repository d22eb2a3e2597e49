package dev.sluice.core.queue;

import dev.sluice.core.queue.attributes.QueueAttributeRules;
import dev.sluice.core.queue.store.QueueRecord;
import java.util.Map;

/** Queue records as the service would create them, for tests of the pure rules. */
public final class TestQueues {

  private TestQueues() {}

  public static QueueRecord standard(String name, Map<String, String> attributes) {
    return record(name, false, attributes);
  }

  public static QueueRecord standard(String name) {
    return standard(name, Map.of());
  }

  public static QueueRecord fifo(String name, Map<String, String> attributes) {
    return record(name, true, attributes);
  }

  private static QueueRecord record(String name, boolean fifo, Map<String, String> attributes) {
    Map<String, String> stored = QueueAttributeRules
        .check(attributes, fifo, "arn:aws:sqs:us-east-1:000000000000:" + name, arn -> java.util.Optional.empty())
        .applyTo(QueueAttributeRules.defaults(fifo));
    return new QueueRecord(name, fifo, 1_000L, 1_000L, stored, Map.of());
  }
}
