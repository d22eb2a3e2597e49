package dev.sluice.protocol.aws.sqs;

import dev.sluice.core.queue.SqsError;
import dev.sluice.core.queue.SqsException;
import dev.sluice.protocol.aws.AwsHttpRequest;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Queue URLs, both ways. Sluice answers with {@code http://HOST:PORT/ACCOUNT/NAME}, HOST:PORT being
 * what the client addressed, and accepts any URL whose path is {@code /ACCOUNT/NAME} whatever its
 * host (so {@code https://sqs.us-east-1.amazonaws.com/000000000000/orders} works), because clients
 * keep URLs from config files and other environments.
 */
final class QueueUrls {

  // A Host header is echoed into every URL we answer with: accept host names, IPv4/IPv6, port.
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-_\\[\\]:]{1,300}");

  // perf: every request names its queue by URL and comes with a Host header, and parsing them
  // (java.net.URI, a regex) showed in the send path's profile; clients repeat the same few
  // values. Only good answers are kept; cleared when full, so a stream of distinct junk costs
  // memory no more than this many entries.
  static final int CACHE_LIMIT = 1024;

  private final String accountId;
  private final String fallbackBaseUrl;
  private final Map<String, String> namesByUrl = new ConcurrentHashMap<>();
  private final Map<String, String> baseUrlsByHost = new ConcurrentHashMap<>();

  QueueUrls(String accountId, String fallbackBaseUrl) {
    this.accountId = accountId;
    this.fallbackBaseUrl = fallbackBaseUrl;
  }

  /** {@code http://HOST:PORT} of this request, from its Host header. */
  String baseUrl(AwsHttpRequest request) {
    String host = request.header("host");
    if (host == null) {
      return fallbackBaseUrl;
    }
    String known = baseUrlsByHost.get(host);
    if (known != null) {
      return known;
    }
    if (!HOST.matcher(host).matches()) {
      return fallbackBaseUrl;
    }
    return remember(baseUrlsByHost, host, "http://" + host);
  }

  String url(String baseUrl, String queueName) {
    return baseUrl + "/" + accountId + "/" + queueName;
  }

  /**
   * The queue a QueueUrl names.
   *
   * @throws SqsException InvalidAddress when it is no queue URL, QueueDoesNotExist when it names
   *     another account's queue
   */
  String queueName(String queueUrl) {
    String known = namesByUrl.get(queueUrl);
    if (known != null) {
      return known;
    }
    return remember(namesByUrl, queueUrl, parseQueueName(queueUrl));
  }

  private String parseQueueName(String queueUrl) {
    String path = queueUrl;
    if (queueUrl.contains("://")) {
      try {
        path = URI.create(queueUrl).getRawPath();
      } catch (IllegalArgumentException e) {
        throw invalidAddress(queueUrl);
      }
    }
    String[] segments = segments(path);
    if (segments == null) {
      throw invalidAddress(queueUrl);
    }
    if (!segments[0].equals(accountId)) {
      throw SqsException.queueDoesNotExist();
    }
    return segments[1];
  }

  private static String remember(Map<String, String> cache, String key, String value) {
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(key, value);
    return value;
  }

  /** True if the path addresses a queue ({@code /ACCOUNT/NAME}), whichever account. */
  static boolean isQueuePath(String path) {
    String[] segments = segments(path);
    return segments != null && segments[0].chars().allMatch(Character::isDigit);
  }

  private static String[] segments(String path) {
    if (path == null) {
      return null;
    }
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    String[] segments = trimmed.split("/", -1);
    if (segments.length != 2 || segments[0].isEmpty() || segments[1].isEmpty()) {
      return null;
    }
    return segments;
  }

  private static SqsException invalidAddress(String queueUrl) {
    return new SqsException(SqsError.INVALID_ADDRESS,
        "The address " + queueUrl + " is not valid for this endpoint.");
  }
}
