package dev.sluice.protocol.aws.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.protocol.aws.AwsError;
import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.protocol.aws.AwsService;
import dev.sluice.protocol.aws.Caller;
import dev.sluice.protocol.aws.wire.Json;
import dev.sluice.protocol.aws.wire.Json11Actions;
import dev.sluice.schedules.RuleService;
import dev.sluice.schedules.rules.EventBus;
import dev.sluice.schedules.rules.EventsException;
import dev.sluice.schedules.rules.Page;
import dev.sluice.schedules.rules.PutRuleRequest;
import dev.sluice.schedules.rules.Rule;
import dev.sluice.schedules.rules.Target;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * EventBridge (CloudWatch Events) over AWS JSON 1.1: {@code X-Amz-Target: AWSEvents.<Action>},
 * signing name {@code events}, errors as {@code {"__type": "ResourceNotFoundException",
 * "message": ...}}. Rule changes reach a durable store (an fsync), so actions run on {@code
 * executor}, never on the caller's (event loop) thread.
 */
public final class EventsService implements AwsService {

  public static final String SIGNING_NAME = "events";
  public static final String TARGET_PREFIX = "AWSEvents.";

  private final RuleService rules;
  private final Json11Actions dispatch;

  public EventsService(RuleService rules, Executor executor) {
    this.rules = rules;
    this.dispatch = new Json11Actions("EventBridge", TARGET_PREFIX, Map.ofEntries(
        Map.entry("PutRule", this::putRule),
        Map.entry("DescribeRule", this::describeRule),
        Map.entry("ListRules", this::listRules),
        Map.entry("EnableRule", this::enableRule),
        Map.entry("DisableRule", this::disableRule),
        Map.entry("DeleteRule", this::deleteRule),
        Map.entry("PutTargets", this::putTargets),
        Map.entry("RemoveTargets", this::removeTargets),
        Map.entry("ListTargetsByRule", this::listTargetsByRule),
        Map.entry("ListRuleNamesByTarget", this::listRuleNamesByTarget),
        Map.entry("TagResource", this::tagResource),
        Map.entry("UntagResource", this::untagResource),
        Map.entry("ListTagsForResource", this::listTagsForResource),
        Map.entry("PutEvents", this::putEvents),
        Map.entry("TestEventPattern", this::testEventPattern),
        Map.entry("CreateEventBus", this::createEventBus),
        Map.entry("DescribeEventBus", this::describeEventBus),
        Map.entry("ListEventBuses", this::listEventBuses),
        Map.entry("DeleteEventBus", this::deleteEventBus)), executor,
        EventsService::domainError);
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
    return failure instanceof EventsException e ? new AwsError(e.error().httpStatus(), e.error().shape(),
        e.error().shape(), e.getMessage(), false) : null;
  }

  private ObjectNode putRule(JsonNode in) {
    String arn = rules.putRule(new PutRuleRequest(
        EventsInput.text(in, "Name"),
        EventsInput.text(in, "ScheduleExpression"),
        EventsInput.text(in, "EventPattern"),
        EventsInput.state(in),
        EventsInput.text(in, "Description"),
        EventsInput.text(in, "RoleArn"),
        EventsInput.tags(in),
        EventsInput.text(in, "EventBusName")));
    return Json.object().put("RuleArn", arn);
  }

  private ObjectNode describeRule(JsonNode in) {
    Rule rule = rules.describeRule(EventsInput.text(in, "Name"), EventsInput.text(in, "EventBusName"));
    return EventsOutput.rule(rule).put("CreatedBy", rules.accountId());
  }

  private ObjectNode listRules(JsonNode in) {
    Page<Rule> page = rules.listRules(EventsInput.text(in, "NamePrefix"),
        EventsInput.text(in, "EventBusName"), EventsInput.text(in, "NextToken"),
        EventsInput.integer(in, "Limit"));
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("Rules");
    page.items().forEach(rule -> list.add(EventsOutput.rule(rule)));
    return EventsOutput.withNextToken(out, page.nextToken());
  }

