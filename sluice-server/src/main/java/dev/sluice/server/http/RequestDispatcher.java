package dev.sluice.server.http;

import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.AwsHttpResponse;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per connection: hands each request to its handler without waiting, and writes the responses
 * back in request order (HTTP/1.1 pipelining) as their futures complete.
 *
 * <p>Concurrency: every field is touched only on the connection's event loop. Handler futures may
 * complete on any thread; their completion hops back onto the event loop before it touches state. A
 * connection that goes away cancels its pending futures (a long poll stops waiting).
 */
final class RequestDispatcher extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

  /** Stop reading from a client that pipelines more than this many unanswered requests. */
  private static final int MAX_PIPELINED = 32;

  /** Asks a connection to close once its pending responses are written (server shutdown). */
  static final Object DRAIN = new Object();

  private final AwsRequestHandler handler;
  private final SluiceEndpoints endpoints;
  private final RequestTracker tracker;
  private final ArrayDeque<Exchange> exchanges = new ArrayDeque<>();
  private boolean closing;
  private boolean drainRequested;

  RequestDispatcher(AwsRequestHandler handler, SluiceEndpoints endpoints, RequestTracker tracker) {
    this.handler = handler;
    this.endpoints = endpoints;
    this.tracker = tracker;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof FullHttpRequest request) {
        accept(ctx, request);
      } else if (msg instanceof OversizedRequest oversized && !closing) {
        Exchange exchange = open(ctx, oversized.version(), !oversized.closeAfterResponse());
        answer(ctx, exchange, oversized.answer());
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void accept(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (closing) {
      return; // a response that closes the connection is queued: nothing after it gets answered
    }
    if (request.decoderResult().isFailure()) {
      // The decoder cannot find the next request's start after bad input: answer and close.
      Exchange exchange = open(ctx, HttpVersion.HTTP_1_1, false);
      answer(ctx, exchange, ErrorResponses.malformed(request.decoderResult().cause()));
      return;
    }
    boolean json = ErrorResponses.wantsJson(request.headers());
    Exchange exchange = open(ctx, request.protocolVersion(), HttpUtil.isKeepAlive(request));
    if (tracker.draining()) {
      exchange.keepAlive = false;
      answer(ctx, exchange, ErrorResponses.shuttingDown(json));
      return;
    }
    String path;
    AwsHttpRequest awsRequest;
    try {
      awsRequest = AwsRequests.from(request, ctx.channel());
      path = awsRequest.path();
    } catch (IllegalArgumentException e) {
      answer(
          ctx,
          exchange,
          ErrorResponses.badRequest("Malformed request target: " + e.getMessage(), json));
      return;
    }
    if (SluiceEndpoints.owns(path)) {
      answer(ctx, exchange, endpoints.answer(awsRequest.method(), path));
      return;
    }
    dispatch(ctx, exchange, awsRequest, json);
  }

  private void dispatch(
      ChannelHandlerContext ctx, Exchange exchange, AwsHttpRequest request, boolean json) {
    if (log.isDebugEnabled()) {
      String target = request.header("x-amz-target");
      log.debug(
          "{} {}{} from {}",
          request.method(),
          request.path(),
          target == null ? "" : " " + target,
          request.remoteAddress());
    }
    CompletableFuture<AwsHttpResponse> future;
    try {
      future = handler.handle(request);
    } catch (RuntimeException e) {
      future = CompletableFuture.failedFuture(e);
    }
    exchange.future = future;
    future.whenComplete(
        (response, failure) -> {
          if (ctx.executor().inEventLoop()) {
            complete(ctx, exchange, response, failure, request, json);
            return;
          }
          try {
            ctx.executor().execute(() -> complete(ctx, exchange, response, failure, request, json));
          } catch (RejectedExecutionException e) {
            // The event loop is shutting down: the connection is gone and so is this response.
            log.debug(
                "Dropped the response to {} {}: event loop stopped",
                request.method(),
                request.path());
          }
        });
  }

  private void complete(
      ChannelHandlerContext ctx,
      Exchange exchange,
      AwsHttpResponse response,
      Throwable failure,
      AwsHttpRequest request,
      boolean json) {
    if (exchange.finished) {
      return; // cancelled because the connection closed
    }
    if (failure != null || response == null || response.status() < 100 || response.status() > 599) {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      log.error(
          "Handler failed on {} {} from {}: {}",
          request.method(),
          request.path(),
          request.remoteAddress(),
          cause == null
              ? "response " + (response == null ? "null" : "status " + response.status())
              : cause.toString(),
          cause);
      response = ErrorResponses.internalFailure(json);
    }
    answer(ctx, exchange, response);
  }

  private Exchange open(ChannelHandlerContext ctx, HttpVersion version, boolean keepAlive) {
    Exchange exchange = new Exchange(version, keepAlive);
    exchanges.add(exchange);
    tracker.started();
    if (exchanges.size() >= MAX_PIPELINED) {
      ctx.channel().config().setAutoRead(false);
    }
    return exchange;
  }

  private void answer(ChannelHandlerContext ctx, Exchange exchange, AwsHttpResponse response) {
    exchange.response = response;
    writeAnswered(ctx);
  }

  /** Writes the answered exchanges at the head of the queue; the rest wait for theirs. */
  private void writeAnswered(ChannelHandlerContext ctx) {
    boolean wrote = false;
    while (!exchanges.isEmpty() && exchanges.peek().response != null) {
      Exchange exchange = exchanges.poll();
      boolean keepAlive = exchange.keepAlive && !(drainRequested && exchanges.isEmpty());
      var write = ctx.write(NettyResponses.toNetty(exchange.version, exchange.response, keepAlive));
      write.addListener(done -> exchange.finish(tracker));
      wrote = true;
      if (!keepAlive) {
        closing = true;
        write.addListener(ChannelFutureListener.CLOSE);
        abandonPending();
        break;
      }
    }
    if (wrote) {
      ctx.flush();
    }
    if (!closing && !ctx.channel().config().isAutoRead() && exchanges.size() < MAX_PIPELINED) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  /** Cancels what has no response yet: its client will never read it. */
  private void abandonPending() {
    Exchange exchange;
    while ((exchange = exchanges.poll()) != null) {
      exchange.finish(tracker);
      if (exchange.future != null) {
        exchange.future.cancel(false);
      }
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event == DRAIN) {
      drainRequested = true;
      if (exchanges.isEmpty()) {
        ctx.close();
      }
    } else if (event instanceof IdleStateEvent) {
      if (exchanges.isEmpty()) {
        ctx.close(); // an idle kept-alive connection; a waiting long poll is not idle
      }
    } else {
      super.userEventTriggered(ctx, event);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    abandonPending();
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Clients cause these: resets, and connections closed mid-request (curl closes as soon as it
    // reads a 413, while the body it was sending is still being skipped).
    if (cause instanceof IOException
        || cause instanceof PrematureChannelClosureException
        || cause instanceof DecoderException) {
      log.debug("Connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    } else {
      log.warn("Unexpected error on connection {}", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }

  /** One request and, once known, its response. */
  private static final class Exchange {
    final HttpVersion version;
    boolean keepAlive;
    CompletableFuture<AwsHttpResponse> future;
    AwsHttpResponse response;
    boolean finished;

    Exchange(HttpVersion version, boolean keepAlive) {
      this.version = version;
      this.keepAlive = keepAlive;
    }

    void finish(RequestTracker tracker) {
      if (!finished) {
        finished = true;
        tracker.finished();
      }
    }
  }
}
