package dev.sluice.core.queue.move;

import dev.sluice.core.queue.model.MessageMoveTask;
import dev.sluice.core.time.TimeSource;

/** One message move task's mutable state; guarded by its own monitor. */
final class MoveTask {

  enum Status { RUNNING, COMPLETED, CANCELLING, CANCELLED, FAILED }

  final String id;
  final String handle;
  final String sourceArn;
  final String sourceName;
  final String destinationArn;
  final String destinationName;
  final Integer maxPerSecond;
  final long startedMillis;
  final long toMove;

  private Status status = Status.RUNNING;
  private long moved;
  private String failureReason;
  private TimeSource.Cancellable nextTick;

  MoveTask(String id, String sourceArn, String sourceName, String destinationArn,
      String destinationName, Integer maxPerSecond, long startedMillis, long toMove) {
    this.id = id;
    this.handle = MoveTaskHandles.encode(id, sourceArn);
    this.sourceArn = sourceArn;
    this.sourceName = sourceName;
    this.destinationArn = destinationArn;
    this.destinationName = destinationName;
    this.maxPerSecond = maxPerSecond;
    this.startedMillis = startedMillis;
    this.toMove = toMove;
  }

  synchronized Status status() {
    return status;
  }

  synchronized boolean active() {
    return status == Status.RUNNING || status == Status.CANCELLING;
  }

  synchronized long moved() {
    return moved;
  }

  synchronized void addMoved(int count) {
    moved += count;
  }

  synchronized void scheduled(TimeSource.Cancellable tick) {
    nextTick = tick;
  }

  /** Ends the task unless it has ended already. */
  synchronized void finish(Status end, String reason) {
    if (status == Status.RUNNING || status == Status.CANCELLING) {
      status = end;
      failureReason = reason;
    }
  }

  /** Asks a running task to stop; its next tick makes it CANCELLED. */
  synchronized boolean requestCancel() {
    if (status != Status.RUNNING) {
      return false;
    }
    status = Status.CANCELLING;
    return true;
  }

  synchronized void stopTicking() {
    if (nextTick != null) {
      nextTick.cancel();
    }
  }

  synchronized MessageMoveTask view() {
    return new MessageMoveTask(
        status == Status.RUNNING ? handle : null,
        status.name(),
        sourceArn,
        destinationArn,
        maxPerSecond,
        moved,
        toMove,
        failureReason,
        startedMillis);
  }
}
