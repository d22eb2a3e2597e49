package dev.sluice.protocol.aws.lambda;

import static dev.sluice.protocol.aws.lambda.FunctionInput.integer;
import static dev.sluice.protocol.aws.lambda.FunctionInput.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.functions.FunctionException;
import dev.sluice.functions.LambdaError;
import dev.sluice.functions.mappings.CreateMappingRequest;
import dev.sluice.functions.mappings.EventSourceMapping;
import dev.sluice.functions.mappings.EventSourceMappingService;
import dev.sluice.functions.mappings.MappingPage;
import dev.sluice.functions.mappings.MappingUpdate;
import dev.sluice.functions.mappings.MappingView;
import dev.sluice.protocol.aws.AwsError;
import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.protocol.aws.AwsService;
import dev.sluice.protocol.aws.Caller;
import dev.sluice.protocol.aws.RequestIds;
import dev.sluice.protocol.aws.wire.Json;
import dev.sluice.protocol.aws.wire.MalformedRequestException;
import dev.sluice.protocol.aws.wire.QueryParameters;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda's event-source mapping operations ({@code /2015-03-31/event-source-mappings/}) translated
 * to {@link EventSourceMappingService} calls, with Lambda's error shape. It stands in front of
 * {@link LambdaService}: the router picks a signed request's service by signing name alone, so
 * every signed Lambda request arrives here first and anything that is not a mapping path is
 * passed on unchanged.
 */
public final class EventSourceMappingsService implements AwsService {

  static final String PATH = LambdaService.API_PREFIX + "event-source-mappings";
  private static final String JSON = "application/json";
  private static final Logger log = LoggerFactory.getLogger(EventSourceMappingsService.class);

  private final EventSourceMappingService mappings;
  private final LambdaService lambda;

  /** @param lambda the rest of Lambda: requests for other paths, and refusals' wire shape */
  public EventSourceMappingsService(EventSourceMappingService mappings, LambdaService lambda) {
    this.mappings = mappings;
    this.lambda = lambda;
  }

  @Override
  public String signingName() {
    return LambdaService.SIGNING_NAME;
  }

  @Override
  public boolean accepts(AwsHttpRequest request) {
    return request.path().equals(PATH) || request.path().startsWith(PATH + "/");
  }

  @Override
  public CompletableFuture<AwsHttpResponse> handle(AwsHttpRequest request, Caller caller) {
    if (!accepts(request)) {
      return lambda.handle(request, caller);
    }
    String requestId = RequestIds.next();
    AwsHttpResponse response;
    try {
      response = route(request, requestId);
    } catch (FunctionException e) {
      response = LambdaService.error(requestId, e.error(), e.getMessage());
    } catch (MalformedRequestException e) {
      response = LambdaService.error(requestId, LambdaError.INVALID_REQUEST_CONTENT,
          e.getMessage());
    } catch (RuntimeException e) {
      log.error("Lambda {} {} failed", request.method(), request.path(), e);
      response = LambdaService.error(requestId, LambdaError.SERVICE,
          "An internal error occurred in Sluice: " + e);
    }
    return CompletableFuture.completedFuture(response);
  }

  @Override
  public AwsHttpResponse refuse(AwsHttpRequest request, AwsError error) {
    return lambda.refuse(request, error);
  }

  private AwsHttpResponse route(AwsHttpRequest request, String requestId) {
    String rest = request.path().substring(PATH.length());
    String uuid = rest.startsWith("/") ? rest.substring(1) : rest;
    String method = request.method();
    if (uuid.isEmpty()) {
      if (method.equals("POST")) {
        return answer(202, requestId, create(Json.readObject(request.body())));
      }
      if (method.equals("GET")) {
        return list(request, requestId);
      }
    } else if (!uuid.contains("/")) {
      switch (method) {
        case "GET" -> {
          return answer(200, requestId, mappings.get(uuid));
        }
        case "PUT" -> {
          return answer(202, requestId, mappings.update(uuid, update(Json.readObject(
              request.body()))));
        }
        case "DELETE" -> {
          return answer(202, requestId, mappings.delete(uuid));
        }
        default -> { }
      }
    }
    return LambdaService.error(requestId, LambdaError.VALIDATION, "Sluice does not implement the"
        + " Lambda operation " + method + " " + request.path() + " yet.");
  }

  private MappingView create(ObjectNode body) {
    unsupported(body, "DestinationConfig", "Unsupported DestinationConfig parameter for given"
        + " event source mapping type.");
    return mappings.create(new CreateMappingRequest(
        text(body, "EventSourceArn"),
        text(body, "FunctionName"),
        integer(body, "BatchSize"),
        integer(body, "MaximumBatchingWindowInSeconds"),
        strings(body, "FunctionResponseTypes"),
        maximumConcurrency(body),
        filterPatterns(body),
        body.has("Enabled") && !body.get("Enabled").isNull()
            ? body.get("Enabled").asBoolean() : null));
  }

