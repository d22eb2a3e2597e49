package dev.sluice.core.queue.engine;

import dev.sluice.core.queue.store.DeleteOutcome;
import dev.sluice.core.queue.store.Delivery;
import dev.sluice.core.queue.store.MessageAvailability;
import dev.sluice.core.queue.store.NewMessage;
import dev.sluice.core.queue.store.QueueCounts;
import dev.sluice.core.queue.store.QueueRecord;
import dev.sluice.core.queue.store.QueueStore;
import dev.sluice.core.queue.store.ReceiveSpec;
import dev.sluice.core.queue.store.SendOutcome;
import dev.sluice.core.queue.store.VisibilityOutcome;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * A store whose queue semantics are the {@link QueueEngine}'s: every operation is the engine's;
 * subclasses decide where the engine's journal and payloads go, and how the store closes.
 */
public abstract class EngineQueueStore implements QueueStore {

  protected final QueueEngine engine;

  protected EngineQueueStore(QueueEngine engine) {
    this.engine = engine;
  }

  /** Sweeps expired messages and de-duplication ids now (housekeeping does it periodically). */
  public void expire() {
    engine.expire();
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
  public CompletableFuture<List<DeleteOutcome>> deleteAll(
      String queueName, List<String> receiptHandles) {
    return engine.deleteAll(queueName, receiptHandles);
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
}