  private ObjectNode enableRule(JsonNode in) {
    rules.enableRule(EventsInput.text(in, "Name"), EventsInput.text(in, "EventBusName"));
    return Json.object();
  }

  private ObjectNode disableRule(JsonNode in) {
    rules.disableRule(EventsInput.text(in, "Name"), EventsInput.text(in, "EventBusName"));
    return Json.object();
  }

  private ObjectNode deleteRule(JsonNode in) {
    rules.deleteRule(EventsInput.text(in, "Name"), EventsInput.text(in, "EventBusName"),
        EventsInput.flag(in, "Force"));
    return Json.object();
  }

  private ObjectNode putTargets(JsonNode in) {
    return EventsOutput.failedEntries(rules.putTargets(EventsInput.text(in, "Rule"),
        EventsInput.text(in, "EventBusName"), EventsInput.targets(in)));
  }

  private ObjectNode removeTargets(JsonNode in) {
    return EventsOutput.failedEntries(rules.removeTargets(EventsInput.text(in, "Rule"),
        EventsInput.text(in, "EventBusName"), EventsInput.texts(in, "Ids")));
  }

  private ObjectNode listTargetsByRule(JsonNode in) {
    Page<Target> page = rules.listTargetsByRule(EventsInput.text(in, "Rule"),
        EventsInput.text(in, "EventBusName"), EventsInput.text(in, "NextToken"),
        EventsInput.integer(in, "Limit"));
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("Targets");
    page.items().forEach(target -> list.add(EventsOutput.target(target)));
    return EventsOutput.withNextToken(out, page.nextToken());
  }

  private ObjectNode listRuleNamesByTarget(JsonNode in) {
    Page<String> page = rules.listRuleNamesByTarget(EventsInput.text(in, "TargetArn"),
        EventsInput.text(in, "EventBusName"), EventsInput.text(in, "NextToken"),
        EventsInput.integer(in, "Limit"));
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("RuleNames");
    page.items().forEach(list::add);
    return EventsOutput.withNextToken(out, page.nextToken());
  }

  private ObjectNode tagResource(JsonNode in) {
    rules.tagResource(EventsInput.text(in, "ResourceARN"), EventsInput.tags(in));
    return Json.object();
  }

  private ObjectNode untagResource(JsonNode in) {
    rules.untagResource(EventsInput.text(in, "ResourceARN"), EventsInput.texts(in, "TagKeys"));
    return Json.object();
  }

  private ObjectNode listTagsForResource(JsonNode in) {
    return EventsOutput.tags(rules.listTagsForResource(EventsInput.text(in, "ResourceARN")));
  }

  private ObjectNode putEvents(JsonNode in) {
    return EventsOutput.putEvents(rules.putEvents(EventsInput.entries(in)));
  }

  private ObjectNode testEventPattern(JsonNode in) {
    return Json.object().put("Result", rules.testEventPattern(
        EventsInput.text(in, "EventPattern"), EventsInput.text(in, "Event")));
  }

  private ObjectNode createEventBus(JsonNode in) {
    EventBus bus = rules.createEventBus(EventsInput.text(in, "Name"),
        EventsInput.text(in, "Description"), EventsInput.tags(in));
    ObjectNode out = Json.object().put("EventBusArn", bus.arn());
    if (bus.description() != null) {
      out.put("Description", bus.description());
    }
    return out;
  }

  private ObjectNode describeEventBus(JsonNode in) {
    return EventsOutput.eventBus(rules.describeEventBus(EventsInput.text(in, "Name")));
  }

  private ObjectNode listEventBuses(JsonNode in) {
    Page<EventBus> page = rules.listEventBuses(EventsInput.text(in, "NamePrefix"),
        EventsInput.text(in, "NextToken"), EventsInput.integer(in, "Limit"));
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("EventBuses");
    page.items().forEach(bus -> list.add(EventsOutput.eventBus(bus)));
    return EventsOutput.withNextToken(out, page.nextToken());
  }

  private ObjectNode deleteEventBus(JsonNode in) {
    rules.deleteEventBus(EventsInput.text(in, "Name"));
    return Json.object();
  }
}
