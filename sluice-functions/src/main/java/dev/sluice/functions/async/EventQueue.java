package dev.sluice.functions.async;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.time.TimeSource;
import dev.sluice.functions.store.JsonFileFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Deque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event invocations, durable from the moment {@link #enqueue} returns (one fsynced file per
 * event, renamed into place), run in the background and retried as AWS does: a function error
 * is retried (by default twice, one minute and then two minutes later; the function's
 * EventInvokeConfig may say fewer), a throttled event waits and runs again without using up a
 * retry, and an event older than its maximum age is not run any more. An event leaves the queue
 * (its file is deleted) when it succeeded, exhausted its retries, got too old, or its function no
 * longer exists; the {@link Policy} hears how it ended first (destinations). On start, events
 * left by a previous run are loaded and run again.
 *
 * <p>Concurrency: at most {@code maxConcurrent} events run at once; the rest wait in memory in
 * arrival order (their files are already on disk). State is guarded by this object's lock; the
 * runner's futures complete on other threads.
 */
public final class EventQueue implements AutoCloseable {

  /** AWS's default MaximumRetryAttempts. */
  public static final int MAX_RETRIES = 2;
  private static final Duration FIRST_RETRY_DELAY = Duration.ofMinutes(1);
  private static final String SUFFIX = ".event.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(EventQueue.class);

  /** Writer threads: events stored at once, each waiting for its own fsyncs. */
  static final int WRITERS = 4;
  /** Events waiting for a writer before callers store their own. */
  static final int WRITER_BACKLOG = 1024;

  /** How long a throttled event waits before it tries again. */
  static final Duration THROTTLE_DELAY = Duration.ofSeconds(1);

  /**
   * How one event ran: success, a function error (retried), no such function (dropped), or
   * throttled (run again later, not counted as an attempt).
   */
  public enum Outcome { SUCCEEDED, FUNCTION_ERROR, FUNCTION_GONE, THROTTLED }

  /**
   * One run of an event.
   *
   * @param response the function's result or error JSON, or null when it did not run
   * @param functionError null, or {@code Unhandled}
   * @param executedVersion the version that ran, or null
   */
  public record Run(Outcome outcome, byte[] response, String functionError,
      String executedVersion) {

    public static Run of(Outcome outcome) {
      return new Run(outcome, null, null, null);
    }
  }

  /** Why an event left the queue, in AWS's invocation-record words. */
  public enum Condition {
    SUCCESS("Success"),
    RETRIES_EXHAUSTED("RetriesExhausted"),
    EVENT_AGE_EXCEEDED("EventAgeExceeded");

    private final String wireName;

    Condition(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  /** Per-event retry settings and what happens when an event ends (destinations). */
  public interface Policy {

    /** AWS's defaults: two retries, six hours, no destinations. */
    Policy DEFAULT = new Policy() {
      @Override
      public int maxRetries(QueuedEvent event) {
        return MAX_RETRIES;
      }

      @Override
      public long maxAgeMillis(QueuedEvent event) {
        return Duration.ofHours(6).toMillis();
      }

      @Override
      public CompletableFuture<Void> ended(QueuedEvent event, Condition condition, Run last) {
        return CompletableFuture.completedFuture(null);
      }
    };

    int maxRetries(QueuedEvent event);

    long maxAgeMillis(QueuedEvent event);

    /**
     * The event ended (not called for events whose function is gone). The event's file is
     * removed when the returned future completes, so a crash before then runs it again.
     *
     * @param last the last run, or null when the event got too old before it ran again
     */
    CompletableFuture<Void> ended(QueuedEvent event, Condition condition, Run last);
  }

  private final Path dir;
  private final TimeSource time;
  private final int maxConcurrent;
  private final Function<QueuedEvent, CompletableFuture<Run>> runner;
  private final Policy policy;
  private final Deque<QueuedEvent> ready = new ArrayDeque<>();
  private int running;
  /** A thread is in {@link #drain()}'s loop. */
  private boolean draining;
  private boolean closed;
  private final Object storeLock = new Object();
  /** Stores of new events hold it shared; close() takes it alone, so none is under way after. */
  private final ReadWriteLock storing = new ReentrantReadWriteLock();
  private final ThreadPoolExecutor writers = newWriters();

  public EventQueue(Path dir, TimeSource time, int maxConcurrent,
      Function<QueuedEvent, CompletableFuture<Run>> runner, Policy policy) {
    this.dir = dir;
    this.policy = policy;
    this.time = time;
    this.maxConcurrent = maxConcurrent;
    this.runner = runner;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dir, e);
    }
  }

