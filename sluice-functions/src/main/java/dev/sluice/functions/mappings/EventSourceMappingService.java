package dev.sluice.functions.mappings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.queue.QueueService;
import dev.sluice.core.queue.SqsError;
import dev.sluice.core.queue.SqsException;
import dev.sluice.core.time.TimeSource;
import dev.sluice.functions.FunctionException;
import dev.sluice.functions.LambdaError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda's SQS event-source mappings as typed calls: durable through a {@link MappingStore}, each
 * enabled mapping fed by a {@link MappingPoller}. Changes finish before they are answered (the
 * poller is started, replaced or stopped), so stored states are Enabled or Disabled; answers to
 * changes report AWS's transitional states (Creating, Updating, Enabling, Disabling, Deleting),
 * as AWS's do, and the next read reports the settled one.
 *
 * <p>Changes are serialised by this object's lock; reads take none.
 */
public final class EventSourceMappingService implements AutoCloseable {

  public static final int DEFAULT_BATCH_SIZE = 10;
  public static final int MAX_BATCH_SIZE = 10_000;
  public static final int MAX_BATCHING_WINDOW_SECONDS = 300;
  /** ScalingConfig.MaximumConcurrency's range (AWS's). */
  public static final int MIN_CONCURRENCY = 2;
  public static final int MAX_CONCURRENCY = 1000;
  /**
   * Concurrent batches per mapping without a ScalingConfig. AWS scales to hundreds; one server
   * running OS processes per environment stops well before that.
   */
  public static final int DEFAULT_CONCURRENCY = 5;
  public static final int DEFAULT_PAGE_SIZE = 100;
  /** AWS's limit on FilterCriteria.Filters per mapping. */
  public static final int MAX_FILTERS = 5;

  private static final Pattern SQS_ARN =
      Pattern.compile("arn:aws[a-zA-Z-]*:sqs:[a-z0-9-]+:\\d{12}:[a-zA-Z0-9_-]{1,80}(\\.fifo)?");
  private static final Logger log = LoggerFactory.getLogger(EventSourceMappingService.class);

  private final MappingStore store;
  private final QueueService queues;
  private final MappedFunctions functions;
  private final RecordFilters filters;
  private final TimeSource time;
  private final Executor executor;
  private final String region;
  private final String accountId;
  private final NavigableMap<String, EventSourceMapping> mappings = new ConcurrentSkipListMap<>();
  private final Map<String, MappingPoller> pollers = new HashMap<>();
  private boolean closed;

  public EventSourceMappingService(MappingStore store, QueueService queues,
      MappedFunctions functions, RecordFilters filters, TimeSource time, Executor executor) {
    this.store = store;
    this.filters = filters;
    this.queues = queues;
    this.functions = functions;
    this.time = time;
    this.executor = executor;
    this.region = queues.region();
    this.accountId = queues.accountId();
    store.loadAll().forEach(m -> mappings.put(m.uuid(), m));
  }

  /** Starts the pollers of the stored enabled mappings. */
  public synchronized void start() {
    mappings.values().forEach(this::startPoller);
    log.info("{} event-source mappings loaded, {} polling", mappings.size(), pollers.size());
  }

  public String arn(String uuid) {
    return "arn:aws:lambda:" + region + ":" + accountId + ":event-source-mapping:" + uuid;
  }

  public String functionArn(EventSourceMapping mapping) {
    return functions.arn(mapping.functionName());
  }

