package dev.sluice.core.queue.engine;

import dev.sluice.core.queue.store.MessageData;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the engine reads a message's payload when it does not keep it in memory (the durable
 * store keeps bodies on disk). Called from many threads at once; receives call it without engine
 * locks, but message moves (move tasks, which need each message's DeadLetterQueueSourceArn to
 * pick its destination) call it while holding the source queue's lock. So it must be quick and
 * must never call back into the engine.
 */
@FunctionalInterface
public interface PayloadSource {

  /** The payload the message was appended with, or null if the message is gone. */
  MessageData load(long queueId, long sequence);

  /**
   * The payloads of several messages of one queue, in the order asked, null for those gone. A
   * store that can look keys up together (one receive asks for up to ten neighbours) overrides it.
   */
  default List<MessageData> loadAll(long queueId, long[] sequences) {
    List<MessageData> loaded = new ArrayList<>(sequences.length);
    for (long sequence : sequences) {
      loaded.add(load(queueId, sequence));
    }
    return loaded;
  }
}
