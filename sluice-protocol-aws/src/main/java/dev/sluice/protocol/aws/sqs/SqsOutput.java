package dev.sluice.protocol.aws.sqs;

import dev.sluice.core.queue.model.MessageAttributeValue;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The members of one SQS answer, written the same way whatever the wire protocol. Names are the
 * JSON protocol's; lists and maps also take the Query protocol's XML element names, because its
 * lists are flattened into repeated elements ({@code <QueueUrl>} per URL, {@code
 * <Attribute><Name/><Value/></Attribute>} per map entry). Null values and empty collections are
 * left out, as AWS leaves them out.
 */
interface SqsOutput {

  SqsOutput string(String name, String value);

  SqsOutput number(String name, Number value);

  SqsOutput bool(String name, boolean value);

  SqsOutput strings(String jsonName, String queryItemName, List<String> values);

  SqsOutput stringMap(String jsonName, String queryEntryName, String keyName, String valueName,
      Map<String, String> map);

  SqsOutput messageAttributes(
      String jsonName, String queryEntryName, Map<String, MessageAttributeValue> attributes);

  <T> SqsOutput list(
      String jsonName, String queryItemName, List<T> items, BiConsumer<SqsOutput, T> writeItem);
}
