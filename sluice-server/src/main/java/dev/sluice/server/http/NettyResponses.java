package dev.sluice.server.http;

import dev.sluice.protocol.aws.AwsHttpResponse;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;

/** Writes an {@link AwsHttpResponse} as it is, adding only Content-Length and Connection. */
final class NettyResponses {

  private NettyResponses() {}

  static FullHttpResponse toNetty(
      HttpVersion version, AwsHttpResponse response, boolean keepAlive) {
    byte[] body = response.body() == null ? new byte[0] : response.body();
    FullHttpResponse netty =
        new DefaultFullHttpResponse(
            version, HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(body));
    HttpHeaders headers = netty.headers();
    if (response.headers() != null) {
      for (Map.Entry<String, String> header : response.headers().entrySet()) {
        if (header.getKey() != null && header.getValue() != null) {
          headers.set(header.getKey(), header.getValue());
        }
      }
    }
    // why: the body is complete, so its length is known; the client needs it to find the next
    // response on a kept-alive connection (transfer-encoding from a handler would be a lie).
    headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
    HttpUtil.setContentLength(netty, body.length);
    HttpUtil.setKeepAlive(netty, keepAlive);
    return netty;
  }
}
