package dev.sluice.bench.ceiling;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The "ceiling": what this machine does with no queue at all. A minimal HTTP/1.1 server (Netty,
 * the same stack Sluice uses, one event-loop thread) that answers every SQS JSON-protocol request
 * with a canned, well-formed answer ({@link CannedAnswers}). Run: {@code CeilingServer [PORT]};
 * prints {@code Ceiling ready on http://127.0.0.1:PORT} once listening, stops on SIGTERM.
 */
public final class CeilingServer implements AutoCloseable {

  public static final String READY_PREFIX = "Ceiling ready on ";
  private static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;

  private final EventLoopGroup group;
  private final Channel channel;

  private CeilingServer(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    CeilingServer server = start(port);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ceiling-shutdown"));
    System.out.println(READY_PREFIX + "http://127.0.0.1:" + server.port());
    System.out.flush();
    server.channel.closeFuture().await();
  }

  public static CeilingServer start(int port) throws InterruptedException {
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, io);
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    channel
                        .pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                        .addLast(new CeilingHandler());
                  }
                });
    Channel channel = bootstrap.bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
    return new CeilingServer(group, channel);
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
