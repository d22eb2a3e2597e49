package dev.sluice.core.queue.attributes;

import static dev.sluice.core.queue.attributes.QueueAttributeNames.*;

import dev.sluice.core.queue.store.QueueCounts;
import dev.sluice.core.queue.store.QueueRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * GetQueueAttributes: the stored attributes plus the derived ones (ARN, counts, timestamps in epoch
 * seconds). Attributes a queue does not have (FifoQueue on a standard queue, an unset Policy) are
 * left out rather than refused; names SQS does not know are refused.
 */
public final class QueueAttributeView {

  private QueueAttributeView() {}

  public static Map<String, String> select(
      QueueRecord queue, Collection<String> names, String queueArn, Supplier<QueueCounts> counts) {
    for (String name : names) {
      if (!READABLE.contains(name)) {
        throw QueueAttributeRules.unknownAttribute(name);
      }
    }
    Map<String, String> result = new TreeMap<>();
    if (names.isEmpty()) {
      return result;
    }
    List<String> wanted = names.contains(ALL) ? everything(queue) : List.copyOf(names);
    QueueCounts queueCounts = null;
    for (String name : wanted) {
      if (name.startsWith("ApproximateNumberOfMessages") && queueCounts == null) {
        queueCounts = counts.get();
      }
      String value = value(name, queue, queueArn, queueCounts);
      if (value != null) {
        result.put(name, value);
      }
    }
    return result;
  }

  private static List<String> everything(QueueRecord queue) {
    List<String> all = new ArrayList<>(queue.attributes().keySet());
    all.addAll(READ_ONLY);
    return all;
  }

  private static String value(String name, QueueRecord queue, String arn, QueueCounts counts) {
    return switch (name) {
      case QUEUE_ARN -> arn;
      case CREATED_TIMESTAMP -> Long.toString(queue.createdMillis() / 1000);
      case LAST_MODIFIED_TIMESTAMP -> Long.toString(queue.lastModifiedMillis() / 1000);
      case APPROXIMATE_NUMBER_OF_MESSAGES -> Long.toString(counts.visible());
      case APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE -> Long.toString(counts.inFlight());
      case APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED -> Long.toString(counts.delayed());
      default -> queue.attributes().get(name);
    };
  }
}
