package dev.sluice.bench.ceiling;

import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.io.IOException;
import java.io.InputStream;

/** Answers each request from {@link CannedAnswers}; never blocks, never crashes on bad input. */
final class CeilingHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String target = request.headers().get("X-Amz-Target", "");
    String action = target.substring(target.indexOf('.') + 1);
    byte[] body;
    HttpResponseStatus status = HttpResponseStatus.OK;
    try (InputStream in = new ByteBufInputStream(request.content())) {
      body = CannedAnswers.answer(action, in);
    } catch (IOException | RuntimeException e) {
      status = HttpResponseStatus.BAD_REQUEST;
      body = CannedAnswers.error("InvalidParameterValue", String.valueOf(e.getMessage()));
    }
    FullHttpResponse response =
        new DefaultFullHttpResponse(request.protocolVersion(), status, Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    response.headers().set("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000");
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    HttpUtil.setKeepAlive(response, keepAlive);
    var written = ctx.writeAndFlush(response);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
