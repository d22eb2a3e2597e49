package dev.sluice.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The load generator's HTTP side: raw SQS JSON-protocol requests over Netty, all connections on
 * ONE event-loop thread, so the generator uses one core however many requests are outstanding
 * (docs/benchmarks.md explains why not the AWS SDK).
 */
public final class SqsClient implements AutoCloseable {

  private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

  private final EventLoopGroup group;
  private final Bootstrap bootstrap;
  private final URI endpoint;

  public SqsClient(URI endpoint) {
    this.endpoint = endpoint;
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.group = new MultiThreadIoEventLoopGroup(1, io);
    this.bootstrap =
        new Bootstrap()
            .group(group)
            .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    channel
                        .pipeline()
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(MAX_RESPONSE_BYTES));
                  }
                });
  }

  public URI endpoint() {
    return endpoint;
  }

  public SqsConnection connect() {
    int port = endpoint.getPort() > 0 ? endpoint.getPort() : 80;
    Channel channel;
    try {
      channel = bootstrap.connect(endpoint.getHost(), port).sync().channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SqsCallException("interrupted while connecting to " + endpoint, e);
    } catch (Exception e) {
      throw new SqsCallException("cannot connect to " + endpoint + ": " + e, e);
    }
    return new SqsConnection(
        channel, () -> bootstrap.connect(endpoint.getHost(), port), endpoint.getHost() + ":" + port);
  }

  public List<SqsConnection> connect(int count) {
    List<SqsConnection> connections = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      connections.add(connect());
    }
    return connections;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
