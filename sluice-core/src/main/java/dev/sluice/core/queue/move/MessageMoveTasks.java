package dev.sluice.core.queue.move;

import dev.sluice.core.queue.QueueArns;
import dev.sluice.core.queue.SqsError;
import dev.sluice.core.queue.SqsException;
import dev.sluice.core.queue.model.MessageMoveTask;
import dev.sluice.core.queue.store.QueueRecord;
import dev.sluice.core.queue.store.QueueSettings;
import dev.sluice.core.queue.store.QueueStore;
import dev.sluice.core.time.TimeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Message move tasks (dead-letter queue redrive): StartMessageMoveTask, ListMessageMoveTasks and
 * CancelMessageMoveTask. A task runs as timer ticks, each moving one batch with
 * {@link QueueStore#moveMessages}: with a rate limit, one batch of that many messages per second;
 * without, batches back to back. A task ends COMPLETED when a batch comes back short, FAILED when
 * a queue disappears or the store fails, CANCELLED at the first tick after a cancel.
 *
 * <p>Tasks live in memory: they are lost on restart, like a task that failed.
 */
public final class MessageMoveTasks implements AutoCloseable {

  public static final int MAX_MESSAGES_PER_SECOND = 500;
  public static final int MAX_LIST_RESULTS = 10;
  static final int UNLIMITED_BATCH = 100;
  private static final Logger log = LoggerFactory.getLogger(MessageMoveTasks.class);
  private static final String ARN_FORMAT =
      "arn:<partition>:<service>:<region>:<account-id>:<resource-id>";

  private final QueueStore store;
  private final TimeSource time;
  private final QueueArns arns;
  private final Map<String, Deque<MoveTask>> bySource = new HashMap<>();
  private final Map<String, MoveTask> byId = new HashMap<>();
  private boolean closed;

  public MessageMoveTasks(QueueStore store, TimeSource time, QueueArns arns) {
    this.store = store;
    this.time = time;
    this.arns = arns;
  }

  /** Starts a task and answers its handle. {@code destinationArn} null: back to original sources. */
  public String start(String sourceArn, String destinationArn, Integer maxPerSecond) {
    if (maxPerSecond != null && (maxPerSecond < 1 || maxPerSecond > MAX_MESSAGES_PER_SECOND)) {
      throw SqsException.invalidParameterValue("Value " + maxPerSecond + " for parameter"
          + " MaxNumberOfMessagesPerSecond is invalid. Reason: You must enter a number that's"
          + " between 1 and " + MAX_MESSAGES_PER_SECOND + ".");
    }
    QueueRecord source = existing(sourceArn, "SourceArn");
    if (!isDeadLetterQueue(sourceArn)) {
      throw SqsException.invalidParameterValue(
          "Source queue must be configured as a Dead Letter Queue.");
    }
    String destinationName = null;
    if (destinationArn != null) {
      destinationName = existing(destinationArn, "DestinationArn").name();
    }
    MoveTask task;
    synchronized (this) {
      Deque<MoveTask> tasks = bySource.computeIfAbsent(sourceArn, arn -> new ArrayDeque<>());
      if (tasks.stream().anyMatch(MoveTask::active)) {
        throw SqsException.invalidParameterValue("There is already a task running. Only one"
            + " active task is allowed for a source queue arn at a given time.");
      }
      task = new MoveTask(UUID.randomUUID().toString(), sourceArn, source.name(), destinationArn,
          destinationName, maxPerSecond, time.nowMillis(), store.counts(source.name()).visible());
      tasks.addFirst(task);
      byId.put(task.id, task);
      forgetOldest(tasks);
    }
    scheduleTick(task, time.nowMillis());
    return task.handle;
  }

  /** The source's tasks, most recent first; at most {@code maxResults} (default 1). */
  public List<MessageMoveTask> list(String sourceArn, Integer maxResults) {
    if (maxResults != null && (maxResults < 1 || maxResults > MAX_LIST_RESULTS)) {
      throw SqsException.invalidParameterValue("Value " + maxResults + " for parameter MaxResults"
          + " is invalid. Reason: You must enter a number that's between 1 and "
          + MAX_LIST_RESULTS + ".");
    }
    existing(sourceArn, "SourceArn");
    int limit = maxResults == null ? 1 : maxResults;
    List<MessageMoveTask> views = new ArrayList<>();
    synchronized (this) {
      for (MoveTask task : bySource.getOrDefault(sourceArn, new ArrayDeque<>())) {
        if (views.size() == limit) {
          break;
        }
        views.add(task.view());
      }
    }
    return views;
  }

  /** Asks a running task to stop; answers how many messages it has moved so far. */
  public long cancel(String taskHandle) {
    if (taskHandle == null || taskHandle.isEmpty()) {
      throw SqsException.missingParameter("TaskHandle");
    }
    MoveTaskHandles.Decoded decoded = MoveTaskHandles.decode(taskHandle);
    existing(decoded.sourceArn(), "SourceArn");
    MoveTask task;
    synchronized (this) {
      task = byId.get(decoded.taskId());
    }
    if (task == null || !task.sourceArn.equals(decoded.sourceArn())) {
      throw new SqsException(SqsError.RESOURCE_NOT_FOUND, "Task does not exist.");
    }
    if (!task.requestCancel()) {
      throw SqsException.invalidParameterValue("Only a task in RUNNING state can be cancelled.");
    }
    return task.moved();
  }

  /** Stops every task's ticks; running tasks stay RUNNING in memory, as if the process stopped. */
  @Override
  public void close() {
    List<MoveTask> tasks;
    synchronized (this) {
      closed = true;
      tasks = List.copyOf(byId.values());
    }
    tasks.forEach(MoveTask::stopTicking);
  }

  private void tick(MoveTask task) {
    try {
      if (task.status() == MoveTask.Status.CANCELLING) {
        task.finish(MoveTask.Status.CANCELLED, null);
        return;
      }
      if (task.status() != MoveTask.Status.RUNNING) {
        return;
      }
      if (store.queue(task.sourceName).isEmpty()
          || (task.destinationName != null && store.queue(task.destinationName).isEmpty())) {
        fail(task, SqsError.QUEUE_DOES_NOT_EXIST.queryCode(), null);
        return;
      }
      int batch = task.maxPerSecond != null ? task.maxPerSecond : UNLIMITED_BATCH;
      store.moveMessages(task.sourceName, task.destinationName, batch)
          .whenComplete((moved, error) -> afterBatch(task, batch, moved, error));
    } catch (RuntimeException e) {
      // why: a tick is a background loop; one failure ends this task, never the timer.
      fail(task, reason(e), e);
    }
  }

  private void afterBatch(MoveTask task, int batch, Integer moved, Throwable error) {
    if (error != null) {
      fail(task, reason(error), error);
      return;
    }
    task.addMoved(moved);
    if (task.status() == MoveTask.Status.CANCELLING) {
      task.finish(MoveTask.Status.CANCELLED, null);
    } else if (moved < batch) {
      task.finish(MoveTask.Status.COMPLETED, null);
    } else {
      long now = time.nowMillis();
      scheduleTick(task, task.maxPerSecond != null ? now + 1000 : now);
    }
  }

  private void scheduleTick(MoveTask task, long atMillis) {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    task.scheduled(time.schedule(atMillis, () -> tick(task)));
  }

  private void fail(MoveTask task, String reason, Throwable error) {
    if (error != null) {
      log.warn("Message move task {} from {} failed", task.id, task.sourceArn, error);
    }
    task.finish(MoveTask.Status.FAILED, reason);
  }

  private static String reason(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null
        ? error.getCause() : error;
    return cause instanceof SqsException refused
        ? refused.error().queryCode() : cause.getClass().getSimpleName();
  }

  private QueueRecord existing(String arn, String parameter) {
    if (arn == null || arn.isEmpty()) {
      throw SqsException.missingParameter(parameter);
    }
    if (!QueueArns.wellFormed(arn)) {
      throw SqsException.invalidParameterValue(
          "You must use this format to specify the " + parameter + ": " + ARN_FORMAT);
    }
    return arns.queueName(arn).flatMap(store::queue).orElseThrow(() -> new SqsException(
        SqsError.RESOURCE_NOT_FOUND,
        "The resource that you specified for the " + parameter + " parameter doesn't exist."));
  }

  private boolean isDeadLetterQueue(String arn) {
    return store.queues().stream().anyMatch(queue -> {
      QueueSettings.Redrive redrive = queue.settings().redrive();
      return redrive != null && arn.equals(redrive.deadLetterTargetArn());
    });
  }

  // ListMessageMoveTasks shows at most ten; older finished tasks are forgotten.
  private void forgetOldest(Deque<MoveTask> tasks) {
    while (tasks.size() > MAX_LIST_RESULTS && !tasks.peekLast().active()) {
      byId.remove(tasks.removeLast().id);
    }
  }
}
