package dev.sluice.functions.runtime;

import dev.sluice.core.time.TimeSource;
import dev.sluice.functions.FunctionDefinition;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution environment: a runtime process of one function version and the Runtime API
 * listener that feeds it, one invocation at a time.
 *
 * <p>Concurrency: every state change happens under this object's lock and futures are completed
 * outside it. An invocation ends exactly once, by whichever comes first: the runtime's response or
 * error, the timeout (which kills the process), or the process's exit. Once the process is gone
 * or killed the environment is dead and never takes another invocation.
 */
final class ExecutionEnvironment implements RuntimeApi, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ExecutionEnvironment.class);

  private final String id;
  private final FunctionDefinition function;
  private final TimeSource time;
  private final Path dir;
  private final EnvironmentLog output;
  private final RuntimeApiServer api;
  private final OutputSink sink;
  /** At most this much output goes to the sink per invocation; the file keeps all of it. */
  private static final int MAX_SHIPPED_BYTES = 4 * 1024 * 1024;
  private final String logGroup;
  private final String logStream;
  // Guarded by output: how much of the log file the sink has received.
  private long shipped;
  private final long initStartNanos = System.nanoTime();
  private Process process;
  private TimeSource.Cancellable initGuard;

  // Guarded by this.
  private CompletableFuture<Delivery> waitingRuntime;
  private InFlight inFlight;
  private boolean delivered;
  private boolean dead;
  private boolean everInvoked;
  private Long initDurationNanos;
  private byte[] initError;

  private ExecutionEnvironment(EnvironmentSpec spec, TimeSource time, Path dir,
      EventLoopGroup group, OutputSink sink) {
    this.id = spec.id();
    this.function = spec.function();
    this.sink = sink;
    this.logGroup = "/aws/lambda/" + function.name();
    this.logStream = spec.logStreamName();
    this.time = time;
    this.dir = dir;
    this.output = new EnvironmentLog(dir.resolve("output.log"));
    this.api = RuntimeApiServer.start(group, this);
  }

  /**
   * Starts the runtime process. It loads the handler and asks for its first invocation; if it has
   * not within {@code initTimeout} plus the function's timeout it is killed.
   */
  static ExecutionEnvironment start(EnvironmentSpec spec, EventLoopGroup group, TimeSource time) {
    return start(spec, group, time, OutputSink.none());
  }

  /** Starts the runtime process; its log lines also go to {@code sink}. */
  static ExecutionEnvironment start(EnvironmentSpec spec, EventLoopGroup group, TimeSource time,
      OutputSink sink) {
    Path dir = spec.environmentsDir().resolve(spec.id());
    try {
      Files.createDirectories(dir.resolve("tmp"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dir, e);
    }
    ExecutionEnvironment environment = new ExecutionEnvironment(spec, time, dir, group, sink);
    try {
      environment.launch(spec);
      return environment;
    } catch (RuntimeException e) {
      environment.close();
      throw e;
    }
  }

  private void launch(EnvironmentSpec spec) {
    ProcessBuilder builder = new ProcessBuilder(spec.command())
        .directory(spec.taskRoot().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.file().toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    Map<String, String> env = builder.environment();
    env.clear();
    env.putAll(spec.variables(api.address(), dir.resolve("tmp")));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + spec.command() + ": " + e.getMessage(), e);
    }
    process.onExit().thenAccept(p -> exited(p.exitValue()));
    // AWS gives init 10 s; a slower init is retried within the first invocation under the
    // function's own timeout, so a slow start (a busy machine, a heavy import) still serves
    // that invocation. Letting this init run on for the function's timeout is the equivalent.
    long initDeadline = time.nowMillis() + spec.initTimeout().toMillis()
        + function.timeoutSeconds() * 1000L;
    initGuard = time.schedule(initDeadline, this::initTimedOut);
    log.debug("Started environment {} of {} (pid {})", id, function.name(), process.pid());
  }

  String id() {
    return id;
  }

  FunctionDefinition function() {
    return function;
  }

  synchronized boolean isAlive() {
    return !dead;
  }

  synchronized boolean isBusy() {
    return inFlight != null;
  }

  /**
   * Runs one invocation; the environment must be alive and idle. The future fails only with
   * {@link NotDelivered}: any other failure is a result with a function error.
   */
  CompletableFuture<InvocationResult> invoke(Invocation invocation) {
    CompletableFuture<InvocationResult> result = new CompletableFuture<>();
    CompletableFuture<Delivery> runtime;
    Delivery delivery;
    synchronized (this) {
      if (dead) {
        result.complete(deadResult(invocation));
        return result;
      }
      if (inFlight != null) {
        throw new IllegalStateException("environment " + id + " is busy");
      }
      long logStart = output.size();
      output.append("START RequestId: " + invocation.requestId()
          + " Version: " + FunctionDefinition.LATEST);
      inFlight = new InFlight(invocation, result, logStart, !everInvoked);
      everInvoked = true;
      delivered = false;
      if (waitingRuntime == null) {
        return result; // delivered when the runtime asks for it
      }
      runtime = waitingRuntime;
      waitingRuntime = null;
      delivery = deliver();
    }
    runtime.complete(delivery);
    return result;
  }

  // Under the lock: the in-flight invocation goes to the runtime; its clock starts now.
  private Delivery deliver() {
    InFlight current = inFlight;
    delivered = true;
    current.startNanos = System.nanoTime();
    long deadline = time.nowMillis() + function.timeoutSeconds() * 1000L;
    current.timer = time.schedule(deadline, () -> timedOut(current));
    return new Delivery(current.invocation, deadline);
  }

  @Override
  public CompletableFuture<Delivery> next() {
    TimeSource.Cancellable guard = null;
    synchronized (this) {
      if (initDurationNanos == null) {
        initDurationNanos = System.nanoTime() - initStartNanos;
        guard = initGuard;
      }
      if (guard != null) {
        guard.cancel();
      }
      if (dead) {
        return CompletableFuture.failedFuture(new IllegalStateException("environment ended"));
      }
      if (inFlight != null && !delivered) {
        return CompletableFuture.completedFuture(deliver());
      }
      waitingRuntime = new CompletableFuture<>();
      return waitingRuntime;
    }
  }

  @Override
  public boolean respond(String requestId, byte[] payload) {
    return finish(requestId, InvocationResult.success(payload));
  }

  @Override
  public boolean fail(String requestId, byte[] errorJson) {
    return finish(requestId, InvocationResult.unhandled(errorJson));
  }

  @Override
  public void initFailed(byte[] errorJson) {
    synchronized (this) {
      initError = errorJson;
    }
    // AWS answers the invocation that caused the cold start with the init error.
    finishCurrent(InvocationResult.unhandled(errorJson));
    close();
  }

  private void timedOut(InFlight expected) {
    String seconds = String.format(Locale.ROOT, "%.2f", (double) function.timeoutSeconds());
    synchronized (this) {
      if (inFlight != expected) {
        return;
      }
      dead = true; // before the kill, so the exit is not reported as a crash
    }
    output.append(time.now() + " " + expected.invocation.requestId()
        + " Task timed out after " + seconds + " seconds");
    // Answer before the kill: once the process is gone, close() would answer it as a crash.
    finishCurrent(InvocationResult.unhandled("Sandbox.Timedout", "RequestId: "
        + expected.invocation.requestId() + " Error: Task timed out after " + seconds
        + " seconds"));
    close();
  }

  private void initTimedOut() {
    synchronized (this) {
      if (initDurationNanos != null || dead) {
        return;
      }
      dead = true;
    }
    output.append("INIT_REPORT Init Duration: timed out, the runtime did not ask for work");
    finishCurrent(InvocationResult.unhandled("Sandbox.Timedout",
        "RequestId: " + currentRequestId() + " Error: Runtime init timed out"));
    close();
  }

  private void exited(int exitCode) {
    boolean wasDead;
    synchronized (this) {
      wasDead = dead;
      dead = true;
    }
    if (!wasDead && handBackUndelivered()) {
      close();
      return;
    }
    if (!wasDead) {
      String reason = exitCode == 0 ? "Runtime exited without providing a reason"
          : "Runtime exited with error: " + exitStatus(exitCode);
      byte[] error;
      synchronized (this) {
        error = initError;
      }
      finishCurrent(error != null ? InvocationResult.unhandled(error)
          : InvocationResult.unhandled(ranOutOfMemory(exitCode) ? "Runtime.OutOfMemory"
              : "Runtime.ExitError", "RequestId: " + currentRequestId() + " Error: " + reason));
    }
    close();
  }

  // Java reports a death by signal N as 128 + N; AWS words it as Go's os/exec does.
  private static String exitStatus(int exitCode) {
    String signal = switch (exitCode - 128) {
      case 6 -> "aborted";
      case 9 -> "killed";
      case 11 -> "segmentation fault";
      case 15 -> "terminated";
      default -> null;
    };
    return signal != null ? "signal: " + signal : "exit status " + exitCode;
  }

  /** How an out-of-memory death reads in a runtime's last output (Node, C++ allocators). */
  private static final java.util.regex.Pattern OUT_OF_MEMORY = java.util.regex.Pattern.compile(
      "out of memory|std::bad_alloc|MemoryError|OutOfMemoryError|Cannot allocate memory",
      java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * Whether the process died of its memory limit during the invocation. AWS tells from its
   * cgroup; an address-space limit leaves no such trace, so the runtime's own last words
   * during the invocation tell (Node's "JavaScript heap out of memory", an allocator's
   * bad_alloc) when it exited abnormally.
   */
  private boolean ranOutOfMemory(int exitCode) {
    long from;
    synchronized (this) {
      if (exitCode == 0 || inFlight == null) {
        return false;
      }
      from = inFlight.logStart;
    }
    try {
      long end = output.size();
      byte[] last = output.read(Math.max(from, end - 64 * 1024), end);
      return OUT_OF_MEMORY.matcher(new String(last, StandardCharsets.UTF_8)).find();
    } catch (RuntimeException e) {
      return false; // the log is already closed: an ordinary exit error then
    }
  }

  /**
   * A runtime that exits between invocations (the Java client does after an OutOfMemoryError)
   * never took the one waiting for it: that one fails with {@link NotDelivered}, for another
   * environment to run, as AWS runs it in a fresh one. True if there was such an invocation.
   */
  private boolean handBackUndelivered() {
    InFlight waiting;
    synchronized (this) {
      if (inFlight == null || delivered || initDurationNanos == null) {
        return false;
      }
      waiting = inFlight;
      inFlight = null;
    }
    waiting.result.completeExceptionally(new NotDelivered(id));
    return true;
  }

  /** The environment ended before its runtime took the invocation; nothing of it ran. */
  static final class NotDelivered extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotDelivered(String environmentId) {
      super("environment " + environmentId + " ended before taking the invocation", null, false,
          false);
    }
  }

  private boolean finish(String requestId, InvocationResult result) {
    synchronized (this) {
      if (inFlight == null || !delivered
          || !inFlight.invocation.requestId().equals(requestId)) {
        return false;
      }
    }
    return finishCurrent(result);
  }

  /** Ends the invocation in flight, if any, with {@code result}; true if there was one. */
  private boolean finishCurrent(InvocationResult result) {
    InFlight ended;
    synchronized (this) {
      ended = inFlight;
      if (ended == null) {
        return false;
      }
      inFlight = null;
      if (ended.timer != null) {
        ended.timer.cancel();
      }
    }
    InvocationResult answer = result;
    try {
      long end = report(ended);
      shipOutput(false);
      if (ended.invocation.tailLog()) {
        answer = result.withLogTail(output.tail(ended.logStart, end));
      }
    } catch (RuntimeException e) {
      log.warn("Cannot write the log of environment {}", id, e);
    }
    ended.result.complete(answer);
    return true;
  }

  // END and REPORT lines as AWS writes them; returns the log's size after them.
  private long report(InFlight ended) {
    String requestId = ended.invocation.requestId();
    double millis = ended.startNanos == 0 ? 0
        : (System.nanoTime() - ended.startNanos) / 1_000_000.0;
    output.append("END RequestId: " + requestId);
    StringBuilder report = new StringBuilder("REPORT RequestId: ").append(requestId)
        .append("\tDuration: ").append(String.format(Locale.ROOT, "%.2f", millis)).append(" ms")
        .append("\tBilled Duration: ").append((long) Math.ceil(Math.max(millis, 1))).append(" ms")
        .append("\tMemory Size: ").append(function.memorySizeMb()).append(" MB")
        .append("\tMax Memory Used: ").append(maxMemoryUsedMb()).append(" MB");
    synchronized (this) {
      if (ended.reportsInit && initDurationNanos != null) {
        report.append("\tInit Duration: ")
            .append(String.format(Locale.ROOT, "%.2f", initDurationNanos / 1_000_000.0))
            .append(" ms");
      }
    }
    return output.append(report.append('\t').toString());
  }

  /**
   * Hands the complete lines written since the last call to the sink; with {@code all}, a last
   * line without its line break too (the process has ended).
   */
  private void shipOutput(boolean all) {
    synchronized (output) {
      if (!output.isOpen()) {
        return; // already closed (close() runs more than once): everything was handed on
      }
      long end = output.size();
      if (end - shipped > MAX_SHIPPED_BYTES) {
        shipped = end - MAX_SHIPPED_BYTES; // a flood of output: the Logs API keeps its end
      }
      if (end <= shipped) {
        return;
      }
      byte[] bytes = output.read(shipped, end);
      int length = bytes.length;
      if (!all) {
        while (length > 0 && bytes[length - 1] != '\n') {
          length--;
        }
      }
      if (length == 0) {
        return;
      }
      String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
      List<String> lines = new java.util.ArrayList<>(List.of(text.split("\n", -1)));
      if (lines.get(lines.size() - 1).isEmpty()) {
        lines.remove(lines.size() - 1);
      }
      shipped += length;
      if (!lines.isEmpty()) {
        sink.append(logGroup, logStream, time.nowMillis(), lines);
      }
    }
  }

  private long maxMemoryUsedMb() {
    Process running = process;
    if (running == null) {
      return 0;
    }
    Path status = Path.of("/proc", Long.toString(running.pid()), "status");
    try {
      for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process has ended, or this is no Linux: nothing to report.
    }
    return 0;
  }

  private synchronized String currentRequestId() {
    return inFlight == null ? "" : inFlight.invocation.requestId();
  }

  private InvocationResult deadResult(Invocation invocation) {
    return InvocationResult.unhandled("Runtime.ExitError",
        "RequestId: " + invocation.requestId() + " Error: Runtime exited without providing a reason");
  }

  private void killProcess() {
    Process running = process;
    if (running != null) {
      running.descendants().forEach(ProcessHandle::destroyForcibly);
      running.destroyForcibly();
    }
  }

  /** Ends the environment: kills the process, stops the listener, removes its folder. */
  @Override
  public void close() {
    CompletableFuture<Delivery> runtime;
    synchronized (this) {
      dead = true;
      runtime = waitingRuntime;
      waitingRuntime = null;
    }
    if (runtime != null) {
      runtime.completeExceptionally(new IllegalStateException("environment ended"));
    }
    killProcess();
    finishCurrent(InvocationResult.unhandled("Runtime.ExitError",
        "RequestId: " + currentRequestId() + " Error: Runtime exited without providing a reason"));
    api.close();
    try {
      shipOutput(true);
    } catch (RuntimeException e) {
      log.warn("Cannot hand on the last log lines of environment {}", id, e);
    }
    output.close();
    Process running = process;
    if (running != null) {
      try {
        running.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    deleteFolder();
  }

  // close() runs more than once, at the same time (the caller and the process-exit callback):
  // each call returns only once the folder is gone, whichever of them deleted what. A second try
  // covers a file written while the first was deleting.
  private void deleteFolder() {
    for (int attempt = 1; attempt <= 2; attempt++) {
      try {
        dev.sluice.functions.code.Folders.deleteRecursively(dir);
      } catch (UncheckedIOException e) {
        log.debug("Cannot delete the folder of environment {}", id, e);
      }
      if (!Files.exists(dir)) {
        return;
      }
    }
    log.warn("Cannot remove {}; the next start's sweep will", dir);
  }

  private static java.io.File nullDevice() {
    return new java.io.File("/dev/null");
  }

  /** The invocation in flight and what belongs to it. */
  private static final class InFlight {
    final Invocation invocation;
    final CompletableFuture<InvocationResult> result;
    final long logStart;
    final boolean reportsInit;
    long startNanos;
    TimeSource.Cancellable timer;

    InFlight(Invocation invocation, CompletableFuture<InvocationResult> result, long logStart,
        boolean reportsInit) {
      this.invocation = invocation;
      this.result = result;
      this.logStart = logStart;
      this.reportsInit = reportsInit;
    }
  }
}
