package dev.sluice.store.embedded;

import dev.sluice.core.queue.store.MessageData;
import dev.sluice.core.queue.store.NewMessage;
import dev.sluice.core.queue.store.QueueRecord;
import java.util.Map;
import java.util.UUID;

/** Queues and messages as the core would hand them to a store (ids and digests precomputed). */
final class TestMessages {

  static final long START_MILLIS = 1_767_225_600_000L;

  private TestMessages() {}

  static QueueRecord standardQueue(String name, Map<String, String> attributes) {
    return new QueueRecord(name, false, START_MILLIS, START_MILLIS, attributes, Map.of());
  }

  static QueueRecord standardQueue(String name) {
    return standardQueue(name, Map.of());
  }

  static QueueRecord fifoQueue(String name) {
    return new QueueRecord(name, true, START_MILLIS, START_MILLIS, Map.of("FifoQueue", "true"), Map.of());
  }

  static NewMessage message(String body) {
    return new NewMessage(data(body, null, null), 0);
  }

  static NewMessage fifoMessage(String group, String dedupId, String body) {
    return new NewMessage(data(body, group, dedupId), 0);
  }

  static MessageData data(String body, String group, String dedupId) {
    return new MessageData(UUID.randomUUID().toString(), body, "md5-" + body.hashCode(), Map.of(),
        null, Map.of(), null, START_MILLIS, "000000000000", group, dedupId, null);
  }
}
