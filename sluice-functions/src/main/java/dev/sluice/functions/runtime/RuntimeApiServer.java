package dev.sluice.functions.runtime;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Runtime API listener of one execution environment, on 127.0.0.1 and a free port: its
 * address (AWS_LAMBDA_RUNTIME_API) is what tells environments apart, and the user process never
 * hosts it. One shared event loop serves every environment's listener; nothing here blocks.
 */
final class RuntimeApiServer implements AutoCloseable {

  private static final String PREFIX = "/2018-06-01/runtime";
  private static final Pattern INVOCATION_PATH =
      Pattern.compile(PREFIX + "/invocation/([^/]+)/(response|error)");
  /** Responses up to 6 MB plus headroom for the error JSON. */
  private static final int MAX_BODY = 7 * 1024 * 1024;

  private final Channel channel;

  private RuntimeApiServer(Channel channel) {
    this.channel = channel;
  }

  static RuntimeApiServer start(EventLoopGroup group, RuntimeApi api) {
    try {
      Channel channel = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                  new HttpObjectAggregator(MAX_BODY), new Handler(api));
            }
          })
          .bind("127.0.0.1", 0).sync().channel();
      return new RuntimeApiServer(channel);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding the Runtime API", e);
    }
  }

  /** {@code 127.0.0.1:PORT}, the value of AWS_LAMBDA_RUNTIME_API. */
  String address() {
    InetSocketAddress address = (InetSocketAddress) channel.localAddress();
    return "127.0.0.1:" + address.getPort();
  }

  @Override
  public void close() {
    channel.close();
  }

  private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final RuntimeApi api;

    Handler(RuntimeApi api) {
      this.api = api;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      String path = request.uri();
      int query = path.indexOf('?');
      if (query >= 0) {
        path = path.substring(0, query);
      }
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      if (request.method().equals(HttpMethod.GET) && path.equals(PREFIX + "/invocation/next")) {
        api.next().whenComplete((delivery, error) -> ctx.executor().execute(() -> {
          if (error != null) {
            // The environment is ending; the runtime is about to be stopped.
            write(ctx, keepAlive, status(HttpResponseStatus.GONE, "EnvironmentEnded"));
          } else {
            write(ctx, keepAlive, invocationResponse(delivery));
          }
        }));
        return;
      }
      byte[] body = ByteBufUtil.getBytes(request.content());
      if (request.method().equals(HttpMethod.POST) && path.equals(PREFIX + "/init/error")) {
        api.initFailed(body);
        write(ctx, keepAlive, accepted());
        return;
      }
      Matcher matcher = INVOCATION_PATH.matcher(path);
      if (request.method().equals(HttpMethod.POST) && matcher.matches()) {
        String requestId = matcher.group(1);
        boolean known = matcher.group(2).equals("response")
            ? api.respond(requestId, body) : api.fail(requestId, body);
        write(ctx, keepAlive,
            known ? accepted() : status(HttpResponseStatus.BAD_REQUEST, "InvalidRequestID"));
        return;
      }
      write(ctx, keepAlive, status(HttpResponseStatus.NOT_FOUND, "InvalidRequest"));
    }

    private static FullHttpResponse invocationResponse(RuntimeApi.Delivery delivery) {
      Invocation invocation = delivery.invocation();
      long deadline = delivery.deadlineMillis();
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.OK, Unpooled.wrappedBuffer(invocation.payload()));
      var headers = response.headers();
      headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
      headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
      headers.set("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedFunctionArn());
      headers.set("Lambda-Runtime-Trace-Id", invocation.traceId());
      if (invocation.clientContext() != null) {
        headers.set("Lambda-Runtime-Client-Context", invocation.clientContext());
      }
      return response;
    }

    private static FullHttpResponse accepted() {
      return json(HttpResponseStatus.ACCEPTED, "{\"status\":\"OK\"}");
    }

    private static FullHttpResponse status(HttpResponseStatus status, String errorType) {
      return json(status, "{\"errorMessage\":\"" + errorType + "\",\"errorType\":\""
          + errorType + "\"}");
    }

    private static FullHttpResponse json(HttpResponseStatus status, String body) {
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
          Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      return response;
    }

    private static void write(ChannelHandlerContext ctx, boolean keepAlive,
        FullHttpResponse response) {
      HttpUtil.setContentLength(response, response.content().readableBytes());
      HttpUtil.setKeepAlive(response, keepAlive);
      var future = ctx.writeAndFlush(response);
      if (!keepAlive) {
        future.addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
