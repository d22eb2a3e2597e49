package dev.sluice.server.cli;

import dev.sluice.server.ByteSize;
import dev.sluice.server.DurationText;
import dev.sluice.server.InvalidConfigException;
import dev.sluice.server.ServerConfig;
import dev.sluice.server.ServerStartException;
import dev.sluice.server.SluiceServer;
import dev.sluice.server.StoreKind;
import dev.sluice.server.http.LeakDetection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code sluice server}: runs the server in the foreground. Prints exactly one line to stdout,
 * {@code Sluice ready on http://HOST:PORT}, once it accepts requests; logs go to stderr. SIGTERM or
 * Ctrl-C shut it down gracefully (exit 0).
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Runs Sluice in the foreground until SIGTERM or Ctrl-C.",
      "Prints 'Sluice ready on http://HOST:PORT' to stdout when it accepts requests.",
      "Each option can also be set by the environment variable named after it."
    })
final class ServerCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "${env:SLUICE_HOST:-" + ServerConfig.DEFAULT_HOST + "}",
      description = "Address to listen on (SLUICE_HOST). Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "${env:SLUICE_PORT:-" + ServerConfig.DEFAULT_PORT + "}",
      description =
          "Port to listen on; 0 picks a free one (SLUICE_PORT). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${env:SLUICE_DATA_DIR:-" + ServerConfig.DEFAULT_DATA_DIR + "}",
      description =
          "Where the embedded store keeps its files (SLUICE_DATA_DIR). Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(
      names = "--store",
      paramLabel = "embedded|memory",
      converter = StoreKindConverter.class,
      defaultValue = "${env:SLUICE_STORE:-embedded}",
      description =
          "embedded: durable, in the data directory; memory: lost at exit (SLUICE_STORE). Default:"
              + " ${DEFAULT-VALUE}.")
  StoreKind store;

  @Option(
      names = "--account-id",
      paramLabel = "ID",
      defaultValue = "${env:SLUICE_ACCOUNT_ID:-" + ServerConfig.DEFAULT_ACCOUNT_ID + "}",
      description =
          "AWS account id in queue URLs and ARNs (SLUICE_ACCOUNT_ID). Default: ${DEFAULT-VALUE}.")
  String accountId;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      defaultValue = "${env:SLUICE_REGION:-" + ServerConfig.DEFAULT_REGION + "}",
      description = "AWS region in ARNs (SLUICE_REGION). Default: ${DEFAULT-VALUE}.")
  String region;

  @Option(
      names = "--credentials",
      paramLabel = "FILE",
      defaultValue = "${env:SLUICE_CREDENTIALS}",
      description =
          "AWS shared-credentials file; when given, every request must carry a valid Signature V4"
              + " (SLUICE_CREDENTIALS). Default: off.")
  Path credentials;

  @Option(
      names = "--max-request-size",
      paramLabel = "SIZE",
      converter = ByteSizeConverter.class,
      defaultValue =
          "${env:SLUICE_MAX_REQUEST_SIZE:-" + ServerConfig.DEFAULT_MAX_REQUEST_SIZE + "}",
      description =
          "Largest request body accepted, e.g. 8MiB; larger ones get 413 (SLUICE_MAX_REQUEST_SIZE)."
              + " Default: ${DEFAULT-VALUE} bytes.")
  int maxRequestSize;

  @Option(
      names = "--function-concurrency",
      paramLabel = "N",
      defaultValue =
          "${env:SLUICE_FUNCTION_CONCURRENCY:-" + ServerConfig.DEFAULT_FUNCTION_CONCURRENCY + "}",
      description =
          "Lambda invocations running at once, server-wide; reserved concurrency is carved out of"
              + " it (SLUICE_FUNCTION_CONCURRENCY). Default: ${DEFAULT-VALUE}.")
  int functionConcurrency;

  @Option(
      names = "--function-idle-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "${env:SLUICE_FUNCTION_IDLE_TIMEOUT:-10m}",
      description =
          "How long an idle Lambda execution environment is kept warm, e.g. 90s, 10m, 1h"
              + " (SLUICE_FUNCTION_IDLE_TIMEOUT). Default: 10m.")
  Duration functionIdleTimeout;

  @Option(
      names = "--logs-max-size",
      paramLabel = "SIZE",
      converter = ByteSizeConverter.class,
      defaultValue = "${env:SLUICE_LOGS_MAX_SIZE:-" + ServerConfig.DEFAULT_LOGS_MAX_SIZE + "}",
      description =
          "Log events the Logs store keeps before dropping the oldest, e.g. 256MiB"
              + " (SLUICE_LOGS_MAX_SIZE). Default: ${DEFAULT-VALUE} bytes.")
  int logsMaxSize;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SluiceServer server;
    LeakDetection.offUnlessAsked();
    try {
      server = SluiceServer.start(config());
    } catch (InvalidConfigException e) {
      return SluiceCommand.usageError(spec.commandLine(), e.getMessage());
    } catch (ServerStartException e) {
      err.println("sluice: " + e.getMessage());
      err.flush();
      return 1;
    }
    GracefulTermination.closeOnTermination(server);
    out.println("Sluice ready on " + server.endpoint());
    out.flush();
    return server.awaitClosed() ? 0 : 1;
  }

  private ServerConfig config() {
    return ServerConfig.builder()
        .host(host)
        .port(port)
        .dataDir(dataDir)
        .store(store)
        .accountId(accountId)
        .region(region)
        .credentialsFile(credentials)
        .maxRequestSize(maxRequestSize)
        .functionConcurrency(functionConcurrency)
        .functionIdleTimeout(functionIdleTimeout)
        .logsMaxSize(logsMaxSize)
        .build();
  }

  static final class StoreKindConverter implements ITypeConverter<StoreKind> {
    @Override
    public StoreKind convert(String value) {
      try {
        return StoreKind.fromCliName(value);
      } catch (InvalidConfigException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return DurationText.parse(value);
      } catch (InvalidConfigException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class ByteSizeConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        return ByteSize.parse(value);
      } catch (InvalidConfigException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
