package dev.sluice.protocol.aws.sqs;

import dev.sluice.core.queue.SqsException;
import dev.sluice.core.queue.model.MessageAttributeValue;
import java.util.List;
import java.util.Map;

/**
 * The members of one SQS request (or of one batch entry), read the same way whatever the wire
 * protocol. Members are named as in the JSON protocol; lists and maps also take the Query
 * protocol's flattened name ({@code AttributeName.1}, {@code Attribute.1.Name}), which is where the
 * two protocols differ. Absent members read as null (scalars) or empty (collections); values of the
 * wrong type throw the protocol's own error.
 */
interface SqsInput {

  String string(String name);

  Integer integer(String name);

  /** A list of strings: JSON {@code jsonName: [...]}, Query {@code queryName.N}. */
  List<String> strings(String jsonName, String queryName);

  /**
   * A string map: JSON {@code jsonName: {k: v}}, Query {@code queryName.N.keyName} and {@code
   * queryName.N.valueName}.
   */
  Map<String, String> stringMap(
      String jsonName, String queryName, String keyName, String valueName);

  /**
   * Message (or message system) attributes: JSON {@code jsonName: {name: {DataType, StringValue |
   * BinaryValue}}}, Query {@code queryName.N.Name} and {@code queryName.N.Value.DataType} (...).
   */
  Map<String, MessageAttributeValue> messageAttributes(String jsonName, String queryName);

  /**
   * True if any attribute in {@code jsonName}/{@code queryName} carries list values ({@code
   * StringListValues}, {@code BinaryListValues}): AWS's model has them, AWS's service refuses them.
   */
  boolean hasAttributeListValues(String jsonName, String queryName);

  /** Batch entries: JSON {@code jsonName: [{...}]}, Query {@code queryName.N.Member}. */
  List<SqsInput> entries(String jsonName, String queryName);

  /** A member the API marks required; absent means MissingParameter, as at AWS. */
  default String requiredString(String name) {
    String value = string(name);
    if (value == null) {
      throw SqsException.missingParameter(name);
    }
    return value;
  }

  default Integer requiredInteger(String name) {
    Integer value = integer(name);
    if (value == null) {
      throw SqsException.missingParameter(name);
    }
    return value;
  }
}
