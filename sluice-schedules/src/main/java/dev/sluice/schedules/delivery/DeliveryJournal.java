package dev.sluice.schedules.delivery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where pending retries of failed target deliveries are kept, so that a restart re-arms them with
 * their remaining budget instead of forgetting them.
 *
 * <p>Contract: {@link #save} is durable when it returns (a crash after it keeps the entry); {@link
 * #remove} need not be (a removal lost in a crash means one more retry: delivery is at least once,
 * as at AWS). Calls may come from any thread; each call is atomic; entries are replaced whole by
 * id. Failures are thrown as unchecked exceptions; the caller logs them and carries on in memory.
 */
public interface DeliveryJournal extends AutoCloseable {

  void save(PendingDelivery pending);

  void remove(String id);

  /** Every saved entry, in no particular order. */
  List<PendingDelivery> all();

  @Override
  default void close() {}

  /** Keeps entries in memory only: for tests and {@code --store memory}. */
  static DeliveryJournal inMemory() {
    Map<String, PendingDelivery> entries = new ConcurrentHashMap<>();
    return new DeliveryJournal() {
      @Override
      public void save(PendingDelivery pending) {
        entries.put(pending.id(), pending);
      }

      @Override
      public void remove(String id) {
        entries.remove(id);
      }

      @Override
      public List<PendingDelivery> all() {
        return List.copyOf(entries.values());
      }
    };
  }
}
