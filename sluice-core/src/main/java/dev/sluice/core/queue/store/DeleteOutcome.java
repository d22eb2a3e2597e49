package dev.sluice.core.queue.store;

/** What a delete by receipt handle found. */
public enum DeleteOutcome {
  /** The message was there and is gone now. */
  DELETED,
  /**
   * The handle is well-formed and names this queue, but the message is already gone (deleted,
   * expired, moved) or was received again since. AWS answers success: deletes are idempotent.
   */
  ALREADY_GONE,
  /**
   * FIFO queues only: the handle's visibility timeout ran out, so it may no longer delete the
   * message. AWS answers InvalidParameterValue "Value {handle} for parameter ReceiptHandle is
   * invalid. Reason: The receipt handle has expired."
   */
  EXPIRED_HANDLE,
  /** The handle is not one this store issued for this queue: ReceiptHandleIsInvalid. */
  INVALID_HANDLE
}
