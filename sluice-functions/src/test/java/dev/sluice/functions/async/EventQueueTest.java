package dev.sluice.functions.async;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.time.ManualTimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue's own bookkeeping, with a runner the test controls instead of functions. */
class EventQueueTest {

  private static final int WAITING_EVENTS = 5_000;
  /** Far less than recursion through thousands of events needs; plenty for one at a time. */
  private static final long SMALL_STACK_BYTES = 256 * 1024;

  @TempDir Path dir;
  ManualTimeSource time = new ManualTimeSource();

  /**
   * Runs that end at once (function deleted, throttled) must not nest: before, each one's
   * completion started the next from inside itself, one stack level per waiting event, and
   * thousands of them overflowed the stack, which stopped the queue for good.
   */
  @Test
  void thousands_of_events_that_end_at_once_run_one_after_another_without_nesting()
      throws Exception {
    for (int i = 0; i < WAITING_EVENTS; i++) {
      QueuedEvent event = new QueuedEvent("gone-" + i, "deleted", new byte[0], null,
          time.nowMillis(), 0, 0);
      Files.write(dir.resolve(event.requestId() + ".event.json"),
          new ObjectMapper().writeValueAsBytes(event));
    }
    CompletableFuture<EventQueue.Run> firstRun = new CompletableFuture<>();
    AtomicInteger runs = new AtomicInteger();
    try (EventQueue queue = new EventQueue(dir, time, 1,
        event -> runs.getAndIncrement() == 0
            ? firstRun
            : CompletableFuture.completedFuture(EventQueue.Run.of(EventQueue.Outcome.FUNCTION_GONE)),
        EventQueue.Policy.DEFAULT)) {
      queue.recover(); // one runs (and waits); the others wait in memory

      // The first run ends on a thread with a small stack: the others follow on that thread.
      Thread ender = new Thread(null,
          () -> firstRun.complete(EventQueue.Run.of(EventQueue.Outcome.FUNCTION_GONE)),
          "small-stack", SMALL_STACK_BYTES);
      ender.start();
      ender.join();

      assertThat(runs).hasValue(WAITING_EVENTS);
      assertThat(queue.pending()).isEmpty();
    }
  }

  /**
   * An event that finishes while pending() lists the folder must be left out, not fail the
   * listing (the console and the tests call it while events run). It failed 1 CI run: reading
   * through java.io.File reported the deleted file as FileNotFoundException.
   */
  @Test
  void an_event_finished_after_the_listing_is_left_out() throws Exception {
    QueuedEvent event = new QueuedEvent("done", "worker", new byte[0], null, time.nowMillis(), 0, 0);
    Path stored = dir.resolve(event.requestId() + ".event.json");
    Files.write(stored, new ObjectMapper().writeValueAsBytes(event));
    assertThat(EventQueue.readUnlessFinished(stored).requestId()).isEqualTo("done");

    Files.delete(stored);

    assertThat(EventQueue.readUnlessFinished(stored)).isNull();
  }
}
