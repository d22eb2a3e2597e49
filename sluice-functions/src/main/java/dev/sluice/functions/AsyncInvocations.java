package dev.sluice.functions;

import dev.sluice.core.time.TimeSource;
import dev.sluice.functions.async.DeadLetter;
import dev.sluice.functions.async.DestinationSender;
import dev.sluice.functions.async.EventQueue;
import dev.sluice.functions.async.InvocationRecord;
import dev.sluice.functions.async.QueuedEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Event invocations: stored in the {@link EventQueue} before the caller hears 202, run by the
 * {@link FunctionInvoker}, retried and routed to destinations as the function's
 * EventInvokeConfigs (one per qualifier, Put/Get/Update/Delete/List here) say. An event that
 * failed for good with no on-failure destination goes to the function's dead-letter queue
 * (DeadLetterConfig), if it has one.
 */
final class AsyncInvocations implements AutoCloseable {

  /** How many Event invocations run at once, server-wide. */
  static final int MAX_CONCURRENT_EVENTS = 10;

  private final FunctionRegistry registry;
  private final TimeSource time;
  private final DestinationSender destinations;
  private final EventQueue events;

  AsyncInvocations(Path eventsDir, FunctionRegistry registry, FunctionInvoker invoker,
      TimeSource time, DestinationSender destinations) {
    this.registry = registry;
    this.time = time;
    this.destinations = destinations;
    this.events = new EventQueue(eventsDir, time, MAX_CONCURRENT_EVENTS, invoker::runEvent,
        new AsyncPolicy());
  }

  /** Runs the events a previous run left stored (once everything they need is ready). */
  void recover() {
    events.recover();
  }

  /**
   * Stores an Event invocation of {@code function} as {@code qualifier} named it; it is durable
   * when the future completes. A payload over the limit is refused at once (thrown).
   */
  CompletableFuture<Void> enqueue(FunctionDefinition function, String qualifier, byte[] payload,
      String clientContext) {
    if (payload.length > FunctionService.MAX_ASYNC_PAYLOAD) {
      throw new FunctionException(LambdaError.REQUEST_TOO_LARGE, "Request must be smaller"
          + " than " + FunctionService.MAX_ASYNC_PAYLOAD + " bytes for the InvokeFunction"
          + " operation");
    }
    return events.enqueueDurably(new QueuedEvent(UUID.randomUUID().toString(), function.name(),
        payload, clientContext, time.nowMillis(), 0, 0, qualifier));
  }

  List<QueuedEvent> pending() {
    return events.pending();
  }

  /**
   * PutFunctionEventInvokeConfig ({@code merge} false: replaces) or UpdateFunctionEventInvoke
   * Config ({@code merge} true: changes only the given fields).
   */
  EventInvokeConfig putConfig(String functionName, String qualifier, Integer retries,
      Integer maxAgeSeconds, String onSuccess, String onFailure, boolean merge) {
    checkLimits(retries, maxAgeSeconds);
    FunctionName name = FunctionName.forLookup(functionName, qualifier);
    synchronized (registry) {
      FunctionDefinition target;
      try {
        target = registry.resolve(name, false);
      } catch (FunctionException e) {
        throw new FunctionException(LambdaError.RESOURCE_NOT_FOUND, "The function doesn't exist.");
      }
      String success = emptyToNull(onSuccess);
      String failure = emptyToNull(onFailure);
      if (!merge && retries == null && maxAgeSeconds == null && onSuccess == null
          && onFailure == null) {
        throw FunctionException.invalidParameter(
            "You must specify at least one of error handling or destination setting.");
      }
      checkDestination(target.name(), success, failure, success);
      checkDestination(target.name(), success, failure, failure);
      String key = keyOf(name.qualifier());
      FunctionExtras current = registry.extrasOf(target.name());
      EventInvokeConfig given = new EventInvokeConfig(
          retries, maxAgeSeconds, success, failure, time.nowMillis());
      EventInvokeConfig existingConfig = current.eventInvokeConfigs().get(key);
      EventInvokeConfig config = merge && existingConfig != null
          ? existingConfig.mergedWith(given) : given;
      registry.saveExtras(current.withEventInvokeConfig(key, config));
      return config;
    }
  }

  EventInvokeConfig getConfig(String functionName, String qualifier) {
    FunctionName name = FunctionName.forLookup(functionName, qualifier);
    String key = keyOf(name.qualifier());
    EventInvokeConfig config = registry.exists(name.name())
        ? registry.extrasOf(name.name()).eventInvokeConfigs().get(key) : null;
    if (config == null) {
      throw new FunctionException(LambdaError.RESOURCE_NOT_FOUND, "The function "
          + registry.arn(name.name()) + ":" + key + " doesn't have an EventInvokeConfig");
    }
    return config;
  }

  void deleteConfig(String functionName, String qualifier) {
    synchronized (registry) {
      getConfig(functionName, qualifier);
      FunctionName name = FunctionName.forLookup(functionName, qualifier);
      registry.saveExtras(registry.extrasOf(name.name())
          .withEventInvokeConfig(keyOf(name.qualifier()), null));
    }
  }

