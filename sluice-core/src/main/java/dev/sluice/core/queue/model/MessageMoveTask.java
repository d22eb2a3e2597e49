package dev.sluice.core.queue.model;

/**
 * A message move task as ListMessageMoveTasks reports it.
 *
 * @param taskHandle only set while the task is RUNNING
 * @param status RUNNING, COMPLETED, CANCELLING, CANCELLED or FAILED
 * @param destinationArn null when messages go back to their original source queues
 * @param maxNumberOfMessagesPerSecond null when the client set no limit
 * @param failureReason null unless FAILED
 */
public record MessageMoveTask(
    String taskHandle,
    String status,
    String sourceArn,
    String destinationArn,
    Integer maxNumberOfMessagesPerSecond,
    long approximateNumberOfMessagesMoved,
    long approximateNumberOfMessagesToMove,
    String failureReason,
    long startedTimestamp) {}
