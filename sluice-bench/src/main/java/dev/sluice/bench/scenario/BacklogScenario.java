package dev.sluice.bench.scenario;

import dev.sluice.bench.BenchSettings;
import dev.sluice.bench.load.ClosedLoop;
import dev.sluice.bench.load.LoadResult;
import dev.sluice.bench.load.Operation;
import dev.sluice.bench.load.SendBatches;
import dev.sluice.bench.load.SqsApi;
import dev.sluice.bench.load.SqsClient;
import dev.sluice.bench.load.SqsConnection;
import dev.sluice.bench.load.Step;
import dev.sluice.bench.target.RestartableTarget;
import dev.sluice.bench.target.RunningTarget;
import dev.sluice.bench.target.TargetUnavailableException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Scenario 6: a large backlog (1,000,000 x 1 KB in a full run) queued with SendMessageBatch at
 * high concurrency into a FRESH instance of the target (so the shared one stays comparable), then
 * the server's resident memory. A target that keeps its data on disk (Sluice) is then stopped with
 * SIGTERM and started again on the same data: measured are the time from spawning the process to
 * its ready line and to the first ReceiveMessage that returns messages, and the memory after.
 *
 * <p>Measured once per run (round 1): filling a million messages takes minutes on a peer.
 */
public final class BacklogScenario implements Scenario {

