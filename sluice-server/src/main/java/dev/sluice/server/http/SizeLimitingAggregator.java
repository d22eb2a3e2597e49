package dev.sluice.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Netty's aggregator with AWS-style 413 answers instead of its empty ones. The decisions about the
 * connection stay Netty's: a request announced too large by its Content-Length is answered at once
 * and its body skipped (the connection stays usable); one that grew too large while being received,
 * or that does not want keep-alive, is answered and the connection closed.
 */
final class SizeLimitingAggregator extends HttpObjectAggregator {

  SizeLimitingAggregator(int maxRequestSize) {
    super(maxRequestSize);
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized)
      throws Exception {
    if (!(oversized instanceof HttpRequest)) {
      super.handleOversizedMessage(ctx, oversized);
      return;
    }
    boolean close =
        oversized instanceof FullHttpMessage
            || (!HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized));
    // The aggregator releases `oversized` when this returns: pass on only what the answer needs.
    ctx.fireChannelRead(
        new OversizedRequest(
            oversized.protocolVersion(),
            close,
            ErrorResponses.wantsJson(oversized.headers()),
            maxContentLength()));
  }

  @Override
  protected Object newContinueResponse(
      HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
    Object response = super.newContinueResponse(start, maxContentLength, pipeline);
    // why: an `Expect: 100-continue` request announced too large gets its 413 here, before any
    // body is sent; Netty's own answer has an empty body, ours says what the limit is.
    if (response instanceof FullHttpResponse netty
        && netty.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
      netty.release();
      return ErrorResponses.tooLarge(
          start.protocolVersion(), ErrorResponses.wantsJson(start.headers()), maxContentLength);
    }
    return response;
  }
}
