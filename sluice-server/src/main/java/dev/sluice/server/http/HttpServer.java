package dev.sluice.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.NettyRuntime;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 endpoint: Netty, keep-alive, requests aggregated up to a size limit and handed to an
 * {@link AwsRequestHandler} without blocking the event loops.
 *
 * <p>Shutdown is in steps so the owner can act in between: {@link #stopAccepting}, then (after,
 * say, ending long polls) {@link #awaitRequestsAnswered}, then {@link #close}, which closes
 * whatever is left and stops the event loops.
 */
public final class HttpServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

  /** Netty's own knob for its default thread count; honoured here too. */
  static final String EVENT_LOOP_THREADS_PROPERTY = "io.netty.eventLoopThreads";

  private final EventLoopGroup group;
  private final Channel serverChannel;
  private final ChannelGroup connections;
  private final RequestTracker tracker;
  private final String transportName;

  private HttpServer(
      EventLoopGroup group,
      Channel serverChannel,
      ChannelGroup connections,
      RequestTracker tracker,
      String transportName) {
    this.group = group;
    this.serverChannel = serverChannel;
    this.connections = connections;
    this.tracker = tracker;
    this.transportName = transportName;
  }

  /**
   * Binds and starts serving.
   *
   * @throws HttpBindException if the address cannot be bound
   */
  public static HttpServer start(
      HttpSettings settings, AwsRequestHandler handler, SluiceEndpoints endpoints) {
    return start(settings, handler, endpoints, Transport.best());
  }

  static HttpServer start(
      HttpSettings settings,
      AwsRequestHandler handler,
      SluiceEndpoints endpoints,
      Transport transport) {
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            eventLoopThreads(),
            new DefaultThreadFactory("sluice-http", true),
            transport.ioHandlerFactory());
    ChannelGroup connections =
        new DefaultChannelGroup("sluice-connections", GlobalEventExecutor.INSTANCE);
    RequestTracker tracker = new RequestTracker();
    try {
      Channel serverChannel =
          new ServerBootstrap()
              .group(group)
              .channel(transport.channelClass())
              .option(ChannelOption.SO_BACKLOG, 1024)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new HttpChannelInitializer(settings, handler, endpoints, tracker, connections))
              .bind(settings.host(), settings.port())
              .sync()
              .channel();
      return new HttpServer(group, serverChannel, connections, tracker, transport.name());
    } catch (Exception e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new HttpBindException(
          "Cannot listen on " + settings.host() + ":" + settings.port() + ": " + describe(e), e);
    }
  }

  private static String describe(Exception e) {
    if (e instanceof java.nio.channels.UnresolvedAddressException) {
      return "unknown host";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The bound address (with the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** "epoll" or "nio". */
  public String transportName() {
    return transportName;
  }

  /** Requests received and not yet fully answered. */
  public int requestsInFlight() {
    return tracker.inFlight();
  }

  /**
   * Stops accepting connections and starts draining: new requests are answered 503, and each
   * connection closes as soon as its pending responses are written.
   */
  public void stopAccepting() {
    tracker.startDraining();
    serverChannel.close().awaitUninterruptibly();
    connections.forEach(
        connection -> connection.pipeline().fireUserEventTriggered(RequestDispatcher.DRAIN));
  }

  /**
   * Waits up to {@code grace} until every request received has been answered; false if some were
   * still in flight when it ran out.
   */
  public boolean awaitRequestsAnswered(Duration grace) throws InterruptedException {
    return tracker.awaitIdle(grace);
  }

  /** Closes every connection (cancelling what is still pending) and stops the event loops. */
  @Override
  public void close() {
    tracker.startDraining();
    serverChannel.close().awaitUninterruptibly();
    connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    if (!group
        .shutdownGracefully(0, 2, TimeUnit.SECONDS)
        .awaitUninterruptibly(10, TimeUnit.SECONDS)) {
      log.warn("HTTP event loops did not stop within 10 s");
    }
  }

  /**
   * One event loop per CPU, not Netty's default of two. why: nothing blocks Sluice's loops (the
   * store syncs on its own thread, functions and logs have their own pools), so a second loop per
   * CPU adds no throughput, only hand-offs: a long poll woken by a send on a connection of another
   * loop is answered after a thread switch. Measured: long-poll wake-up p50 0.76-0.80 ms with one
   * loop against 0.87-0.88 ms with two, on one CPU.
   */
  static int eventLoopThreads() {
    int threads =
        Integer.getInteger(EVENT_LOOP_THREADS_PROPERTY, NettyRuntime.availableProcessors());
    return Math.max(1, threads);
  }
}