  private static MappingUpdate update(ObjectNode body) {
    unsupported(body, "DestinationConfig", "Unsupported DestinationConfig parameter for given"
        + " event source mapping type.");
    return new MappingUpdate(
        text(body, "FunctionName"),
        integer(body, "BatchSize"),
        integer(body, "MaximumBatchingWindowInSeconds"),
        strings(body, "FunctionResponseTypes"),
        body.has("ScalingConfig") && !body.get("ScalingConfig").isNull(),
        maximumConcurrency(body),
        filterPatterns(body),
        body.has("Enabled") && !body.get("Enabled").isNull()
            ? body.get("Enabled").asBoolean() : null);
  }

  private AwsHttpResponse list(AwsHttpRequest request, String requestId) {
    Map<String, String> query = QueryParameters.parse(
        request.rawQuery() == null ? "" : request.rawQuery());
    Integer maxItems = null;
    if (query.get("MaxItems") != null) {
      try {
        maxItems = Integer.parseInt(query.get("MaxItems"));
      } catch (NumberFormatException e) {
        throw new FunctionException(LambdaError.INVALID_REQUEST_CONTENT,
            "MaxItems must be an integer.");
      }
    }
    MappingPage page = mappings.list(query.get("EventSourceArn"), query.get("FunctionName"),
        query.get("Marker"), maxItems);
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("EventSourceMappings");
    page.mappings().forEach(m -> list.add(render(new MappingView(m, m.settledState()))));
    if (page.nextMarker() != null) {
      body.put("NextMarker", page.nextMarker());
    }
    return AwsHttpResponse.of(200, JSON, requestId, Json.write(body));
  }

  private AwsHttpResponse answer(int status, String requestId, MappingView view) {
    return AwsHttpResponse.of(status, JSON, requestId, Json.write(render(view)));
  }

  /** AWS's EventSourceMappingConfiguration for an SQS mapping, members in AWS's order. */
  ObjectNode render(MappingView view) {
    EventSourceMapping mapping = view.mapping();
    ObjectNode node = Json.object();
    node.put("BatchSize", mapping.batchSize());
    node.put("EventSourceArn", mapping.eventSourceArn());
    node.put("EventSourceMappingArn", mappings.arn(mapping.uuid()));
    if (!mapping.filterPatterns().isEmpty()) {
      ArrayNode filters = node.putObject("FilterCriteria").putArray("Filters");
      mapping.filterPatterns().forEach(p -> filters.addObject().put("Pattern", p));
    }
    node.put("FunctionArn", mappings.functionArn(mapping));
    ArrayNode types = node.putArray("FunctionResponseTypes");
    mapping.functionResponseTypes().forEach(types::add);
    // restJson1 timestamps are epoch seconds.
    node.put("LastModified", BigDecimal.valueOf(mapping.lastModifiedMillis(), 3));
    node.put("MaximumBatchingWindowInSeconds", mapping.maximumBatchingWindowInSeconds());
    if (mapping.maximumConcurrency() != null) {
      node.putObject("ScalingConfig").put("MaximumConcurrency", mapping.maximumConcurrency());
    }
    node.put("State", view.state().wireName());
    node.put("StateTransitionReason", "USER_INITIATED");
    node.put("UUID", mapping.uuid());
    return node;
  }

  private static void unsupported(ObjectNode body, String field, String message) {
    JsonNode node = body.get(field);
    if (node != null && !node.isNull() && !(node.isObject() && node.isEmpty())) {
      throw FunctionException.invalidParameter(message);
    }
  }

  /** FilterCriteria.Filters[].Pattern; null when absent, empty when given without filters. */
  private static List<String> filterPatterns(ObjectNode body) {
    JsonNode criteria = body.get("FilterCriteria");
    if (criteria == null || criteria.isNull()) {
      return null;
    }
    List<String> patterns = new ArrayList<>();
    for (JsonNode filter : criteria.path("Filters")) {
      JsonNode pattern = filter.get("Pattern");
      if (pattern == null || !pattern.isTextual()) {
        throw FunctionException.invalidParameter("Invalid filter pattern definition.");
      }
      patterns.add(pattern.asText());
    }
    return patterns;
  }

  private static Integer maximumConcurrency(ObjectNode body) {
    JsonNode scaling = body.get("ScalingConfig");
    if (scaling == null || !scaling.isObject()) {
      return null;
    }
    return integer((ObjectNode) scaling, "MaximumConcurrency");
  }

  private static List<String> strings(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    List<String> list = new ArrayList<>();
    node.forEach(n -> list.add(n.asText()));
    return list;
  }
}
