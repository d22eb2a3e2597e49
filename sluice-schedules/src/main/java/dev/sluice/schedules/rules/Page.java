package dev.sluice.schedules.rules;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param nextToken null on the last page
 */
public record Page<T>(List<T> items, String nextToken) {

  /** Page {@code token} (an offset, opaque to clients) of at most {@code limit} items. */
  public static <T> Page<T> of(List<T> all, String token, Integer limit) {
    new Validation().range(limit, "limit", 1, 100).check();
    int from = offset(token);
    int size = limit == null ? 100 : limit;
    int to = Math.min(all.size(), from + size);
    List<T> items = from >= all.size() ? List.of() : all.subList(from, to);
    return new Page<>(List.copyOf(items), to < all.size() ? Integer.toString(to) : null);
  }

  private static int offset(String token) {
    if (token == null) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(token);
      if (offset >= 0) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw EventsException.validation("The NextToken provided is invalid.");
  }
}
