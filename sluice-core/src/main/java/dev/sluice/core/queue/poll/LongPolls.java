package dev.sluice.core.queue.poll;

import dev.sluice.core.time.TimeSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The long polls of one queue service: started here, and all ended together on close. */
public final class LongPolls {

  private final TimeSource time;
  private final Set<LongPoll<?>> waiting = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public LongPolls(TimeSource time) {
    this.time = time;
  }

  /**
   * Waits until {@code attempt} finds something or {@code deadlineMillis} passes, trying again
   * whenever a future from {@code wakeUps} completes. Cancelling the returned future stops the wait.
   */
  public <T> CompletableFuture<List<T>> start(
      long deadlineMillis,
      Supplier<CompletableFuture<Void>> wakeUps,
      Supplier<CompletableFuture<List<T>>> attempt) {
    LongPoll<T> poll = new LongPoll<>(wakeUps, attempt);
    waiting.add(poll);
    poll.start(time, deadlineMillis, () -> waiting.remove(poll));
    // why: close() may have run between the check the caller made and the add above.
    if (closed) {
      poll.end();
    }
    return poll.result();
  }

  /** How many receives are waiting now. */
  public int waiting() {
    return waiting.size();
  }

  public boolean closed() {
    return closed;
  }

  /** Ends every wait with no messages. */
  public void close() {
    closed = true;
    for (LongPoll<?> poll : List.copyOf(waiting)) {
      poll.end();
    }
  }
}
