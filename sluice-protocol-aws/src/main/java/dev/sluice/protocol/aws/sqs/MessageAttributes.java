package dev.sluice.protocol.aws.sqs;

import dev.sluice.core.queue.SqsException;
import dev.sluice.core.queue.model.MessageAttributeValue;

/** Builds message attribute values from either wire protocol's members. */
final class MessageAttributes {

  private MessageAttributes() {}

  /**
   * DataType is the one member AWS's model requires of a message attribute value; the rules for
   * values and types (empty values, Number syntax, custom types) are the queue service's.
   */
  static MessageAttributeValue of(
      String name, String dataType, String stringValue, byte[] binaryValue) {
    if (dataType == null || dataType.isEmpty()) {
      throw SqsException.invalidParameterValue(
          "The message attribute '" + name + "' must contain non-empty message attribute type.");
    }
    return new MessageAttributeValue(dataType, stringValue, binaryValue);
  }
}
