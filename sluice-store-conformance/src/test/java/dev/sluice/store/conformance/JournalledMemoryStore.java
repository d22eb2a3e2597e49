package dev.sluice.store.conformance;

import dev.sluice.core.queue.engine.Change;
import dev.sluice.core.queue.engine.DedupRecord;
import dev.sluice.core.queue.engine.EngineQueueStore;
import dev.sluice.core.queue.engine.MessageState;
import dev.sluice.core.queue.engine.QueueEngine;
import dev.sluice.core.queue.store.MessageData;
import dev.sluice.core.queue.store.QueueRecord;
import dev.sluice.core.time.TimeSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A durable store in miniature, for testing the engine's persistence hooks: the engine's journal
 * writes into a {@link Disk} (plain maps) on a writer thread, like the embedded store's group
 * commit, and reopening recovers a new engine from that disk without replaying operations.
 */
final class JournalledMemoryStore extends EngineQueueStore {

  /** What a durable store keeps: queue records, small message states, payloads, dedup records. */
  static final class Disk {
    final Map<Long, QueueRecord> queues = new HashMap<>();
    final Map<Long, TreeMap<Long, MessageState>> states = new HashMap<>();
    final Map<Long, Map<Long, MessageData>> payloads = new HashMap<>();
    final Map<Long, Map<String, DedupRecord>> dedup = new HashMap<>();

    synchronized void apply(List<Change> changes) {
      for (Change change : changes) {
        long id = change.queueId();
        if (change instanceof Change.QueuePut put) {
          queues.put(id, put.queue());
        } else if (change instanceof Change.QueueRemoved) {
          queues.remove(id);
          states.remove(id);
          payloads.remove(id);
          dedup.remove(id);
        } else if (change instanceof Change.MessageAppended appended) {
          states.computeIfAbsent(id, k -> new TreeMap<>()).put(appended.sequence(), appended.state());
          payloads.computeIfAbsent(id, k -> new HashMap<>()).put(appended.sequence(), appended.data());
        } else if (change instanceof Change.MessageUpdated updated) {
          TreeMap<Long, MessageState> queueStates = states.get(id);
          if (queueStates != null && queueStates.containsKey(updated.sequence())) {
            queueStates.put(updated.sequence(), updated.state());
          }
        } else if (change instanceof Change.MessageRemoved removed) {
          states.getOrDefault(id, new TreeMap<>()).remove(removed.sequence());
          payloads.getOrDefault(id, new HashMap<>()).remove(removed.sequence());
        } else if (change instanceof Change.MessagesPurged purged) {
          TreeMap<Long, MessageState> queueStates = states.get(id);
          if (queueStates != null) {
            for (Long sequence : List.copyOf(queueStates.headMap(purged.upToSequence(), true).keySet())) {
              queueStates.remove(sequence);
              payloads.get(id).remove(sequence);
            }
          }
        } else if (change instanceof Change.DedupPut put) {
          dedup.computeIfAbsent(id, k -> new HashMap<>()).put(put.dedup().key(), put.dedup());
        } else if (change instanceof Change.DedupRemoved removed) {
          dedup.getOrDefault(id, new HashMap<>()).remove(removed.key());
        } else {
          throw new IllegalArgumentException("unknown change " + change);
        }
      }
    }

    synchronized MessageData payload(long queueId, long sequence) {
      return payloads.getOrDefault(queueId, Map.of()).get(sequence);
    }

    synchronized void recoverInto(QueueEngine engine) {
      queues.forEach(engine::restoreQueue);
      states.forEach((id, queueStates) -> queueStates.forEach((sequence, state) ->
          engine.restoreMessage(id, sequence, state)));
      dedup.forEach((id, records) -> records.values().forEach(record -> engine.restoreDedup(id, record)));
      engine.finishRecovery();
    }
  }

  final Disk disk;
  private final ExecutorService writer;

  JournalledMemoryStore(TimeSource time, Disk disk) {
    this(disk, Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "journal-writer");
      thread.setDaemon(true);
      return thread;
    }), time);
  }

  private JournalledMemoryStore(Disk disk, ExecutorService writer, TimeSource time) {
    super(new QueueEngine(time,
        (changes, durable) -> CompletableFuture.runAsync(() -> disk.apply(changes), writer),
        disk::payload));
    this.disk = disk;
    this.writer = writer;
    disk.recoverInto(engine);
    engine.startHousekeeping(30_000);
  }

  @Override
  public String kind() {
    return "journalled-memory";
  }

  @Override
  public void close() {
    engine.close();
    writer.shutdown();
    try {
      if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("journal writer did not drain");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
