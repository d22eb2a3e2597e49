package dev.sluice.core.queue;

/**
 * The closed set of errors the queue service answers with. Each carries both of AWS's names for it:
 * the JSON protocol's shape name ({@code __type}: {@code com.amazonaws.sqs#<shape>}) and the Query
 * protocol's error code (also sent by the JSON protocol in the {@code x-amzn-query-error} header,
 * which is what boto3 and the SDKs report as the error code).
 */
public enum SqsError {
  QUEUE_DOES_NOT_EXIST("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", 400),
  QUEUE_ALREADY_EXISTS("QueueNameExists", "QueueAlreadyExists", 400),
  QUEUE_DELETED_RECENTLY("QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently", 400),
  INVALID_PARAMETER_VALUE("InvalidParameterValueException", "InvalidParameterValue", 400),
  // The JSON protocol names this shape differently from its Query code (recorded from AWS).
  MISSING_PARAMETER("MissingRequiredParameterException", "MissingParameter", 400),
  INVALID_ATTRIBUTE_NAME("InvalidAttributeName", "InvalidAttributeName", 400),
  INVALID_ATTRIBUTE_VALUE("InvalidAttributeValue", "InvalidAttributeValue", 400),
  INVALID_MESSAGE_CONTENTS("InvalidMessageContents", "InvalidMessageContents", 400),
  RECEIPT_HANDLE_IS_INVALID("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", 400),
  MESSAGE_NOT_INFLIGHT("MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight", 400),
  PURGE_QUEUE_IN_PROGRESS("PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress", 403),
  TOO_MANY_ENTRIES_IN_BATCH_REQUEST(
      "TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400),
  BATCH_ENTRY_IDS_NOT_DISTINCT(
      "BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", 400),
  EMPTY_BATCH_REQUEST("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest", 400),
  INVALID_BATCH_ENTRY_ID("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId", 400),
  BATCH_REQUEST_TOO_LONG("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong", 400),
  UNSUPPORTED_OPERATION("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", 400),
  INVALID_ID_FORMAT("InvalidIdFormat", "InvalidIdFormat", 400),
  OVER_LIMIT("OverLimit", "OverLimit", 403),
  RESOURCE_NOT_FOUND("ResourceNotFoundException", "ResourceNotFoundException", 404),
  INVALID_ADDRESS("InvalidAddress", "InvalidAddress", 404),
  INVALID_ACTION("InvalidAction", "InvalidAction", 400),
  INVALID_SECURITY("InvalidSecurity", "AWS.SimpleQueueService.InvalidSecurity", 403),
  REQUEST_THROTTLED("RequestThrottled", "RequestThrottled", 403),
  INTERNAL_ERROR("InternalError", "InternalError", 500);

  private final String jsonShape;
  private final String queryCode;
  private final int httpStatus;

  SqsError(String jsonShape, String queryCode, int httpStatus) {
    this.jsonShape = jsonShape;
    this.queryCode = queryCode;
    this.httpStatus = httpStatus;
  }

  /** The shape name in the JSON protocol's {@code __type}, without the namespace. */
  public String jsonShape() {
    return jsonShape;
  }

  /** The Query protocol's error code; also the JSON protocol's {@code x-amzn-query-error}. */
  public String queryCode() {
    return queryCode;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** Sender faults are the client's doing; everything but internal errors is. */
  public boolean senderFault() {
    return httpStatus < 500;
  }
}
