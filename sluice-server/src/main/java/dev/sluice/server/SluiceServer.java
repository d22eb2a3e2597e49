package dev.sluice.server;

import dev.sluice.core.queue.QueueService;
import dev.sluice.core.queue.store.QueueStore;
import dev.sluice.core.time.SystemTimeSource;
import dev.sluice.functions.FunctionService;
import dev.sluice.functions.mappings.EventSourceMappingService;
import dev.sluice.protocol.aws.auth.RequestAuthenticator;
import dev.sluice.schedules.RuleService;
import dev.sluice.server.http.HttpBindException;
import dev.sluice.server.http.HttpServer;
import dev.sluice.server.http.HttpSettings;
import dev.sluice.server.http.SluiceEndpoints;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Sluice: store, queue service, AWS protocols and the HTTP endpoint, wired from a {@link
 * ServerConfig}. {@link #start} returns once requests are accepted; {@link #close} shuts down
 * gracefully. Tests start one in-process on port 0; the command line runs one in the foreground.
 */
public final class SluiceServer implements AutoCloseable {

  /** How long shutdown waits for in-flight requests before closing their connections. */
  public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(SluiceServer.class);

  private final ServerConfig config;
  private final SystemTimeSource time;
  private final QueueStore store;
  private final QueueService queues;
  private final HttpServer http;
  private final URI endpoint;
  private volatile Functions functions;
  private volatile Schedules schedules;
  private volatile EventSourceMappings mappings;
  private final AtomicBoolean closeStarted = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile boolean cleanShutdown = true;

  private SluiceServer(
      ServerConfig config,
      SystemTimeSource time,
      QueueStore store,
      QueueService queues,
      HttpServer http) {
    this.config = config;
    this.time = time;
    this.store = store;
    this.queues = queues;
    this.http = http;
    this.endpoint = endpointOf(config.host(), http.address().getPort());
  }

  /**
   * Opens the store and starts serving.
   *
   * @throws InvalidConfigException if a configured value turns out unusable (an unreadable
   *     credentials file, a data directory that cannot be created)
   * @throws ServerStartException if the environment refuses (port taken, store locked)
   */
  public static SluiceServer start(ServerConfig config) {
    long startNanos = System.nanoTime();
    SystemTimeSource time = new SystemTimeSource();
    QueueStore store = null;
    QueueService queues = null;
    HttpServer http = null;
    Functions functions = null;
    Schedules schedules = null;
    EventSourceMappings mappings = null;
    try {
      store = Stores.open(config, time);
      queues = new QueueService(store, time, config.accountId(), config.region());
      RequestAuthenticator authenticator = AwsProtocols.authenticator(config, time);
      DeferredHandler handler = new DeferredHandler();
      http =
          HttpServer.start(
              new HttpSettings(config.host(), config.port(), config.maxRequestSize()),
              handler,
              new SluiceEndpoints(SluiceVersion.current(), store.kind()));
      SluiceServer server = new SluiceServer(config, time, store, queues, http);
      functions = Functions.open(config, time, server.endpoint, queues);
      server.functions = functions;
      schedules = Schedules.open(
          config, queues, new LambdaTargetInvoker(functions.service()), time);
      server.schedules = schedules;
      mappings = EventSourceMappings.open(queues, functions.service(), time);
      server.mappings = mappings;
      handler.installRuleRuns(new RuleRunEndpoint(schedules.rules())::handle);
      handler.installCodeDownloads(new CodeDownloadEndpoint(functions.service())::handle);
      handler.install(AwsProtocols.router(
          config, queues, functions.service(), mappings.service(), schedules.events(),
          authenticator, server.endpoint));
      log.info(
          "Sluice {} listening on {} ({} store{}, {} transport, SigV4 {}, started in {} ms)",
          SluiceVersion.current(),
          server.endpoint,
          store.kind(),
          config.store() == StoreKind.EMBEDDED ? " in " + config.dataDir() : "",
          http.transportName(),
          config.credentialsFile() == null ? "off" : "on",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
      return server;
    } catch (RuntimeException e) {
      closeQuietly(http);
      closeQuietly(mappings);
      closeQuietly(schedules);
      closeQuietly(functions);
      closeQuietly(queues);
      closeQuietly(store);
      time.close();
      if (e instanceof InvalidConfigException || e instanceof ServerStartException) {
        throw e;
      }
      if (e instanceof HttpBindException) {
        throw new ServerStartException(e.getMessage(), e);
      }
      throw new ServerStartException("Cannot start: " + e, e);
    }
  }

  /** {@code http://HOST:PORT}, with the real port. */
  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return endpoint.getPort();
  }

  public InetSocketAddress address() {
    return http.address();
  }

  /** Requests received and not yet answered (a waiting long poll counts). */
  public int requestsInFlight() {
    return http.requestsInFlight();
  }

  public ServerConfig config() {
    return config;
  }

  /** The queue service requests reach (for tests that look behind the HTTP API). */
  public QueueService queues() {
    return queues;
  }

  /** The function service requests reach (for tests that look behind the HTTP API). */
  public FunctionService functions() {
    return functions.service();
  }

  /** The event-source mappings requests reach (for tests that look behind the HTTP API). */
  public EventSourceMappingService mappings() {
    return mappings.service();
  }

  /** The EventBridge rules requests reach (for tests that look behind the HTTP API). */
  public RuleService rules() {
    return schedules.rules();
  }

  /**
   * Shuts down gracefully: stops accepting, ends long polls (they answer empty), waits up to {@link
   * #SHUTDOWN_GRACE} for in-flight requests to be answered, closes connections, then the store.
   * Idempotent; a concurrent caller waits until shutdown is complete.
   */
  @Override
  public void close() {
    if (!closeIfOpen()) {
      awaitClosedUninterruptibly();
    }
  }

  /**
   * Shuts down like {@link #close} if no one has started to; returns false at once, without
   * waiting, if someone has.
   */
  public boolean closeIfOpen() {
    if (!closeStarted.compareAndSet(false, true)) {
      return false;
    }
    try {
      log.info("Shutting down ({} requests in flight)", http.requestsInFlight());
      step("stop accepting connections", http::stopAccepting);
      step("stop event-source mappings", mappings::close);
      step("end long polls", queues::close);
      step("wait for in-flight requests", this::awaitInFlight);
      step("end function environments", functions::close);
      step("stop schedules and close the rule store", schedules::close);
      step("close connections", http::close);
      step(
          "close the " + store.kind() + " store",
          () -> {
            store.close();
            log.info("Closed the {} store", store.kind());
          });
      step("stop timers", time::close);
      log.info("Sluice stopped{}", cleanShutdown ? "" : " (with errors, see above)");
    } finally {
      closed.countDown();
    }
    return true;
  }

  /**
   * Blocks until {@link #close} has finished (from any thread). Returns true if every shutdown step
   * succeeded.
   */
  public boolean awaitClosed() {
    awaitClosedUninterruptibly();
    return cleanShutdown;
  }

  private void awaitInFlight() {
    try {
      if (!http.awaitRequestsAnswered(SHUTDOWN_GRACE)) {
        log.warn(
            "{} requests still in flight after {} s; closing their connections",
            http.requestsInFlight(),
            SHUTDOWN_GRACE.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("Interrupted while waiting for in-flight requests; closing their connections");
    }
  }

  private void awaitClosedUninterruptibly() {
    boolean interrupted = false;
    while (true) {
      try {
        closed.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** One shutdown step; a failure is logged and the next steps still run. */
  private void step(String what, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException | Error e) {
      cleanShutdown = false;
      log.error("Shutdown step failed: {}", what, e);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      log.warn("Failed to close {} after a failed start", closeable.getClass().getSimpleName(), e);
    }
  }

  static URI endpointOf(String host, int port) {
    String authority = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return URI.create("http://" + authority + ":" + port);
  }
}
