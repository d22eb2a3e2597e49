package dev.sluice.protocol.aws.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.functions.logs.EventsPage;
import dev.sluice.functions.logs.FilteredEvent;
import dev.sluice.functions.logs.LogEvent;
import dev.sluice.functions.logs.LogGroupInfo;
import dev.sluice.functions.logs.LogStore;
import dev.sluice.functions.logs.LogStreamInfo;
import dev.sluice.functions.logs.LogsException;
import dev.sluice.functions.logs.Page;
import dev.sluice.functions.logs.PutOutcome;
import dev.sluice.protocol.aws.AwsError;
import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.protocol.aws.AwsService;
import dev.sluice.protocol.aws.Caller;
import dev.sluice.protocol.aws.wire.Json;
import dev.sluice.protocol.aws.wire.Json11Actions;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * CloudWatch Logs over AWS JSON 1.1: {@code X-Amz-Target: Logs_20140328.<Action>}, signing name
 * {@code logs}, errors as {@code {"__type": "ResourceNotFoundException", "message": ...}}. Writes
 * reach files (PutLogEvents is fsynced before its answer), so actions run on {@code executor},
 * never on the caller's (event loop) thread.
 */
public final class LogsService implements AwsService {

  public static final String SIGNING_NAME = "logs";
  public static final String TARGET_PREFIX = "Logs_20140328.";

  private final LogStore logs;
  private final String arnPrefix;
  private final Json11Actions dispatch;

  /**
   * @param region and {@code accountId}: what ARNs say
   */
  public LogsService(LogStore logs, Executor executor, String region, String accountId) {
    this.logs = logs;
    this.arnPrefix = "arn:aws:logs:" + region + ":" + accountId + ":log-group:";
    this.dispatch = new Json11Actions("CloudWatch Logs", TARGET_PREFIX, Map.ofEntries(
        Map.entry("CreateLogGroup", this::createLogGroup),
        Map.entry("DeleteLogGroup", this::deleteLogGroup),
        Map.entry("DescribeLogGroups", this::describeLogGroups),
        Map.entry("PutRetentionPolicy", this::putRetentionPolicy),
        Map.entry("DeleteRetentionPolicy", this::deleteRetentionPolicy),
        Map.entry("CreateLogStream", this::createLogStream),
        Map.entry("DeleteLogStream", this::deleteLogStream),
        Map.entry("DescribeLogStreams", this::describeLogStreams),
        Map.entry("PutLogEvents", this::putLogEvents),
        Map.entry("GetLogEvents", this::getLogEvents),
        Map.entry("FilterLogEvents", this::filterLogEvents)), executor,
        LogsService::domainError);
  }

  /**
   * Threads for Logs actions when the server has no executor of its own for them: daemon
   * threads, at most 8, ended after a minute idle.
   */
  public static Executor sharedExecutor() {
    return SharedExecutor.INSTANCE;
  }

  private static final class SharedExecutor {
    static final java.util.concurrent.ThreadPoolExecutor INSTANCE = create();

    private static java.util.concurrent.ThreadPoolExecutor create() {
      var count = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(
          8, 8, 60, java.util.concurrent.TimeUnit.SECONDS,
          new java.util.concurrent.LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "sluice-logs-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });
      pool.allowCoreThreadTimeOut(true);
      return pool;
    }
  }

  @Override
  public String signingName() {
    return SIGNING_NAME;
  }

  @Override
  public boolean accepts(AwsHttpRequest request) {
    return dispatch.accepts(request);
  }

  @Override
  public CompletableFuture<AwsHttpResponse> handle(AwsHttpRequest request, Caller caller) {
    return dispatch.handle(request);
  }

  @Override
  public AwsHttpResponse refuse(AwsHttpRequest request, AwsError error) {
    return dispatch.refuse(error);
  }

  private static AwsError domainError(RuntimeException failure) {
    return failure instanceof LogsException e ? new AwsError(e.error().httpStatus(), e.error().shape(),
        e.error().shape(), e.getMessage(), false) : null;
  }

  // ---- groups

  private ObjectNode createLogGroup(JsonNode in) {
    logs.createLogGroup(LogsInput.text(in, "logGroupName"));
    return Json.object();
  }

  private ObjectNode deleteLogGroup(JsonNode in) {
    logs.deleteLogGroup(LogsInput.text(in, "logGroupName"));
    return Json.object();
  }

  private ObjectNode describeLogGroups(JsonNode in) {
    Page<LogGroupInfo> page = logs.describeLogGroups(LogsInput.text(in, "logGroupNamePrefix"),
        LogsInput.text(in, "logGroupNamePattern"), LogsInput.text(in, "nextToken"),
        LogsInput.integer(in, "limit"));
    ObjectNode out = Json.object();
    ArrayNode groups = out.putArray("logGroups");
    for (LogGroupInfo group : page.items()) {
      ObjectNode node = groups.addObject()
          .put("logGroupName", group.name())
          .put("creationTime", group.creationTime());
      if (group.retentionInDays() != null) {
        node.put("retentionInDays", group.retentionInDays());
      }
      node.put("metricFilterCount", 0)
          .put("arn", arnPrefix + group.name() + ":*")
          .put("storedBytes", group.storedBytes())
          .put("logGroupClass", "STANDARD")
          .put("logGroupArn", arnPrefix + group.name())
          .put("deletionProtectionEnabled", false);
    }
    return withToken(out, "nextToken", page.nextToken());
  }

