package dev.sluice.server;

import dev.sluice.functions.FunctionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the server is started with. Immutable: it is checked once, when built, and cannot
 * change while the server runs. Every default is a named constant; the command line and the {@code
 * SLUICE_*} environment variables only override them.
 *
 * @param credentialsFile an AWS shared-credentials file; null leaves SigV4 verification off
 * @param functionConcurrency how many Lambda invocations run at once, server-wide
 * @param functionIdleTimeout how long an idle execution environment lives
 * @param logsMaxSize how many bytes of log events the Logs store keeps
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    String accountId,
    String region,
    Path credentialsFile,
    StoreKind store,
    int maxRequestSize,
    int functionConcurrency,
    Duration functionIdleTimeout,
    int logsMaxSize) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 4566;
  public static final String DEFAULT_DATA_DIR = "./data";
  public static final String DEFAULT_ACCOUNT_ID = "000000000000";
  public static final String DEFAULT_REGION = "us-east-1";
  public static final StoreKind DEFAULT_STORE = StoreKind.EMBEDDED;

  /**
   * 8 MiB. Room for an SQS batch at its 1 MiB limit after base64 and Query form-encoding (which can
   * triple a binary payload), and for Lambda's 6 MB invocation payloads later.
   */
  public static final int DEFAULT_MAX_REQUEST_SIZE = 8 * 1024 * 1024;

  public static final int MIN_MAX_REQUEST_SIZE = 64 * 1024;
  public static final int MAX_MAX_REQUEST_SIZE = 1024 * 1024 * 1024;

  /** Lambda's account concurrency in Sluice (AWS's default is 1000; processes are heavier). */
  public static final int DEFAULT_FUNCTION_CONCURRENCY = FunctionSettings.DEFAULT_CONCURRENCY_LIMIT;

  public static final int MAX_FUNCTION_CONCURRENCY = 10_000;
  public static final Duration DEFAULT_FUNCTION_IDLE_TIMEOUT =
      FunctionSettings.DEFAULT_IDLE_TIMEOUT;
  public static final int DEFAULT_LOGS_MAX_SIZE = (int) FunctionSettings.DEFAULT_LOGS_MAX_BYTES;
  public static final int MIN_LOGS_MAX_SIZE = 1024 * 1024;

  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  // us-east-1, eu-central-2, us-gov-west-1, cn-northwest-1, ...
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

  public ServerConfig {
    Objects.requireNonNull(store, "store");
    if (host == null || host.isBlank()) {
      throw new InvalidConfigException("Invalid host '" + host + "': must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new InvalidConfigException(
          "Invalid port " + port + ": must be between 0 and 65535 (0 picks a free port)");
    }
    if (dataDir == null) {
      throw new InvalidConfigException("Invalid data directory: must be given");
    }
    if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
      throw new InvalidConfigException(
          "Invalid account id '" + accountId + "': must be exactly 12 digits");
    }
    if (region == null || !REGION.matcher(region).matches()) {
      throw new InvalidConfigException(
          "Invalid region '" + region + "': expected an AWS region name such as us-east-1");
    }
    if (credentialsFile != null && !Files.isRegularFile(credentialsFile)) {
      throw new InvalidConfigException(
          "Invalid credentials file '" + credentialsFile + "': no such file");
    }
    if (credentialsFile != null && !Files.isReadable(credentialsFile)) {
      throw new InvalidConfigException(
          "Invalid credentials file '" + credentialsFile + "': not readable");
    }
    if (maxRequestSize < MIN_MAX_REQUEST_SIZE || maxRequestSize > MAX_MAX_REQUEST_SIZE) {
      throw new InvalidConfigException(
          "Invalid max request size "
              + maxRequestSize
              + ": must be between "
              + ByteSize.format(MIN_MAX_REQUEST_SIZE)
              + " and "
              + ByteSize.format(MAX_MAX_REQUEST_SIZE));
    }
    if (functionConcurrency < 1 || functionConcurrency > MAX_FUNCTION_CONCURRENCY) {
      throw new InvalidConfigException("Invalid function concurrency " + functionConcurrency
          + ": must be between 1 and " + MAX_FUNCTION_CONCURRENCY);
    }
    if (functionIdleTimeout == null || functionIdleTimeout.toMillis() < 1) {
      throw new InvalidConfigException(
          "Invalid function idle timeout " + functionIdleTimeout + ": must be positive");
    }
    if (logsMaxSize < MIN_LOGS_MAX_SIZE) {
      throw new InvalidConfigException("Invalid logs max size " + logsMaxSize
          + ": must be at least " + ByteSize.format(MIN_LOGS_MAX_SIZE));
    }
  }

  /** The defaults; {@code builder().build()} is a valid configuration. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder()
        .host(host)
        .port(port)
        .dataDir(dataDir)
        .accountId(accountId)
        .region(region)
        .credentialsFile(credentialsFile)
        .store(store)
        .maxRequestSize(maxRequestSize)
        .functionConcurrency(functionConcurrency)
        .functionIdleTimeout(functionIdleTimeout)
        .logsMaxSize(logsMaxSize);
  }

  /** Collects values; {@link #build()} validates them all at once. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private Path dataDir = Path.of(DEFAULT_DATA_DIR);
    private String accountId = DEFAULT_ACCOUNT_ID;
    private String region = DEFAULT_REGION;
    private Path credentialsFile;
    private StoreKind store = DEFAULT_STORE;
    private int maxRequestSize = DEFAULT_MAX_REQUEST_SIZE;
    private int functionConcurrency = DEFAULT_FUNCTION_CONCURRENCY;
    private Duration functionIdleTimeout = DEFAULT_FUNCTION_IDLE_TIMEOUT;
    private int logsMaxSize = DEFAULT_LOGS_MAX_SIZE;

    private Builder() {}

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    public Builder accountId(String accountId) {
      this.accountId = accountId;
      return this;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /** Null turns SigV4 verification off. */
    public Builder credentialsFile(Path credentialsFile) {
      this.credentialsFile = credentialsFile;
      return this;
    }

    public Builder store(StoreKind store) {
      this.store = store;
      return this;
    }

    public Builder maxRequestSize(int maxRequestSize) {
      this.maxRequestSize = maxRequestSize;
      return this;
    }

    public Builder functionConcurrency(int functionConcurrency) {
      this.functionConcurrency = functionConcurrency;
      return this;
    }

    public Builder functionIdleTimeout(Duration functionIdleTimeout) {
      this.functionIdleTimeout = functionIdleTimeout;
      return this;
    }

    public Builder logsMaxSize(int logsMaxSize) {
      this.logsMaxSize = logsMaxSize;
      return this;
    }

    /**
     * @throws InvalidConfigException naming the first bad value
     */
    public ServerConfig build() {
      return new ServerConfig(
          host, port, dataDir, accountId, region, credentialsFile, store, maxRequestSize,
          functionConcurrency, functionIdleTimeout, logsMaxSize);
    }
  }
}
