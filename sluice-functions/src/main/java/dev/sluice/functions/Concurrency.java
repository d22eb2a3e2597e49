package dev.sluice.functions;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts running invocations against AWS's concurrency model: a server-wide limit; a function
 * with reserved concurrency runs at most that many at once and the reservation is carved out of
 * the limit; all other functions share what is left (the unreserved pool).
 *
 * <p>Guarded by this object's lock, held for counting only.
 */
final class Concurrency {

  /** Why an invocation may not start now: AWS's TooManyRequestsException Reason. */
  enum Throttle {
    RESERVED("ReservedFunctionConcurrentInvocationLimitExceeded"),
    ACCOUNT("ConcurrentInvocationLimitExceeded");

    private final String reason;

    Throttle(String reason) {
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }

  private final int limit;
  private final Map<String, Integer> reserved = new HashMap<>();
  private final Map<String, Integer> running = new HashMap<>();
  private int reservedTotal;
  private int unreservedRunning;

  Concurrency(int limit) {
    this.limit = limit;
  }

  int limit() {
    return limit;
  }

  /** AWS keeps a part of the account limit unreserved; here a tenth. */
  int minimumUnreserved() {
    return Math.max(1, limit / 10);
  }

  synchronized int unreserved() {
    return limit - reservedTotal;
  }

  synchronized Integer reservedFor(String function) {
    return reserved.get(function);
  }

  /** How much {@code function} could reserve: the limit minus others' reservations and the floor. */
  synchronized int reservable(String function) {
    return limit - (reservedTotal - reserved.getOrDefault(function, 0)) - minimumUnreserved();
  }

  synchronized void reserve(String function, Integer count) {
    Integer previous = count == null ? reserved.remove(function) : reserved.put(function, count);
    reservedTotal += (count == null ? 0 : count) - (previous == null ? 0 : previous);
  }

  /**
   * One invocation's claim on concurrency: granted (release it when the invocation ends) or
   * refused with the throttle's reason.
   */
  record Permit(String function, boolean unreserved, Throttle refused) {
    boolean granted() {
      return refused == null;
    }
  }

  /** Counts one more running invocation of {@code function}, or says why it may not start. */
  synchronized Permit tryAcquire(String function) {
    Integer own = reserved.get(function);
    int current = running.getOrDefault(function, 0);
    if (own != null && current >= own) {
      return new Permit(function, false, Throttle.RESERVED);
    }
    if (own == null && unreservedRunning >= limit - reservedTotal) {
      return new Permit(function, true, Throttle.ACCOUNT);
    }
    running.put(function, current + 1);
    if (own == null) {
      unreservedRunning++;
    }
    return new Permit(function, own == null, null);
  }

  /** Ends one running invocation granted by {@link #tryAcquire}. */
  synchronized void release(Permit permit) {
    if (!permit.granted()) {
      return;
    }
    running.computeIfPresent(permit.function(), (f, n) -> n <= 1 ? null : n - 1);
    // The permit says which pool it came from: the reservation may have changed meanwhile.
    if (permit.unreserved()) {
      unreservedRunning--;
    }
  }
}
