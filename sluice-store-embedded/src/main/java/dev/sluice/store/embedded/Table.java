package dev.sluice.store.embedded;

import java.nio.charset.StandardCharsets;

/**
 * The store's RocksDB column families. Message state and payloads live apart so that recovery
 * scans only the small state records (tens of bytes each) and never reads a body.
 */
enum Table {
  /** queueId -> QueueRecord (JSON). */
  QUEUES("queues"),
  /** queueId + sequence -> MessageState: rewritten on every receive, scanned at recovery. */
  MESSAGE_STATES("message-states"),
  /** queueId + sequence -> MessageData: written once, read when delivered or moved. */
  PAYLOADS("payloads"),
  /** queueId + de-duplication key -> DedupRecord (FIFO queues). */
  DEDUP("dedup");

  private final String familyName;

  Table(String familyName) {
    this.familyName = familyName;
  }

  byte[] familyName() {
    return familyName.getBytes(StandardCharsets.UTF_8);
  }
}
