package dev.sluice.functions;

import dev.sluice.functions.logs.LogStore;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the function service runs.
 *
 * @param dataDir the server's data directory; functions live in {@code <dataDir>/functions}
 * @param accountId the account in function ARNs
 * @param region the region in function ARNs and in AWS_REGION
 * @param endpointUrl where functions reach Sluice (AWS_ENDPOINT_URL)
 * @param idleTimeout how long an idle execution environment lives before it is reaped
 * @param initTimeout how long a new environment may take to ask for its first invocation
 * @param concurrencyLimit how many invocations may run at once, server-wide (AWS's account
 *     concurrency limit; reserved concurrency is carved out of it)
 * @param logsMaxBytes how many bytes of log events the Logs store keeps before it drops the
 *     oldest
 */
public record FunctionSettings(
    Path dataDir,
    String accountId,
    String region,
    String endpointUrl,
    Duration idleTimeout,
    Duration initTimeout,
    int concurrencyLimit,
    long logsMaxBytes) {

  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
  /** AWS's limit on the init phase. */
  public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(10);
  /** Server-wide concurrent invocations when not configured (AWS's default is 1000). */
  public static final int DEFAULT_CONCURRENCY_LIMIT = 64;
  /** The Logs store's cap when not configured. */
  public static final long DEFAULT_LOGS_MAX_BYTES = LogStore.DEFAULT_MAX_STORED_BYTES;

  public FunctionSettings {
    if (concurrencyLimit < 1) {
      throw new IllegalArgumentException(
          "The concurrency limit must be at least 1: " + concurrencyLimit);
    }
    if (logsMaxBytes < 1) {
      throw new IllegalArgumentException("The logs' size cap must be positive: " + logsMaxBytes);
    }
  }

  public FunctionSettings(Path dataDir, String accountId, String region, String endpointUrl,
      Duration idleTimeout, Duration initTimeout) {
    this(dataDir, accountId, region, endpointUrl, idleTimeout, initTimeout,
        DEFAULT_CONCURRENCY_LIMIT, DEFAULT_LOGS_MAX_BYTES);
  }

  public static FunctionSettings of(
      Path dataDir, String accountId, String region, String endpointUrl) {
    return new FunctionSettings(
        dataDir, accountId, region, endpointUrl, DEFAULT_IDLE_TIMEOUT, DEFAULT_INIT_TIMEOUT);
  }

  public FunctionSettings withIdleTimeout(Duration idle) {
    return new FunctionSettings(
        dataDir, accountId, region, endpointUrl, idle, initTimeout, concurrencyLimit,
        logsMaxBytes);
  }

  public FunctionSettings withConcurrencyLimit(int limit) {
    return new FunctionSettings(
        dataDir, accountId, region, endpointUrl, idleTimeout, initTimeout, limit, logsMaxBytes);
  }

  public FunctionSettings withLogsMaxBytes(long maxBytes) {
    return new FunctionSettings(dataDir, accountId, region, endpointUrl, idleTimeout,
        initTimeout, concurrencyLimit, maxBytes);
  }

  public Path functionsDir() {
    return dataDir.resolve("functions");
  }

  public String functionArn(String name) {
    return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
  }
}
