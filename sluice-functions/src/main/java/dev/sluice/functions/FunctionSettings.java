package dev.sluice.functions;

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
 */
public record FunctionSettings(
    Path dataDir,
    String accountId,
    String region,
    String endpointUrl,
    Duration idleTimeout,
    Duration initTimeout,
    int concurrencyLimit) {

  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
  /** AWS's limit on the init phase. */
  public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(10);
  /** Server-wide concurrent invocations when not configured (AWS's default is 1000). */
  public static final int DEFAULT_CONCURRENCY_LIMIT = 64;

  public FunctionSettings(Path dataDir, String accountId, String region, String endpointUrl,
      Duration idleTimeout, Duration initTimeout) {
    this(dataDir, accountId, region, endpointUrl, idleTimeout, initTimeout,
        DEFAULT_CONCURRENCY_LIMIT);
  }

  public static FunctionSettings of(
      Path dataDir, String accountId, String region, String endpointUrl) {
    return new FunctionSettings(
        dataDir, accountId, region, endpointUrl, DEFAULT_IDLE_TIMEOUT, DEFAULT_INIT_TIMEOUT);
  }

  public FunctionSettings withIdleTimeout(Duration idle) {
    return new FunctionSettings(
        dataDir, accountId, region, endpointUrl, idle, initTimeout, concurrencyLimit);
  }

  public FunctionSettings withConcurrencyLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("The concurrency limit must be at least 1: " + limit);
    }
    return new FunctionSettings(
        dataDir, accountId, region, endpointUrl, idleTimeout, initTimeout, limit);
  }

  public Path functionsDir() {
    return dataDir.resolve("functions");
  }

  public String functionArn(String name) {
    return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
  }
}
