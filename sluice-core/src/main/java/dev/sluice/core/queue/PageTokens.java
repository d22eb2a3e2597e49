package dev.sluice.core.queue;

import dev.sluice.core.queue.model.ListQueuesResult;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Pages of queue names for ListQueues and ListDeadLetterSourceQueues. The NextToken is opaque to
 * clients: the last name of the previous page, so pages stay correct while queues come and go.
 */
public final class PageTokens {

  public static final int MAX_RESULTS = 1000;
  private static final String VERSION = "v1:";

  private PageTokens() {}

  /** {@code sortedNames} must be in ascending order. */
  public static ListQueuesResult page(List<String> sortedNames, Integer maxResults, String token) {
    if (maxResults != null && (maxResults < 1 || maxResults > MAX_RESULTS)) {
      throw SqsException.invalidParameterValue("Value " + maxResults + " for parameter MaxResults"
          + " is invalid. Reason: MaxResults must be an integer between 1 and " + MAX_RESULTS + ".");
    }
    String after = token == null || token.isEmpty() ? null : decode(token);
    int start = 0;
    if (after != null) {
      while (start < sortedNames.size() && sortedNames.get(start).compareTo(after) <= 0) {
        start++;
      }
    }
    int size = maxResults != null ? maxResults : MAX_RESULTS;
    int end = Math.min(sortedNames.size(), start + size);
    List<String> page = List.copyOf(sortedNames.subList(start, end));
    // AWS hands out a NextToken only to callers that page with MaxResults.
    boolean more = maxResults != null && end < sortedNames.size();
    return new ListQueuesResult(page, more ? encode(page.get(page.size() - 1)) : null);
  }

  private static String encode(String lastName) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((VERSION + lastName).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (decoded.startsWith(VERSION)) {
        return decoded.substring(VERSION.length());
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw SqsException.invalidParameterValue("Invalid NextToken value.");
  }
}
