package dev.sluice.core.queue.store;

/** What a visibility change by receipt handle found. */
public enum VisibilityOutcome {
  /** The message was in flight under this handle; its timeout now counts from the change. */
  CHANGED,
  /**
   * The message exists but is not in flight (visible again): MessageNotInflight. FIFO queues only
   * in the engine-based stores: on standard queues AWS lets the latest handle re-hide a message
   * whose visibility timeout ran out (recorded), which is CHANGED.
   */
  NOT_IN_FLIGHT,
  /**
   * The message is gone, or was received again under a newer handle: InvalidParameterValue
   * ("... Reason: Message does not exist or is not available for visibility timeout change.").
   */
  NOT_AVAILABLE,
  /** The handle is not one this store issued for this queue: ReceiptHandleIsInvalid. */
  INVALID_HANDLE
}
