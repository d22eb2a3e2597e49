package dev.sluice.functions.runtime;

import dev.sluice.core.time.TimeSource;
import dev.sluice.functions.FunctionDefinition;
import dev.sluice.functions.FunctionSettings;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution environments of every function: warm ones are reused, one invocation at a time
 * each; a new one is started (cold start) when none is idle; idle ones are reaped after {@link
 * FunctionSettings#idleTimeout()}; after a code or configuration change (a new revision) old
 * environments take no more work and end when their invocation does.
 *
 * <p>Concurrency: the pools are guarded by this object's lock, held only for bookkeeping.
 * Starting a process blocks (fork and exec), so it runs on a small starter pool, never on the
 * caller's (possibly an event loop) thread.
 */
public final class Environments implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Environments.class);

  private final FunctionSettings settings;
  private final OutputSink output;
  private final TimeSource time;
  private final Runtimes runtimes;
  private final EventLoopGroup runtimeApiLoop;
  private final ExecutorService starter;
  private final Path environmentsDir;
  private final Map<String, Pool> pools = new HashMap<>();
  // Every started environment, idle or busy, so that close() ends busy ones too.
  private final java.util.Set<ExecutionEnvironment> live = new java.util.HashSet<>();
  private TimeSource.Cancellable reaper;
  private boolean closed;

  public Environments(FunctionSettings settings, TimeSource time, Runtimes runtimes) {
    this(settings, time, runtimes, OutputSink.none());
  }

  /** @param output receives every environment's log lines (the Logs API's store) */
  public Environments(FunctionSettings settings, TimeSource time, Runtimes runtimes,
      OutputSink output) {
    this.output = output;
    this.settings = settings;
    this.time = time;
    this.runtimes = runtimes;
    this.environmentsDir = settings.functionsDir().resolve("environments");
    dev.sluice.functions.code.Folders.deleteRecursively(environmentsDir); // leftovers of a crash
    this.runtimeApiLoop = new MultiThreadIoEventLoopGroup(1, daemonThreads("sluice-runtime-api"),
        NioIoHandler.newFactory());
    this.starter = Executors.newCachedThreadPool(daemonThreads("sluice-function-start"));
    scheduleReap();
  }

  /**
   * Runs the invocation in an idle environment of the function's current revision, or in a new
   * one. The future never fails: runtime failures are results with a function error.
   */
  public CompletableFuture<InvocationResult> invoke(
      FunctionDefinition function, Path taskRoot, Invocation invocation) {
    return invoke(function, taskRoot, invocation, true);
  }

  private CompletableFuture<InvocationResult> invoke(
      FunctionDefinition function, Path taskRoot, Invocation invocation, boolean mayRetry) {
    ExecutionEnvironment warm = takeIdle(function);
    CompletableFuture<ExecutionEnvironment> environment = warm != null
        ? CompletableFuture.completedFuture(warm)
        : CompletableFuture.supplyAsync(() -> start(function, taskRoot), starter);
    return environment
        .thenCompose(env -> env.invoke(invocation).whenComplete((r, e) -> release(env)))
        .exceptionallyCompose(error -> {
          // A warm environment whose runtime exited just before taking the invocation: nothing
          // ran, so another environment runs it (once).
          if (mayRetry && rootCause(error) instanceof ExecutionEnvironment.NotDelivered) {
            return invoke(function, taskRoot, invocation, false);
          }
          return CompletableFuture.failedFuture(error);
        })
        .exceptionally(error -> {
          if (rootCause(error) instanceof ExecutionEnvironment.NotDelivered) {
            return InvocationResult.unhandled("Runtime.ExitError", "RequestId: "
                + invocation.requestId() + " Error: Runtime exited without providing a reason");
          }
          if (warm == null) {
            startFailed(function);
          }
          log.warn("Cannot start an environment for {}", function.name(), error);
          return InvocationResult.unhandled("Runtime.Unknown", "RequestId: "
              + invocation.requestId() + " Error: Cannot start the runtime: "
              + rootMessage(error));
        });
  }

  /**
   * Ends every environment of the function, all versions (deleted): idle ones now, busy ones
   * when done.
   */
  public void retire(String functionName) {
    retireWhere(key -> key.startsWith(functionName + ":"));
  }

  /** Ends the environments of one published version (the version was deleted). */
  public void retire(String functionName, String version) {
    String key = functionName + ":" + version;
    retireWhere(key::equals);
  }

  private void retireWhere(java.util.function.Predicate<String> matches) {
    List<ExecutionEnvironment> idle = new ArrayList<>();
    synchronized (this) {
      for (Iterator<Map.Entry<String, Pool>> it = pools.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Pool> entry = it.next();
        if (matches.test(entry.getKey())) {
          Pool pool = entry.getValue();
          it.remove();
          pool.retired = true;
          pool.idle.forEach(i -> idle.add(i.environment()));
          pool.idle.clear();
        }
      }
    }
    idle.forEach(this::closeQuietly);
  }

  /** Environments alive for a function, all versions, idle or busy (for tests and metrics). */
  public synchronized int environmentCount(String functionName) {
    int count = 0;
    for (Map.Entry<String, Pool> entry : pools.entrySet()) {
      if (entry.getKey().startsWith(functionName + ":")) {
        count += entry.getValue().idle.size() + entry.getValue().busy;
      }
    }
    return count;
  }

  // Each version has its own environments: a published version's never see $LATEST's changes.
  private static String poolKey(FunctionDefinition function) {
    return function.name() + ":" + function.version();
  }

  private ExecutionEnvironment takeIdle(FunctionDefinition function) {
    List<ExecutionEnvironment> stale = new ArrayList<>();
    ExecutionEnvironment found = null;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the function service is shut down");
      }
      Pool pool = pools.computeIfAbsent(poolKey(function), n -> new Pool());
      if (!function.environmentGeneration().equals(pool.generation)) {
        // A new revision: environments of the old one take no more work.
        pool.idle.forEach(i -> stale.add(i.environment()));
        pool.idle.clear();
        pool.generation = function.environmentGeneration();
      }
      while (!pool.idle.isEmpty() && found == null) {
        ExecutionEnvironment candidate = pool.idle.pop().environment;
        if (candidate.isAlive()) {
          found = candidate;
        }
      }
      pool.busy++;
    }
    stale.forEach(this::closeQuietly);
    return found;
  }

  private ExecutionEnvironment start(FunctionDefinition function, Path taskRoot) {
    EnvironmentSpec spec = new EnvironmentSpec(EnvironmentSpec.newId(), function, taskRoot,
        runtimes.command(function, taskRoot), environmentsDir, settings.initTimeout(),
        settings, time.nowMillis());
    ExecutionEnvironment environment =
        ExecutionEnvironment.start(spec, runtimeApiLoop, time, output);
    boolean shutDown;
    synchronized (this) {
      shutDown = closed;
      if (!shutDown) {
        live.add(environment);
      }
    }
    if (shutDown) {
      closeQuietly(environment);
      throw new IllegalStateException("the function service is shut down");
    }
    return environment;
  }

  private synchronized void startFailed(FunctionDefinition function) {
    Pool pool = pools.get(poolKey(function));
    if (pool != null) {
      pool.busy--;
    }
  }

  private void release(ExecutionEnvironment environment) {
    boolean keep;
    synchronized (this) {
      Pool pool = pools.get(poolKey(environment.function()));
      if (pool != null) {
        pool.busy--;
      }
      keep = !closed && pool != null && !pool.retired && environment.isAlive()
          && environment.function().environmentGeneration().equals(pool.generation);
      if (keep) {
        pool.idle.push(new Idle(environment, time.nowMillis()));
      }
    }
    if (!keep) {
      closeQuietly(environment);
    }
  }

  /** Ends environments idle for longer than the idle timeout. */
  public void reap() {
    long cutoff = time.nowMillis() - settings.idleTimeout().toMillis();
    List<ExecutionEnvironment> expired = new ArrayList<>();
    synchronized (this) {
      for (Pool pool : pools.values()) {
        for (Iterator<Idle> it = pool.idle.iterator(); it.hasNext(); ) {
          Idle idle = it.next();
          if (idle.sinceMillis <= cutoff || !idle.environment.isAlive()) {
            it.remove();
            expired.add(idle.environment);
          }
        }
      }
    }
    expired.forEach(this::closeQuietly);
  }

  private void scheduleReap() {
    long interval = Math.max(1000, Math.min(settings.idleTimeout().toMillis() / 2,
        Duration.ofSeconds(30).toMillis()));
    synchronized (this) {
      if (closed) {
        return;
      }
      reaper = time.schedule(time.nowMillis() + interval, () -> {
        // Never let one failure stop the reaper.
        try {
          reap();
        } catch (RuntimeException e) {
          log.error("Reaping idle function environments failed", e);
        }
        scheduleReap();
      });
    }
  }

  private void closeQuietly(ExecutionEnvironment environment) {
    synchronized (this) {
      live.remove(environment);
    }
    try {
      environment.close();
    } catch (RuntimeException e) {
      log.warn("Cannot close environment {}", environment.id(), e);
    }
  }

  @Override
  public void close() {
    List<ExecutionEnvironment> all;
    synchronized (this) {
      closed = true;
      if (reaper != null) {
        reaper.cancel();
      }
      pools.values().forEach(pool -> pool.idle.clear());
      all = new ArrayList<>(live);
    }
    // Busy ones too: their processes must be gone (and folders removed) when close returns.
    all.forEach(this::closeQuietly);
    starter.shutdownNow();
    awaitStarts();
    runtimeApiLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  /**
   * why: a start under way when close began ends its own environment (see start), and that
   * removes its folder; close must not return before, or the folder outlives the service.
   */
  private void awaitStarts() {
    try {
      if (!starter.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("Environment starts still under way 10 s after close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Throwable rootCause(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root;
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private static final class Pool {
    final Deque<Idle> idle = new ArrayDeque<>();
    String generation;
    int busy;
    boolean retired;
  }

  private record Idle(ExecutionEnvironment environment, long sinceMillis) {}
}
