package dev.sluice.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of every connection: HTTP/1.1 codec, size-limited aggregation (Lambda's code
 * uploads first, with AWS's larger limit; then everything else), dispatch.
 */
final class HttpChannelInitializer extends ChannelInitializer<Channel> {

  /** Request line and header limits; AWS SigV4 presigned URLs are the longest lines we expect. */
  static final int MAX_INITIAL_LINE_LENGTH = 16 * 1024;

  static final int MAX_HEADER_SIZE = 32 * 1024;

  /**
   * Connections with nothing in flight for this long are closed. Longer than SQS's longest long
   * poll (20 s) with room to spare; SDK connection pools reconnect transparently.
   */
  static final int IDLE_SECONDS = 120;

  private final HttpSettings settings;
  private final AwsRequestHandler handler;
  private final SluiceEndpoints endpoints;
  private final RequestTracker tracker;
  private final ChannelGroup connections;

  HttpChannelInitializer(
      HttpSettings settings,
      AwsRequestHandler handler,
      SluiceEndpoints endpoints,
      RequestTracker tracker,
      ChannelGroup connections) {
    this.settings = settings;
    this.handler = handler;
    this.endpoints = endpoints;
    this.tracker = tracker;
    this.connections = connections;
  }

  @Override
  protected void initChannel(Channel channel) {
    connections.add(channel);
    HttpDecoderConfig decoder =
        new HttpDecoderConfig()
            .setMaxInitialLineLength(MAX_INITIAL_LINE_LENGTH)
            .setMaxHeaderSize(MAX_HEADER_SIZE);
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS));
    pipeline.addLast("http", new HttpServerCodec(decoder));
    // Lambda's code uploads have a limit of their own (AWS's); everything else has the server's.
    if (settings.maxRequestSize() < LambdaCodeUploads.MAX_REQUEST_SIZE) {
      pipeline.addLast("aggregate-code", SizeLimitingAggregator.forLambdaCodeUploads());
    }
    pipeline.addLast("aggregate", new SizeLimitingAggregator(settings.maxRequestSize()));
    pipeline.addLast("dispatch", new RequestDispatcher(handler, endpoints, tracker));
  }
}
