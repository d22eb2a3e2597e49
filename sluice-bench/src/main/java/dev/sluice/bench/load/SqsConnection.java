package dev.sluice.bench.load;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One keep-alive HTTP/1.1 connection carrying one request at a time, as an SDK client's pooled
 * connection does. Not thread-safe by design: a load worker owns it and issues the next call from
 * the previous call's completion, which runs on the connection's event-loop thread.
 */
public final class SqsConnection implements AutoCloseable {

  // Any syntactically valid SigV4 header: peers read the region and service from it (moto routes by
  // the service name); none of the measured servers verifies the signature unless configured to.
  private static final String AUTHORIZATION =
      "AWS4-HMAC-SHA256 Credential=AKIDSLUICEBENCH/20260101/us-east-1/sqs/aws4_request, "
          + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
          + "Signature=0000000000000000000000000000000000000000000000000000000000000000";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

  private final Supplier<ChannelFuture> connector;
  private final String hostHeader;
  private Channel channel;
  private boolean serverClosesAfterAnswer;
  private ResponseHandler handler;
  private CompletableFuture<SqsResponse> pending;
  private String pendingAction;

  SqsConnection(Channel channel, Supplier<ChannelFuture> connector, String hostHeader) {
    this.connector = connector;
    this.hostHeader = hostHeader;
    attach(channel);
  }

  private void attach(Channel newChannel) {
    channel = newChannel;
    serverClosesAfterAnswer = false;
    handler = new ResponseHandler();
    newChannel.pipeline().addLast(handler);
  }

  /** Sends {@code AmazonSQS.<action>} with a JSON body; the future fails on a non-2xx answer. */
  public CompletableFuture<SqsResponse> call(String action, byte[] jsonBody) {
    CompletableFuture<SqsResponse> result = new CompletableFuture<>();
    if (pending != null) {
      result.completeExceptionally(new IllegalStateException("a call is already outstanding"));
      return result;
    }
    pending = result;
    pendingAction = action;
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.POST, "/", Unpooled.wrappedBuffer(jsonBody));
    HttpHeaders headers = request.headers();
    headers.set(HttpHeaderNames.HOST, hostHeader);
    headers.set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
    headers.set(HttpHeaderNames.CONTENT_LENGTH, jsonBody.length);
    headers.set("X-Amz-Target", "AmazonSQS." + action);
    headers.set("X-Amz-Date", "20260101T000000Z");
    headers.set(HttpHeaderNames.AUTHORIZATION, AUTHORIZATION);
    if (serverClosesAfterAnswer || !channel.isActive()) {
      // Some servers (moto's Werkzeug) answer "Connection: close" and then neither read nor
      // close: a request sent on that connection would wait forever. A new connection per
      // request is what a real client does with them too.
      handler.retired = true;
      channel.close();
      connector.get().addListener((ChannelFuture connected) -> {
        if (connected.isSuccess()) {
          attach(connected.channel());
          send(request, action);
        } else {
          request.release();
          fail(new SqsCallException(action + ": cannot reconnect", connected.cause()));
        }
      });
    } else {
      send(request, action);
    }
    return result;
  }

  private void send(FullHttpRequest request, String action) {
    channel
        .writeAndFlush(request)
        .addListener(
            written -> {
              if (!written.isSuccess()) {
                fail(new SqsCallException(action + ": cannot send", written.cause()));
              }
            });
  }

  /** Same as {@link #call}, failing unless the answer is 2xx. */
  public CompletableFuture<SqsResponse> callOk(String action, byte[] jsonBody) {
    return call(action, jsonBody)
        .thenApply(
            response -> {
              if (!response.ok()) {
                throw SqsCallException.errorAnswer(action, response);
              }
              return response;
            });
  }

  /** Runs a task periodically on this connection's event-loop thread. */
  public java.util.concurrent.ScheduledFuture<?> scheduleAtFixedRate(
      Runnable task, long initialDelay, long period, java.util.concurrent.TimeUnit unit) {
    return channel.eventLoop().scheduleAtFixedRate(task, initialDelay, period, unit);
  }

  /** Runs a task on this connection's event-loop thread, where its answers complete. */
  public void execute(Runnable task) {
    channel.eventLoop().execute(task);
  }

  /** False once the connection failed in a way a new request cannot repair. */
  public boolean isOpen() {
    return channel.isActive() || serverClosesAfterAnswer;
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
  }

  private void fail(Throwable cause) {
    CompletableFuture<SqsResponse> waiting = pending;
    pending = null;
    if (waiting != null) {
      waiting.completeExceptionally(cause);
    }
  }

  private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    /** Set once this handler's connection was replaced: its close is no failure. */
    volatile boolean retired;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      if (!HttpUtil.isKeepAlive(response)) {
        serverClosesAfterAnswer = true;
      }
      CompletableFuture<SqsResponse> waiting = pending;
      // Cleared before completing: the completion usually issues the next call at once.
      pending = null;
      if (waiting != null) {
        byte[] body = ByteBufUtil.getBytes(response.content());
        waiting.complete(new SqsResponse(response.status().code(), body));
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (retired) {
        return; // an old connection we replaced
      }
      fail(new SqsCallException(pendingAction + ": connection closed by the server"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (retired) {
        ctx.close();
        return;
      }
      fail(new SqsCallException(pendingAction + ": " + cause, cause));
      ctx.close();
    }
  }
}
