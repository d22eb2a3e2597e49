package dev.sluice.core.queue.attributes;

import dev.sluice.core.queue.store.QueueRecord;
import java.util.Optional;

/** Finds the queue an ARN names, when it is one of ours. */
@FunctionalInterface
public interface QueueLookup {
  Optional<QueueRecord> byArn(String arn);
}