  public synchronized MappingView create(CreateMappingRequest request) {
    String arn = request.eventSourceArn();
    if (arn == null || !SQS_ARN.matcher(arn).matches()) {
      throw FunctionException.invalidParameter("Unrecognized event source.");
    }
    int batchSize = orDefault(request.batchSize(), DEFAULT_BATCH_SIZE);
    int window = orDefault(request.maximumBatchingWindowInSeconds(), 0);
    checkSettings(batchSize, window, request.functionResponseTypes(),
        request.maximumConcurrency());
    String function = functions.existingName(request.functionName());
    checkQueueExists(arn);
    for (EventSourceMapping existing : mappings.values()) {
      if (existing.eventSourceArn().equals(arn) && existing.functionName().equals(function)) {
        throw new FunctionException(LambdaError.RESOURCE_CONFLICT, "An event source mapping"
            + " with SQS arn (\" " + arn + " \") and function (\" " + function + " \") already"
            + " exists. Please update or delete the existing mapping with UUID "
            + existing.uuid());
      }
    }
    boolean enabled = request.enabled() == null || request.enabled();
    List<String> patterns = request.filterPatterns() == null ? List.of() : request.filterPatterns();
    filterOf(patterns);
    EventSourceMapping mapping = new EventSourceMapping(UUID.randomUUID().toString(), arn,
        function, batchSize, window, request.functionResponseTypes(),
        request.maximumConcurrency(), patterns, enabled, time.nowMillis());
    store.save(mapping);
    mappings.put(mapping.uuid(), mapping);
    startPoller(mapping);
    return new MappingView(mapping, enabled ? MappingState.CREATING : MappingState.DISABLED);
  }

  public MappingView get(String uuid) {
    EventSourceMapping mapping = existing(uuid);
    return new MappingView(mapping, mapping.settledState());
  }

  /**
   * Mappings in UUID order after {@code marker}, optionally only those of one queue and/or one
   * function.
   */
  public MappingPage list(String eventSourceArn, String functionName, String marker,
      Integer maxItems) {
    if (maxItems != null && (maxItems < 1 || maxItems > MAX_BATCH_SIZE)) {
      throw validation(maxItems, "maxItems", maxItems < 1
          ? "greater than or equal to 1" : "less than or equal to " + MAX_BATCH_SIZE);
    }
    String function = functionName == null ? null : functionNameOf(functionName);
    int size = maxItems == null ? DEFAULT_PAGE_SIZE : maxItems;
    List<EventSourceMapping> page = new ArrayList<>();
    NavigableMap<String, EventSourceMapping> rest =
        marker == null || marker.isEmpty() ? mappings : mappings.tailMap(marker, false);
    for (EventSourceMapping mapping : rest.values()) {
      if ((eventSourceArn != null && !eventSourceArn.equals(mapping.eventSourceArn()))
          || (function != null && !function.equals(mapping.functionName()))) {
        continue;
      }
      if (page.size() == size) {
        return new MappingPage(page, page.get(page.size() - 1).uuid());
      }
      page.add(mapping);
    }
    return new MappingPage(page, null);
  }

  public synchronized MappingView update(String uuid, MappingUpdate update) {
    EventSourceMapping current = existing(uuid);
    int batchSize = orDefault(update.batchSize(), current.batchSize());
    int window = orDefault(update.maximumBatchingWindowInSeconds(),
        current.maximumBatchingWindowInSeconds());
    List<String> responseTypes = update.functionResponseTypes() != null
        ? update.functionResponseTypes() : current.functionResponseTypes();
    Integer concurrency = update.scalingConfigGiven()
        ? update.maximumConcurrency() : current.maximumConcurrency();
    checkSettings(batchSize, window, responseTypes, concurrency);
    String function = update.functionName() == null
        ? current.functionName() : functions.existingName(update.functionName());
    boolean enabled = update.enabled() == null ? current.enabled() : update.enabled();
    List<String> patterns = update.filterPatterns() == null
        ? current.filterPatterns() : update.filterPatterns();
    filterOf(patterns);
    EventSourceMapping updated = new EventSourceMapping(uuid, current.eventSourceArn(), function,
        batchSize, window, responseTypes, concurrency, patterns, enabled, time.nowMillis());
    store.save(updated);
    mappings.put(uuid, updated);
    stopPoller(uuid);
    startPoller(updated);
    MappingState answer = enabled == current.enabled() ? MappingState.UPDATING
        : enabled ? MappingState.ENABLING : MappingState.DISABLING;
    return new MappingView(updated, answer);
  }

  public synchronized MappingView delete(String uuid) {
    EventSourceMapping mapping = existing(uuid);
    stopPoller(uuid);
    store.delete(uuid);
    mappings.remove(uuid);
    return new MappingView(mapping, MappingState.DELETING);
  }

  /** Workers polling for a mapping now; 0 when it has no poller (for tests and metrics). */
  public synchronized int workers(String uuid) {
    MappingPoller poller = pollers.get(uuid);
    return poller == null ? 0 : poller.workers();
  }

