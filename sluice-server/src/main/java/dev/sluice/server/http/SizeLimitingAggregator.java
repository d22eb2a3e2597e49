package dev.sluice.server.http;

import dev.sluice.protocol.aws.AwsHttpResponse;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Netty's aggregator with AWS-style 413 answers instead of its empty ones, for the requests it
 * {@code takes}; the others pass by untouched (to the next aggregator in the pipeline, which has
 * a limit of its own). The decisions about the connection stay Netty's: a request announced too
 * large by its Content-Length is answered at once and its body skipped (the connection stays
 * usable); one that grew too large while being received, or that does not want keep-alive, is
 * answered and the connection closed.
 *
 * <p>Not sharable: it remembers whether the request whose parts are arriving is one it takes.
 */
final class SizeLimitingAggregator extends HttpObjectAggregator {

  private final Predicate<HttpRequest> takes;
  private final Function<HttpRequest, AwsHttpResponse> tooLarge;
  private boolean takingCurrent;

  /** Every request, limited to {@code maxRequestSize}. */
  SizeLimitingAggregator(int maxRequestSize) {
    this(maxRequestSize, request -> true, request -> ErrorResponses.tooLarge(
        ErrorResponses.wantsJson(request.headers()), maxRequestSize));
  }

  SizeLimitingAggregator(int maxRequestSize, Predicate<HttpRequest> takes,
      Function<HttpRequest, AwsHttpResponse> tooLarge) {
    super(maxRequestSize);
    this.takes = takes;
    this.tooLarge = tooLarge;
  }

  /** Lambda's CreateFunction and UpdateFunctionCode, up to AWS's own limit for them. */
  static SizeLimitingAggregator forLambdaCodeUploads() {
    return new SizeLimitingAggregator(LambdaCodeUploads.MAX_REQUEST_SIZE,
        request -> LambdaCodeUploads.operationOf(request) != null, LambdaCodeUploads::tooLarge);
  }

  @Override
  public boolean acceptInboundMessage(Object msg) throws Exception {
    // A request's first part decides for the parts that follow it.
    if (msg instanceof HttpRequest request) {
      takingCurrent = takes.test(request);
    }
    return takingCurrent && super.acceptInboundMessage(msg);
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized)
      throws Exception {
    if (!(oversized instanceof HttpRequest request)) {
      super.handleOversizedMessage(ctx, oversized);
      return;
    }
    boolean close =
        oversized instanceof FullHttpMessage
            || (!HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized));
    // The aggregator releases `oversized` when this returns: pass on only what the answer needs.
    ctx.fireChannelRead(
        new OversizedRequest(oversized.protocolVersion(), close, tooLarge.apply(request)));
  }

  @Override
  protected Object newContinueResponse(
      HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
    Object response = super.newContinueResponse(start, maxContentLength, pipeline);
    // why: an `Expect: 100-continue` request announced too large gets its 413 here, before any
    // body is sent; Netty's own answer has an empty body, ours says what the limit is.
    if (response instanceof FullHttpResponse netty
        && netty.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)
        && start instanceof HttpRequest request) {
      netty.release();
      return NettyResponses.toNetty(start.protocolVersion(), tooLarge.apply(request), true);
    }
    return response;
  }
}
