package dev.sluice.core.queue.batch;

import dev.sluice.core.queue.SqsError;
import dev.sluice.core.queue.SqsException;
import dev.sluice.core.queue.model.BatchEntry;
import dev.sluice.core.queue.model.SendMessageRequest;
import dev.sluice.core.queue.store.MessageSizes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks that refuse a whole batch request before any entry is tried. */
public final class BatchRules {

  public static final int MAX_ENTRIES = 10;
  public static final int MAX_BATCH_BYTES = 1_048_576;
  private static final int MAX_ENTRY_ID_LENGTH = 80;

  private BatchRules() {}

  /**
   * 1 to 10 entries with distinct, well-formed ids. {@code entryType} names the request's entry
   * shape in the EmptyBatchRequest message, e.g. {@code SendMessageBatchRequestEntry}.
   */
  public static void checkEntries(List<? extends BatchEntry<?>> entries, String entryType) {
    if (entries == null || entries.isEmpty()) {
      throw new SqsException(SqsError.EMPTY_BATCH_REQUEST,
          "There should be at least one " + entryType + " in the request.");
    }
    if (entries.size() > MAX_ENTRIES) {
      throw new SqsException(SqsError.TOO_MANY_ENTRIES_IN_BATCH_REQUEST,
          "Maximum number of entries per request are " + MAX_ENTRIES + ". You have sent "
              + entries.size() + ".");
    }
    Set<String> seen = new HashSet<>();
    for (BatchEntry<?> entry : entries) {
      String id = entry.id();
      if (!isEntryId(id)) {
        throw new SqsException(SqsError.INVALID_BATCH_ENTRY_ID, "A batch entry id can only"
            + " contain alphanumeric characters, hyphens and underscores. It can be at most 80"
            + " letters long.");
      }
      if (!seen.add(id)) {
        throw new SqsException(SqsError.BATCH_ENTRY_IDS_NOT_DISTINCT, "Id " + id + " repeated.");
      }
    }
  }

  // [A-Za-z0-9_-]{1,80}, as a loop: every entry of every batch is checked (perf).
  static boolean isEntryId(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_ENTRY_ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  /** The bodies and message attributes of a whole SendMessageBatch, together. */
  public static void checkSendBatchSize(List<BatchEntry<SendMessageRequest>> entries) {
    long total = 0;
    for (BatchEntry<SendMessageRequest> entry : entries) {
      SendMessageRequest request = entry.request();
      if (request != null) {
        total += MessageSizes.sizeOf(request.body(), request.messageAttributes());
      }
    }
    if (total > MAX_BATCH_BYTES) {
      throw new SqsException(SqsError.BATCH_REQUEST_TOO_LONG, "Batch requests cannot be longer"
          + " than " + MAX_BATCH_BYTES + " bytes. You have sent " + total + " bytes.");
    }
  }
}