  private ObjectNode putRetentionPolicy(JsonNode in) {
    logs.putRetentionPolicy(LogsInput.text(in, "logGroupName"),
        LogsInput.integer(in, "retentionInDays"));
    return Json.object();
  }

  private ObjectNode deleteRetentionPolicy(JsonNode in) {
    logs.deleteRetentionPolicy(LogsInput.text(in, "logGroupName"));
    return Json.object();
  }

  // ---- streams

  private ObjectNode createLogStream(JsonNode in) {
    logs.createLogStream(LogsInput.text(in, "logGroupName"), LogsInput.text(in, "logStreamName"));
    return Json.object();
  }

  private ObjectNode deleteLogStream(JsonNode in) {
    logs.deleteLogStream(LogsInput.text(in, "logGroupName"), LogsInput.text(in, "logStreamName"));
    return Json.object();
  }

  private ObjectNode describeLogStreams(JsonNode in) {
    String group = LogsInput.logGroup(in);
    Page<LogStreamInfo> page = logs.describeLogStreams(group,
        LogsInput.text(in, "logStreamNamePrefix"), LogsInput.text(in, "orderBy"),
        LogsInput.flag(in, "descending"), LogsInput.text(in, "nextToken"),
        LogsInput.integer(in, "limit"));
    ObjectNode out = Json.object();
    ArrayNode streams = out.putArray("logStreams");
    for (LogStreamInfo stream : page.items()) {
      ObjectNode node = streams.addObject()
          .put("logStreamName", stream.name())
          .put("creationTime", stream.creationTime());
      if (stream.firstEventTimestamp() != null) {
        node.put("firstEventTimestamp", stream.firstEventTimestamp())
            .put("lastEventTimestamp", stream.lastEventTimestamp());
      }
      if (stream.lastIngestionTime() != null) {
        node.put("lastIngestionTime", stream.lastIngestionTime());
      }
      // storedBytes is deprecated at AWS and always 0 there.
      node.put("arn", arnPrefix + group + ":log-stream:" + stream.name()).put("storedBytes", 0);
    }
    return withToken(out, "nextToken", page.nextToken());
  }

  // ---- events

  private ObjectNode putLogEvents(JsonNode in) {
    PutOutcome outcome = logs.putLogEvents(LogsInput.text(in, "logGroupName"),
        LogsInput.text(in, "logStreamName"), LogsInput.events(in));
    ObjectNode out = Json.object().put("nextSequenceToken", outcome.nextSequenceToken());
    if (outcome.anyRejected()) {
      ObjectNode rejected = out.putObject("rejectedLogEventsInfo");
      if (outcome.tooNewLogEventStartIndex() != null) {
        rejected.put("tooNewLogEventStartIndex", outcome.tooNewLogEventStartIndex());
      }
      if (outcome.tooOldLogEventEndIndex() != null) {
        rejected.put("tooOldLogEventEndIndex", outcome.tooOldLogEventEndIndex());
      }
      if (outcome.expiredLogEventEndIndex() != null) {
        rejected.put("expiredLogEventEndIndex", outcome.expiredLogEventEndIndex());
      }
    }
    return out;
  }

  private ObjectNode getLogEvents(JsonNode in) {
    EventsPage page = logs.getLogEvents(LogsInput.logGroup(in),
        LogsInput.text(in, "logStreamName"), LogsInput.longValue(in, "startTime"),
        LogsInput.longValue(in, "endTime"), LogsInput.text(in, "nextToken"),
        LogsInput.integer(in, "limit"), LogsInput.flag(in, "startFromHead"));
    ObjectNode out = Json.object();
    ArrayNode events = out.putArray("events");
    for (LogEvent event : page.events()) {
      events.addObject().put("timestamp", event.timestamp()).put("message", event.message())
          .put("ingestionTime", event.ingestionTime());
    }
    return out.put("nextForwardToken", page.nextForwardToken())
        .put("nextBackwardToken", page.nextBackwardToken());
  }

  private ObjectNode filterLogEvents(JsonNode in) {
    Page<FilteredEvent> page = logs.filterLogEvents(LogsInput.logGroup(in),
        LogsInput.texts(in, "logStreamNames"), LogsInput.text(in, "logStreamNamePrefix"),
        LogsInput.longValue(in, "startTime"), LogsInput.longValue(in, "endTime"),
        LogsInput.text(in, "filterPattern"), LogsInput.text(in, "nextToken"),
        LogsInput.integer(in, "limit"));
    ObjectNode out = Json.object();
    ArrayNode events = out.putArray("events");
    Set<String> streams = new LinkedHashSet<>();
    for (FilteredEvent match : page.items()) {
      events.addObject().put("logStreamName", match.logStreamName())
          .put("timestamp", match.event().timestamp())
          .put("message", match.event().message())
          .put("ingestionTime", match.event().ingestionTime())
          .put("eventId", match.eventId());
      streams.add(match.logStreamName());
    }
    ArrayNode searched = out.putArray("searchedLogStreams");
    streams.forEach(name -> searched.addObject().put("logStreamName", name)
        .put("searchedCompletely", page.nextToken() == null));
    return withToken(out, "nextToken", page.nextToken());
  }

  private static ObjectNode withToken(ObjectNode out, String member, String token) {
    if (token != null) {
      out.put(member, token);
    }
    return out;
  }
}
