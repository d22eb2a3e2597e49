package dev.sluice.store.conformance;

import dev.sluice.core.queue.engine.Change;
import dev.sluice.core.queue.engine.DedupRecord;
import dev.sluice.core.queue.engine.Journal;
import dev.sluice.core.queue.engine.MessageState;
import dev.sluice.core.queue.engine.QueueEngine;
import dev.sluice.core.queue.store.DeleteOutcome;
import dev.sluice.core.queue.store.Delivery;
import dev.sluice.core.queue.store.MessageAvailability;
import dev.sluice.core.queue.store.MessageData;
import dev.sluice.core.queue.store.NewMessage;
import dev.sluice.core.queue.store.QueueCounts;
import dev.sluice.core.queue.store.QueueRecord;
import dev.sluice.core.queue.store.QueueStore;
import dev.sluice.core.queue.store.ReceiveSpec;
import dev.sluice.core.queue.store.SendOutcome;
import dev.sluice.core.queue.store.VisibilityOutcome;
import dev.sluice.core.time.TimeSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A durable store in miniature, for testing the engine's persistence hooks: the engine's journal
 * writes into a {@link Disk} (plain maps) on a writer thread, like the embedded store's group
 * commit, and reopening recovers a new engine from that disk without replaying operations.
 */
final class JournalledMemoryStore implements QueueStore {

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
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "journal-writer");
    thread.setDaemon(true);
    return thread;
  });
  private final QueueEngine engine;

  JournalledMemoryStore(TimeSource time, Disk disk) {
    this.disk = disk;
    Journal journal = (changes, durable) -> CompletableFuture.runAsync(() -> disk.apply(changes), writer);
    engine = new QueueEngine(time, journal, disk::payload);
    disk.recoverInto(engine);
    engine.startHousekeeping(30_000);
  }

  @Override
  public CompletableFuture<QueueRecord> createQueue(QueueRecord queue) {
    return engine.createQueue(queue);
  }

  @Override
  public Optional<QueueRecord> queue(String name) {
    return engine.queue(name);
  }

  @Override
  public List<QueueRecord> queues() {
    return engine.queues();
  }

  @Override
  public CompletableFuture<QueueRecord> updateQueue(String name, UnaryOperator<QueueRecord> change) {
    return engine.updateQueue(name, change);
  }

  @Override
  public CompletableFuture<Boolean> deleteQueue(String name) {
    return engine.deleteQueue(name);
  }

  @Override
  public CompletableFuture<List<SendOutcome>> send(String queueName, List<NewMessage> messages) {
    return engine.send(queueName, messages);
  }

  @Override
  public CompletableFuture<List<Delivery>> receive(String queueName, ReceiveSpec spec) {
    return engine.receive(queueName, spec);
  }

  @Override
  public CompletableFuture<DeleteOutcome> delete(String queueName, String receiptHandle) {
    return engine.delete(queueName, receiptHandle);
  }

  @Override
  public CompletableFuture<VisibilityOutcome> changeVisibility(
      String queueName, String receiptHandle, int visibilityTimeoutSeconds) {
    return engine.changeVisibility(queueName, receiptHandle, visibilityTimeoutSeconds);
  }

  @Override
  public CompletableFuture<Void> purge(String queueName) {
    return engine.purge(queueName);
  }

  @Override
  public QueueCounts counts(String queueName) {
    return engine.counts(queueName);
  }

  @Override
  public CompletableFuture<Integer> moveMessages(
      String sourceQueueName, String destinationQueueName, int maxMessages) {
    return engine.moveMessages(sourceQueueName, destinationQueueName, maxMessages);
  }

  @Override
  public MessageAvailability availability() {
    return engine.availability();
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
