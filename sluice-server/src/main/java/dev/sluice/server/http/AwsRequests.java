package dev.sluice.server.http;

import dev.sluice.protocol.aws.AwsHttpRequest;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Netty's view of a request to the protocol module's. */
final class AwsRequests {

  private AwsRequests() {}

  /**
   * Copies the request out of Netty's buffers (the protocol module keeps it past this call).
   *
   * @throws IllegalArgumentException if the path's percent-encoding is broken
   */
  static AwsHttpRequest from(FullHttpRequest request, Channel channel) {
    String target = originForm(request.uri());
    int question = target.indexOf('?');
    String rawPath = question < 0 ? target : target.substring(0, question);
    String rawQuery = question < 0 ? "" : target.substring(question + 1);
    // QueryStringDecoder decodes a path as a path: '+' stays '+'.
    String path = new QueryStringDecoder(rawPath).path();
    return new AwsHttpRequest(
        request.method().name(),
        path.isEmpty() ? "/" : path,
        rawQuery,
        headers(request),
        ByteBufUtil.getBytes(request.content()),
        address(channel.remoteAddress()));
  }

  /**
   * The path of the request target: {@code http://host/a?b} (sent to proxies) becomes {@code /a?b}.
   */
  static String originForm(String uri) {
    int scheme = uri.indexOf("://");
    if (scheme < 0 || uri.startsWith("/")) {
      return uri;
    }
    int pathStart = uri.indexOf('/', scheme + 3);
    int queryStart = uri.indexOf('?', scheme + 3);
    if (pathStart < 0 || (queryStart >= 0 && queryStart < pathStart)) {
      return queryStart < 0 ? "/" : "/" + uri.substring(queryStart);
    }
    return uri.substring(pathStart);
  }

  private static Map<String, List<String>> headers(FullHttpRequest request) {
    Map<String, List<String>> headers = new HashMap<>();
    for (Map.Entry<String, String> header : request.headers()) {
      headers
          .computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), name -> new ArrayList<>(1))
          .add(header.getValue());
    }
    return headers;
  }

  private static String address(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      return inet.getAddress() == null
          ? inet.getHostString() + ":" + inet.getPort()
          : inet.getAddress().getHostAddress() + ":" + inet.getPort();
    }
    return String.valueOf(address);
  }
}
