package dev.sluice.functions;

/** Lambda's list pages: MaxItems is checked as AWS checks it, and pages hold at most 50. */
final class Paging {

  /** A page's size when MaxItems is not given, and its maximum. */
  static final int DEFAULT_PAGE_SIZE = 50;
  private static final int MAX_ITEMS = 10_000;

  private Paging() {}

  static int pageSize(Integer maxItems) {
    if (maxItems != null && (maxItems < 1 || maxItems > MAX_ITEMS)) {
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value '"
          + maxItems + "' at 'maxItems' failed to satisfy constraint: Member must have value "
          + (maxItems < 1 ? "greater than or equal to 1" : "less than or equal to " + MAX_ITEMS));
    }
    // AWS returns at most 50 per page whatever MaxItems says.
    return maxItems == null ? DEFAULT_PAGE_SIZE : Math.min(maxItems, DEFAULT_PAGE_SIZE);
  }
}
