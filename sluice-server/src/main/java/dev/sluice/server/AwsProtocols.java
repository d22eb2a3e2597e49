package dev.sluice.server;

import dev.sluice.core.queue.QueueService;
import dev.sluice.core.time.TimeSource;
import dev.sluice.functions.FunctionService;
import dev.sluice.functions.mappings.EventSourceMappingService;
import dev.sluice.protocol.aws.AwsRouter;
import dev.sluice.protocol.aws.auth.AwsCredentialsFile;
import dev.sluice.protocol.aws.auth.RequestAuthenticator;
import dev.sluice.protocol.aws.events.EventsService;
import dev.sluice.protocol.aws.lambda.EventSourceMappingsService;
import dev.sluice.protocol.aws.lambda.LambdaService;
import dev.sluice.protocol.aws.logs.LogsService;
import dev.sluice.protocol.aws.sqs.SqsService;
import dev.sluice.protocol.aws.sqs.SqsSettings;
import dev.sluice.protocol.aws.sts.StsService;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** The AWS services on Sluice's one endpoint, behind the protocol module's router. */
final class AwsProtocols {

  private AwsProtocols() {}

  /**
   * SigV4 verification against the credentials file, or none without one.
   *
   * @throws InvalidConfigException if the file cannot be read or holds no usable key pair
   */
  static RequestAuthenticator authenticator(ServerConfig config, TimeSource time) {
    Path file = config.credentialsFile();
    if (file == null) {
      return RequestAuthenticator.disabled();
    }
    try {
      return new RequestAuthenticator(AwsCredentialsFile.load(file), time);
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      throw new InvalidConfigException(
          "Invalid credentials file '" + file + "': " + e.getMessage());
    }
  }

  /**
   * The router for every request outside {@code /_sluice/}. STS and Lambda (paths under
   * /2015-03-31/, event-source mappings before the rest of Lambda) come first: the router gives
   * an unsigned request to the first service that accepts it, and SQS accepts broadly.
   *
   * @param endpoint where the server listens; the base of queue URLs for requests without a Host
   */
  static AwsRouter router(
      ServerConfig config,
      QueueService queues,
      FunctionService functions,
      EventSourceMappingService mappings,
      EventsService events,
      RequestAuthenticator authenticator,
      URI endpoint) {
    LambdaService lambda = new LambdaService(functions);
    return new AwsRouter(
        List.of(
            new StsService(config.accountId()),
            new EventSourceMappingsService(mappings, lambda),
            lambda,
            events,
            new LogsService(functions.logs(), LogsService.sharedExecutor(), config.region(),
                config.accountId()),
            new SqsService(queues, new SqsSettings(fallbackBaseUrl(endpoint)))),
        authenticator);
  }

  // A server listening on every interface (0.0.0.0, ::) is reached by some real address; the
  // wildcard itself is no URL a client can use.
  static String fallbackBaseUrl(URI endpoint) {
    String host = endpoint.getHost();
    boolean wildcard =
        host.equals("0.0.0.0") || host.equals("[::]") || host.equals("[0:0:0:0:0:0:0:0]");
    return wildcard ? "http://localhost:" + endpoint.getPort() : endpoint.toString();
  }
}