  @Override
  public synchronized void close() {
    closed = true;
    pollers.values().forEach(MappingPoller::stop);
    pollers.clear();
  }

  private void startPoller(EventSourceMapping mapping) {
    if (!mapping.enabled() || closed) {
      return;
    }
    int workers = mapping.maximumConcurrency() == null
        ? DEFAULT_CONCURRENCY : mapping.maximumConcurrency();
    MappingPoller poller =
        new MappingPoller(mapping, queues, functions, filterOf(mapping.filterPatterns()), time,
            executor, region, workers);
    pollers.put(mapping.uuid(), poller);
    poller.start();
  }

  private void stopPoller(String uuid) {
    MappingPoller poller = pollers.remove(uuid);
    if (poller != null) {
      poller.stop();
    }
  }

  /** @throws FunctionException AWS's "Invalid filter pattern definition." */
  private Predicate<JsonNode> filterOf(List<String> patterns) {
    if (patterns.isEmpty()) {
      return record -> true;
    }
    if (patterns.size() > MAX_FILTERS) {
      throw FunctionException.invalidParameter("Invalid filter pattern definition.");
    }
    try {
      return filters.compile(patterns);
    } catch (IllegalArgumentException e) {
      throw FunctionException.invalidParameter("Invalid filter pattern definition.");
    }
  }

  private EventSourceMapping existing(String uuid) {
    EventSourceMapping mapping = uuid == null ? null : mappings.get(uuid);
    if (mapping == null) {
      throw new FunctionException(
          LambdaError.RESOURCE_NOT_FOUND, "The resource you requested does not exist.");
    }
    return mapping;
  }

  private String functionNameOf(String given) {
    try {
      return functions.existingName(given);
    } catch (FunctionException e) {
      // Listing by a function that does not exist lists nothing; keep the name to compare.
      String last = given.substring(given.lastIndexOf(':') + 1);
      return given.contains(":function:") ? last : given;
    }
  }

  private void checkQueueExists(String arn) {
    String queueName = arn.substring(arn.lastIndexOf(':') + 1);
    try {
      queues.getQueueUrl(queueName, null).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof SqsException sqs
          && sqs.error() == SqsError.QUEUE_DOES_NOT_EXIST) {
        throw FunctionException.invalidParameter("Error occurred while ReceiveMessage. SQS Error"
            + " Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified"
            + " queue does not exist.");
      }
      throw e;
    }
  }

  private static void checkSettings(int batchSize, int window, List<String> responseTypes,
      Integer concurrency) {
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw validation(batchSize, "batchSize", batchSize < 1
          ? "greater than or equal to 1" : "less than or equal to " + MAX_BATCH_SIZE);
    }
    if (window < 0 || window > MAX_BATCHING_WINDOW_SECONDS) {
      throw validation(window, "maximumBatchingWindowInSeconds", window < 0
          ? "greater than or equal to 0" : "less than or equal to " + MAX_BATCHING_WINDOW_SECONDS);
    }
    if (concurrency != null && (concurrency < MIN_CONCURRENCY || concurrency > MAX_CONCURRENCY)) {
      throw validation(concurrency, "scalingConfig.maximumConcurrency",
          concurrency < MIN_CONCURRENCY ? "greater than or equal to " + MIN_CONCURRENCY
              : "less than or equal to " + MAX_CONCURRENCY);
    }
    if (responseTypes != null) {
      for (String type : responseTypes) {
        if (!EventSourceMapping.REPORT_BATCH_ITEM_FAILURES.equals(type)) {
          throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected:"
              + " Value '" + responseTypes + "' at 'functionResponseTypes' failed to satisfy"
              + " constraint: Member must satisfy constraint: [Member must satisfy enum value"
              + " set: [ReportBatchItemFailures]]");
        }
      }
    }
    if (batchSize > 10 && window == 0) {
      throw FunctionException.invalidParameter("Maximum batch window in seconds must be greater"
          + " than 0 if maximum batch size is greater than 10");
    }
  }

  private static FunctionException validation(int value, String field, String constraint) {
    return new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value '"
        + value + "' at '" + field + "' failed to satisfy constraint: Member must have value "
        + constraint);
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