  /** The function's configs by qualifier ($LATEST first, then versions and aliases). */
  Map<String, EventInvokeConfig> listConfigs(String functionName) {
    FunctionName name = FunctionName.forLookup(functionName, null);
    if (!registry.exists(name.name())) {
      throw new FunctionException(LambdaError.RESOURCE_NOT_FOUND, "The function doesn't exist.");
    }
    Map<String, EventInvokeConfig> sorted = new TreeMap<>(
        Comparator.comparing((String q) -> !q.equals(FunctionDefinition.LATEST))
            .thenComparing(q -> q));
    sorted.putAll(registry.extrasOf(name.name()).eventInvokeConfigs());
    return sorted;
  }

  @Override
  public void close() {
    events.close();
  }

  private static void checkLimits(Integer retries, Integer maxAgeSeconds) {
    List<String> errors = new ArrayList<>();
    if (retries != null && (retries < 0 || retries > EventInvokeConfig.DEFAULT_RETRIES)) {
      errors.add("Value '" + retries + "' at 'maximumRetryAttempts' failed to satisfy constraint:"
          + " Member must have value " + (retries < 0 ? "greater than or equal to 0"
          : "less than or equal to 2"));
    }
    if (maxAgeSeconds != null && (maxAgeSeconds < 60
        || maxAgeSeconds > EventInvokeConfig.DEFAULT_MAX_AGE_SECONDS)) {
      errors.add("Value '" + maxAgeSeconds + "' at 'maximumEventAgeInSeconds' failed to satisfy"
          + " constraint: Member must have value " + (maxAgeSeconds < 60
          ? "greater than or equal to 60" : "less than or equal to 21600"));
    }
    if (!errors.isEmpty()) {
      throw new FunctionException(LambdaError.VALIDATION, (errors.size() == 1
          ? "1 validation error" : errors.size() + " validation errors") + " detected: "
          + String.join("; ", errors));
    }
  }

  private void checkDestination(String self, String onSuccess, String onFailure, String arn) {
    if (arn == null) {
      return;
    }
    String service = arn.startsWith("arn:") && arn.split(":").length > 2 ? arn.split(":")[2] : "";
    if (service.equals("lambda")) {
      FunctionName target;
      try {
        target = FunctionName.forLookup(arn, null);
      } catch (FunctionException e) {
        throw FunctionException.invalidParameter("The destination ARN " + arn + " is invalid.");
      }
      if (target.name().equals(self)) {
        throw FunctionException.invalidParameter(
            "You can't specify the function as a destination for itself.");
      }
      if (!registry.exists(target.name())) {
        throw FunctionException.invalidParameter("The destination ARN " + arn + " is invalid.");
      }
      return;
    }
    if (!service.equals("sqs")) {
      throw FunctionException.invalidParameter("The provided destination config"
          + " DestinationConfig(onSuccess=" + (onSuccess == null ? "null"
          : "OnSuccess(destination=" + onSuccess + ")") + ", onFailure=" + (onFailure == null
          ? "null" : "OnFailure(destination=" + onFailure + ")") + ") is invalid.");
    }
  }

  private static String keyOf(String qualifier) {
    return qualifier == null ? FunctionDefinition.LATEST : qualifier;
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  private EventInvokeConfig configFor(QueuedEvent event) {
    EventInvokeConfig config = registry.extrasOf(event.functionName()).eventInvokeConfigs()
        .get(keyOf(event.qualifier()));
    return config != null ? config : new EventInvokeConfig(null, null, null, null, 0);
  }

  // The DeadLetterConfig of the version that ran (or that the qualifier names now).
  private String deadLetterQueueOf(QueuedEvent event, EventQueue.Run last) {
    String version = last != null && last.executedVersion() != null
        ? last.executedVersion() : event.qualifier();
    try {
      return registry.resolve(new FunctionName(event.functionName(), version), false)
          .deadLetterTargetArn();
    } catch (FunctionException e) {
      return null; // the function or version is gone: nowhere to send it
    }
  }

  /** Retries and destinations of Event invocations, from the functions' EventInvokeConfigs. */
  private final class AsyncPolicy implements EventQueue.Policy {

    @Override
    public int maxRetries(QueuedEvent event) {
      return configFor(event).retriesOrDefault();
    }

    @Override
    public long maxAgeMillis(QueuedEvent event) {
      return configFor(event).maxAgeOrDefault() * 1000L;
    }

    @Override
    public CompletableFuture<Void> ended(
        QueuedEvent event, EventQueue.Condition condition, EventQueue.Run last) {
      EventInvokeConfig config = configFor(event);
      String destination = condition == EventQueue.Condition.SUCCESS
          ? config.onSuccess() : config.onFailure();
      if (destination == null && condition != EventQueue.Condition.SUCCESS) {
        String deadLetterQueue = deadLetterQueueOf(event, last);
        return deadLetterQueue == null ? CompletableFuture.completedFuture(null)
            : destinations.sendDeadLetter(deadLetterQueue, DeadLetter.of(event, condition, last));
      }
      if (destination == null) {
        return CompletableFuture.completedFuture(null);
      }
      String record = InvocationRecord.of(event, condition, last,
          registry.arn(event.functionName()) + ":" + keyOf(event.qualifier()), time.nowMillis());
      String[] arnParts = destination.split(":");
      if (arnParts.length > 2 && arnParts[2].equals("sqs")) {
        return destinations.sendToQueue(destination, record);
      }
      // A function destination gets the record as an asynchronous invocation of its own.
      FunctionName target = FunctionName.forLookup(destination, null);
      return enqueue(registry.resolve(target, true), target.qualifier(),
          record.getBytes(StandardCharsets.UTF_8), null);
    }
  }
}