  /** Loads the events a previous run left and schedules them. */
  public void recover() {
    int count = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path file : files) {
        schedule(MAPPER.readValue(file.toFile(), QueuedEvent.class));
        count++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read queued events in " + dir, e);
    }
    if (count > 0) {
      log.info("Recovered {} queued function events", count);
    }
  }

  /** Stores the event durably, then schedules it. */
  public void enqueue(QueuedEvent event) {
    storing.readLock().lock();
    try {
      synchronized (this) {
        if (closed) {
          throw new IllegalStateException("The event queue is closed: it stores no more events");
        }
      }
      write(event);
    } finally {
      storing.readLock().unlock();
    }
    schedule(event);
  }

  /**
   * As {@link #enqueue}, on one of the queue's writer threads: the future completes once the
   * event is durable. why: storing takes two fsyncs (file and folder); on the caller's thread, a
   * Netty event loop, each Event invoke stalled every connection that loop serves, and only as
   * many events were stored at once as there are loops. When the writers are busy and
   * {@value #WRITER_BACKLOG} events wait, the caller stores its own (back-pressure).
   */
  public CompletableFuture<Void> enqueueDurably(QueuedEvent event) {
    CompletableFuture<Void> stored = new CompletableFuture<>();
    try {
      writers.execute(() -> {
        try {
          enqueue(event);
          stored.complete(null);
        } catch (RuntimeException e) {
          stored.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      stored.completeExceptionally(
          new IllegalStateException("The event queue is closed: it stores no more events", e));
    }
    return stored;
  }

  /** Events stored and not yet finished, as stored (for tests, metrics and the console). */
  public List<QueuedEvent> pending() {
    List<QueuedEvent> events = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path file : files) {
        QueuedEvent event = readUnlessFinished(file);
        if (event != null) {
          events.add(event);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read queued events in " + dir, e);
    }
    return events;
  }

  /**
   * The event stored in {@code file}, or null when it finished (its file was deleted) after the
   * directory was listed. why Files.readAllBytes: reading through a java.io.File reports a missing
   * file as FileNotFoundException, not NoSuchFileException, so such an event failed the listing.
   */
  static QueuedEvent readUnlessFinished(Path file) throws IOException {
    try {
      return MAPPER.readValue(Files.readAllBytes(file), QueuedEvent.class);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private void schedule(QueuedEvent event) {
    if (event.notBeforeMillis() > time.nowMillis()) {
      time.schedule(event.notBeforeMillis(), () -> makeReady(event));
    } else {
      makeReady(event);
    }
  }

  private void makeReady(QueuedEvent event) {
    synchronized (this) {
      if (closed) {
        return;
      }
      ready.addLast(event);
    }
    drain();
  }

  /**
   * Starts ready events while there is room. One thread at a time does it: a run that ends at
   * once (function gone, throttled) calls back into here from inside {@link #run}, and nesting
   * those calls took one stack level per waiting event until the stack overflowed. A call made
   * while another thread (or this one, further up) is draining returns at once; the drainer sees
   * its change, since the check that ends draining and the flag's reset are one step.
   */
  private void drain() {
    synchronized (this) {
      if (draining) {
        return;
      }
      draining = true;
    }
    try {
      while (true) {
        QueuedEvent next;
        synchronized (this) {
          if (closed || running >= maxConcurrent || ready.isEmpty()) {
            draining = false;
            return;
          }
          next = ready.pollFirst();
          running++;
        }
        run(next);
      }
    } catch (RuntimeException | Error e) {
      synchronized (this) {
        draining = false; // let the next call drain
      }
      throw e;
    }
  }

  private void run(QueuedEvent event) {
    CompletableFuture<Run> outcome;
    try {
      if (time.nowMillis() - event.enqueuedAtMillis() >= policy.maxAgeMillis(event)) {
        outcome = CompletableFuture.completedFuture(null); // too old: not run again
      } else {
        outcome = runner.apply(event);
      }
    } catch (RuntimeException e) {
      outcome = CompletableFuture.failedFuture(e);
    }
    outcome.whenComplete((result, error) -> {
      try {
        finished(event, error != null ? Run.of(Outcome.FUNCTION_ERROR) : result, error);
      } catch (RuntimeException e) {
        // Never let one event stop the queue; its file stays and runs after a restart.
        log.error("Cannot record the outcome of event {}", event.requestId(), e);
      } finally {
        synchronized (this) {
          running--;
        }
        drain();
      }
    });
  }

  private void finished(QueuedEvent event, Run run, Throwable error) {
    // Held across the check and the file writes so that close() returns only once no write is
    // under way (a write racing close would touch a folder its owner may already be removing).
    synchronized (storeLock) {
      synchronized (this) {
        if (closed) {
          return; // shutting down: the file stays and the event runs again after a restart
        }
      }
      record(event, run, error);
    }
  }

  private void record(QueuedEvent event, Run run, Throwable error) {
    if (run == null) {
      log.warn("Event {} for function {} is older than its maximum age; not run again",
          event.requestId(), event.functionName());
      end(event, Condition.EVENT_AGE_EXCEEDED, null);
      return;
    }
    switch (run.outcome()) {
      case THROTTLED -> schedule(event.throttled(time.nowMillis() + THROTTLE_DELAY.toMillis()));
      case SUCCEEDED -> end(event, Condition.SUCCESS, run);
      case FUNCTION_GONE -> {
        log.warn("Event {} dropped: function {} no longer exists", event.requestId(),
            event.functionName());
        delete(event);
      }
      case FUNCTION_ERROR -> {
        if (event.attempt() < policy.maxRetries(event)) {
          long delay = FIRST_RETRY_DELAY.toMillis() << event.attempt();
          QueuedEvent retry = event.retried(time.nowMillis() + delay);
          write(retry);
          schedule(retry);
        } else {
          log.warn("Event {} for function {} failed {} times", event.requestId(),
              event.functionName(), event.attempt() + 1, error);
          end(event, Condition.RETRIES_EXHAUSTED, run);
        }
      }
      default -> throw new IllegalStateException("unknown outcome " + run.outcome());
    }
  }

  private void end(QueuedEvent event, Condition condition, Run last) {
    CompletableFuture<Void> told;
    try {
      told = policy.ended(event, condition, last);
    } catch (RuntimeException e) {
      told = CompletableFuture.failedFuture(e);
    }
    told.whenComplete((ignored, failure) -> {
      if (failure != null) {
        log.warn("Event {} of function {}: its destination could not be told ({})",
            event.requestId(), event.functionName(), condition.wireName(), failure);
      }
      synchronized (storeLock) {
        synchronized (this) {
          if (closed) {
            return; // the file stays: after a restart the event runs (and is reported) again
          }
        }
        delete(event);
      }
    });
  }

  private void write(QueuedEvent event) {
    try {
      JsonFileFolder.replaceDurably(fileOf(event), MAPPER.writeValueAsBytes(event));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot store event " + event.requestId(), e);
    }
  }

  private void delete(QueuedEvent event) {
    try {
      Files.deleteIfExists(fileOf(event));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete event " + event.requestId(), e);
    }
  }

  private Path fileOf(QueuedEvent event) {
    return dir.resolve(event.requestId() + SUFFIX);
  }

  /** Stops running events; stored ones stay for the next start. */
  @Override
  public void close() {
    storing.writeLock().lock();
    try {
      synchronized (storeLock) {
        synchronized (this) {
          closed = true;
          ready.clear();
        }
      }
    } finally {
      storing.writeLock().unlock();
    }
    // Events still waiting for a writer fail (closed) when they run; none writes any more.
    writers.shutdown();
  }

  private static ThreadPoolExecutor newWriters() {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(WRITERS, WRITERS, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(WRITER_BACKLOG), runnable -> {
          Thread thread = new Thread(runnable, "sluice-event-writer-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        }, (task, executor) -> {
          if (executor.isShutdown()) {
            throw new RejectedExecutionException("closed");
          }
          task.run(); // saturated: the caller stores its own event
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