  public static final String ID = "backlog";
  private static final Duration FIRST_RECEIVE_TIMEOUT = Duration.ofSeconds(60);
  private static final double MB = 1024.0 * 1024.0;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "6. backlog: SendMessageBatch 10 x 1 KB into one queue, then memory and restart";
  }

  @Override
  public boolean measuresSharedTarget() {
    return false; // each target's backlog goes into a fresh instance
  }

  @Override
  public boolean measuresThroughput() {
    return true;
  }

  @Override
  public String latencyLabel() {
    return "Latency per SendMessageBatch while filling, ms (closed loop)";
  }

  @Override
  public int caseCount(ScenarioContext context) {
    return appliesTo(context) ? 1 : 0;
  }

  /** Once per run, and not on the ceiling: it queues nothing, so it has no memory to show. */
  private static boolean appliesTo(ScenarioContext context) {
    return context.round() == 1 && context.holdsLongPolls();
  }

  @Override
  public List<CaseResult> run(ScenarioContext context) {
    if (!appliesTo(context)) {
      return List.of();
    }
    BenchSettings settings = context.settings();
    String caseName = "fill, concurrency " + settings.backlogConcurrency();
    context.caseStarted().accept(id() + ", " + String.format(Locale.ROOT, "%,d",
        settings.backlogMessages()) + " messages");
    RunningTarget server;
    try {
      server = context.freshInstance().start();
    } catch (TargetUnavailableException e) {
      throw new IllegalStateException("cannot start a second " + context.target() + ": "
          + e.getMessage(), e);
    }
    try (server) {
      if (server.residentBytes().isEmpty()) {
        context.notes().accept(context.target() + " left out of " + id()
            + ": the bench did not start it, so it cannot read its memory");
        return List.of();
      }
      String queueUrl;
      LoadResult fill;
      long queued;
      try (SqsClient client = new SqsClient(server.endpoint());
          SqsConnection admin = client.connect()) {
        queueUrl = Queues.create(admin, context.queueName(id()), Map.of());
        fill = fill(context, client, queueUrl);
        if (fill == null) {
          return List.of();
        }
        queued = Queues.await(SqsApi.approximateMessages(admin, queueUrl));
      }
      context.figure(id(), "queued", queued, "messages");
      residentMegabytes(server).ifPresent(mb -> context.figure(id(), "RSS after fill", mb, "MB"));
      if (queued < settings.backlogMessages()) {
        context.notes().accept(String.format(Locale.ROOT,
            "%s: only %,d of %,d messages were queued within the %d s budget",
            context.target(), queued, settings.backlogMessages(),
            settings.backlogFillBudget().toSeconds()));
      }
      if (server instanceof RestartableTarget restartable) {
        restart(context, restartable, queueUrl, queued);
      }
      return List.of(
          new CaseResult(
              id(), caseName, context.target(), context.round(), fill.messagesPerSecond(),
              fill.latencyMicros(), fill.errors(), fill.firstError()));
    }
  }

  /**
   * Fills the queue (see {@link BacklogFill}); returns null when the target was left out.
   */
  private static LoadResult fill(ScenarioContext context, SqsClient client, String queueUrl) {
    BenchSettings settings = context.settings();
    SendBatches batches =
        new SendBatches(queueUrl, BenchSettings.BATCH_ENTRIES, BenchSettings.MESSAGE_BYTES);
    long batchesWanted = settings.backlogMessages() / batches.entries();
    long[] issued = {0};
    Operation send =
        connection -> {
          // Runs on the client's single event-loop thread: the plain counter is safe.
          if (issued[0] >= batchesWanted) {
            return CompletableFuture.completedFuture(Step.last(0));
          }
          issued[0]++;
          return SqsApi.sendBatch(connection, batches.standard(), batches.entries())
              .thenApply(Step::of);
        };
    List<SqsConnection> connections = client.connect(settings.backlogConcurrency());
    try {
      return BacklogFill.run(settings.backlogMessages(), settings.backlogFillBudget(),
          length -> ClosedLoop.run(connections, length, send),
          (rate, probe) -> context.notes().accept(String.format(Locale.ROOT,
              "%s left out of %s: it queued %,.0f messages/s in the last %.1f s of a %.1f s "
                  + "probe, so %,d messages would take about %s (budget %d s)",
              context.target(), ID, rate, probe.latest().toMillis() / 1000.0,
              probe.total().toMillis() / 1000.0, settings.backlogMessages(),
              humanDuration(settings.backlogMessages() / rate),
              settings.backlogFillBudget().toSeconds())));
    } finally {
      Queues.closeAll(connections);
    }
  }

  private static String humanDuration(double seconds) {
    if (seconds < 120) {
      return String.format(Locale.ROOT, "%.0f s", seconds);
    }
    if (seconds < 7200) {
      return String.format(Locale.ROOT, "%.0f minutes", seconds / 60);
    }
    return String.format(Locale.ROOT, "%.1f hours", seconds / 3600);
  }

  /**
   * SIGTERM, start again on the same data, then ReceiveMessage until one returns messages (the
   * first may be refused while the port opens); checks that every message survived.
   */
  private static void restart(
      ScenarioContext context, RestartableTarget server, String queueUrl, long queued) {
    context.figure(ID, "data on disk", server.dataBytes() / MB, "MB");
    RestartableTarget.Restart restart;
    try {
      restart = server.restart();
    } catch (TargetUnavailableException e) {
      throw new IllegalStateException("restart failed: " + e.getMessage(), e);
    }
    // The new process listens on a new port (--port 0); the queue's path is what identifies it.
    String movedUrl = restart.endpoint().resolve(URI.create(queueUrl).getRawPath()).toString();
    long firstReceiveNanos;
    int received;
    long visible;
    try (SqsClient client = new SqsClient(restart.endpoint())) {
      received = 0;
      long deadline = System.nanoTime() + FIRST_RECEIVE_TIMEOUT.toNanos();
      String lastProblem = "no messages";
      while (true) {
        try (SqsConnection connection = client.connect()) {
          received =
              Queues.await(
                      SqsApi.receive(connection, movedUrl, 10, 0, Queues.RECEIVE_VISIBILITY_SECONDS))
                  .size();
        } catch (RuntimeException e) {
          lastProblem = e.getMessage();
        }
        if (received > 0) {
          firstReceiveNanos = System.nanoTime();
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no message received within "
              + FIRST_RECEIVE_TIMEOUT.toSeconds() + " s after the restart: " + lastProblem);
        }
        sleep(10);
      }
      try (SqsConnection admin = client.connect()) {
        visible = Queues.await(SqsApi.approximateMessages(admin, movedUrl));
      }
    }
    context.figure(ID, "stop (SIGTERM to exit)", restart.stopped().toMillis(), "ms");
    if (restart.killed()) {
      context.notes().accept(context.target() + " did not exit within "
          + restart.stopped().toSeconds() + " s of SIGTERM and was killed (SIGKILL)");
    }
    context.figure(ID, "start to ready line", restart.toReadyLine().toNanos() / 1e6, "ms");
    context.figure(
        ID, "start to first receive", (firstReceiveNanos - restart.startedNanos()) / 1e6, "ms");
    residentMegabytes(server)
        .ifPresent(mb -> context.figure(ID, "RSS after restart", mb, "MB"));
    long kept = visible + received;
    context.figure(ID, "kept after restart", kept, "messages");
    if (kept != queued) {
      context.notes().accept(String.format(Locale.ROOT,
          "%s: %,d messages were queued before the restart but %,d after it",
          context.target(), queued, kept));
    }
  }

  private static Optional<Double> residentMegabytes(RunningTarget server) {
    OptionalLong bytes = server.residentBytes();
    return bytes.isPresent()
        ? Optional.of(bytes.getAsLong() / MB)
        : Optional.empty();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
