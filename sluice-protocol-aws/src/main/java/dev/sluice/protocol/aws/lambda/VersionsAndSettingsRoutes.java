package dev.sluice.protocol.aws.lambda;

import static dev.sluice.protocol.aws.lambda.FunctionInput.integer;
import static dev.sluice.protocol.aws.lambda.FunctionInput.maxItems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.functions.AccountSettings;
import dev.sluice.functions.Alias;
import dev.sluice.functions.AliasPage;
import dev.sluice.functions.EventInvokeConfig;
import dev.sluice.functions.FunctionDefinition;
import dev.sluice.functions.FunctionException;
import dev.sluice.functions.FunctionPage;
import dev.sluice.functions.FunctionService;
import dev.sluice.functions.LambdaError;
import dev.sluice.functions.Permission;
import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.protocol.aws.lambda.FunctionJson.Phase;
import dev.sluice.protocol.aws.wire.Json;
import dev.sluice.protocol.aws.wire.QueryParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lambda's operations on versions, aliases, concurrency, asynchronous invocation configs, tags
 * and account settings, each under the API date prefix AWS gives it. {@link #route} answers
 * null for paths it does not serve.
 */
final class VersionsAndSettingsRoutes {

  static final String CONCURRENCY_PUT = "/2017-10-31/functions/";
  static final String CONCURRENCY_GET = "/2019-09-30/functions/";
  static final String EVENT_INVOKE = "/2019-09-25/functions/";
  static final String TAGS = "/2017-03-31/tags/";
  static final String ACCOUNT = "/2016-08-19/account-settings";
  private static final String FUNCTIONS = LambdaService.API_PREFIX + "functions/";
  private static final String JSON = "application/json";

  private final FunctionService functions;
  private final FunctionJson json;

  VersionsAndSettingsRoutes(FunctionService functions, FunctionJson json) {
    this.functions = functions;
    this.json = json;
  }

  static boolean accepts(String path) {
    return path.startsWith(CONCURRENCY_PUT) || path.startsWith(CONCURRENCY_GET)
        || path.startsWith(EVENT_INVOKE) || path.startsWith(TAGS) || path.startsWith(ACCOUNT);
  }

  /** The answer, or null when the path is not one of these operations. */
  AwsHttpResponse route(AwsHttpRequest request, String requestId) {
    String path = request.path();
    String method = request.method();
    Map<String, String> query = QueryParameters.parse(
        request.rawQuery() == null ? "" : request.rawQuery());
    if (path.startsWith(ACCOUNT)) {
      return method.equals("GET") ? accountSettings(requestId) : null;
    }
    if (path.startsWith(TAGS)) {
      return tags(request, decode(path.substring(TAGS.length())), requestId);
    }
    String[] parts;
    if (path.startsWith(FUNCTIONS)) {
      parts = segments(path, FUNCTIONS);
      if (parts.length >= 2 && parts[1].equals("versions")) {
        return versions(request, parts[0], query, requestId);
      }
      if (parts.length >= 2 && parts[1].equals("aliases")) {
        return aliases(request, parts, query, requestId);
      }
      if (parts.length >= 2 && parts[1].equals("policy")) {
        return policy(request, parts, query, requestId);
      }
      return null;
    }
    if (path.startsWith(CONCURRENCY_PUT) || path.startsWith(CONCURRENCY_GET)) {
      parts = segments(path, path.startsWith(CONCURRENCY_PUT) ? CONCURRENCY_PUT : CONCURRENCY_GET);
      if (parts.length == 2 && parts[1].equals("concurrency")) {
        return concurrency(request, parts[0], requestId);
      }
      return null;
    }
    if (!path.startsWith(EVENT_INVOKE)) {
      return null;
    }
    parts = segments(path, EVENT_INVOKE);
    if (parts.length >= 2 && parts[1].equals("event-invoke-config")) {
      return eventInvokeConfig(request, parts, query, requestId);
    }
    return null;
  }

  private AwsHttpResponse versions(AwsHttpRequest request, String name, Map<String, String> query,
      String requestId) {
    if (request.method().equals("POST")) {
      ObjectNode body = body(request);
      FunctionDefinition version = functions.publishVersion(name,
          FunctionInput.text(body, "CodeSha256"), FunctionInput.text(body, "Description"),
          FunctionInput.text(body, "RevisionId"));
      return answer(201, requestId, json.configuration(version,
          functions.arnOf(version, name, null), Phase.SETTLED));
    }
    if (request.method().equals("GET")) {
      FunctionPage page = functions.listVersions(name, query.get("Marker"),
          maxItems(query.get("MaxItems")));
      ObjectNode body = Json.object();
      ArrayNode list = body.putArray("Versions");
      for (FunctionDefinition version : page.functions()) {
        // Listed versions are always qualified, $LATEST included.
        list.add(json.configuration(version, functions.arn(version.name()) + ":"
            + version.version(), Phase.LISTED));
      }
      if (page.nextMarker() != null) {
        body.put("NextMarker", page.nextMarker());
      }
      return answer(200, requestId, body);
    }
    return null;
  }

  private AwsHttpResponse aliases(AwsHttpRequest request, String[] parts,
      Map<String, String> query, String requestId) {
    String name = parts[0];
    String method = request.method();
    if (parts.length == 2) {
      if (method.equals("POST")) {
        ObjectNode body = body(request);
        Alias alias = functions.createAlias(name, FunctionInput.text(body, "Name"),
            FunctionInput.text(body, "FunctionVersion"), FunctionInput.text(body, "Description"),
            weights(body));
        return answer(201, requestId, alias(name, alias));
      }
      if (method.equals("GET")) {
        AliasPage page = functions.listAliases(name, query.get("FunctionVersion"),
            query.get("Marker"), maxItems(query.get("MaxItems")));
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("Aliases");
        page.aliases().forEach(a -> list.add(alias(name, a)));
        if (page.nextMarker() != null) {
          body.put("NextMarker", page.nextMarker());
        }
        return answer(200, requestId, body);
      }
      return null;
    }
    String aliasName = decode(parts[2]);
    switch (method) {
      case "GET" -> {
        return answer(200, requestId, alias(name, functions.getAlias(name, aliasName)));
      }
      case "PUT" -> {
        ObjectNode body = body(request);
        Alias alias = functions.updateAlias(name, aliasName,
            FunctionInput.text(body, "FunctionVersion"), FunctionInput.text(body, "Description"),
            weights(body), FunctionInput.text(body, "RevisionId"));
        return answer(200, requestId, alias(name, alias));
      }
      case "DELETE" -> {
        functions.deleteAlias(name, aliasName);
        return AwsHttpResponse.of(204, JSON, requestId, new byte[0]);
      }
      default -> {
        return null;
      }
    }
  }

  private AwsHttpResponse policy(AwsHttpRequest request, String[] parts,
      Map<String, String> query, String requestId) {
    String name = parts[0];
    String qualifier = query.get("Qualifier");
    String method = request.method();
    if (parts.length == 2 && method.equals("POST")) {
      ObjectNode body = body(request);
      String statement = functions.addPermission(name, qualifier, new Permission(
          FunctionInput.text(body, "StatementId"), FunctionInput.text(body, "Action"),
          FunctionInput.text(body, "Principal"), FunctionInput.text(body, "SourceArn"),
          FunctionInput.text(body, "SourceAccount")), FunctionInput.text(body, "RevisionId"));
      return answer(201, requestId, Json.object().put("Statement", statement));
    }
    if (parts.length == 2 && method.equals("GET")) {
      String[] policy = functions.getPolicy(name, qualifier);
      return answer(200, requestId,
          Json.object().put("Policy", policy[0]).put("RevisionId", policy[1]));
    }
    if (parts.length == 3 && method.equals("DELETE")) {
      functions.removePermission(name, qualifier, parts[2], query.get("RevisionId"));
      return AwsHttpResponse.of(204, JSON, requestId, new byte[0]);
    }
    return null;
  }

  private AwsHttpResponse concurrency(AwsHttpRequest request, String name, String requestId) {
    switch (request.method()) {
      case "PUT" -> {
        JsonNode value = body(request).get("ReservedConcurrentExecutions");
        if (value != null && !value.isNull() && !value.canConvertToInt()) {
          throw new FunctionException(LambdaError.INVALID_REQUEST_CONTENT, "Could not parse"
              + " request body into json: ReservedConcurrentExecutions must be an integer.");
        }
        int reserved = functions.putConcurrency(name,
            value == null || value.isNull() ? null : value.asInt());
        return answer(200, requestId, Json.object().put("ReservedConcurrentExecutions", reserved));
      }
      case "GET" -> {
        Integer reserved = functions.getConcurrency(name);
        ObjectNode body = Json.object();
        if (reserved != null) {
          body.put("ReservedConcurrentExecutions", reserved);
        }
        return answer(200, requestId, body);
      }
      case "DELETE" -> {
        functions.deleteConcurrency(name);
        return AwsHttpResponse.of(204, JSON, requestId, new byte[0]);
      }
      default -> {
        return null;
      }
    }
  }

  private AwsHttpResponse accountSettings(String requestId) {
    AccountSettings settings = functions.accountSettings();
    ObjectNode body = Json.object();
    body.putObject("AccountLimit")
        .put("TotalCodeSize", 80_530_636_800L)
        .put("CodeSizeUnzipped", 262_144_000L)
        .put("CodeSizeZipped", 52_428_800L)
        .put("ConcurrentExecutions", settings.concurrentExecutions())
        .put("UnreservedConcurrentExecutions", settings.unreservedConcurrentExecutions());
    body.putObject("AccountUsage")
        .put("TotalCodeSize", settings.totalCodeSize())
        .put("FunctionCount", settings.functionCount());
    return answer(200, requestId, body);
  }

  private AwsHttpResponse eventInvokeConfig(AwsHttpRequest request, String[] parts,
      Map<String, String> query, String requestId) {
    String name = parts[0];
    String qualifier = query.get("Qualifier");
    if (parts.length == 3 && parts[2].equals("list") && request.method().equals("GET")) {
      ObjectNode body = Json.object();
      ArrayNode list = body.putArray("FunctionEventInvokeConfigs");
      String functionName = dev.sluice.functions.FunctionName.forLookup(name, null).name();
      functions.listEventInvokeConfigs(name).forEach((q, config) ->
          list.add(eventInvokeConfig(functionName, q, config)));
      return answer(200, requestId, body);
    }
    if (parts.length != 2) {
      return null;
    }
    String functionName = dev.sluice.functions.FunctionName.forLookup(name, qualifier).name();
    String key = qualifierOf(name, qualifier);
    switch (request.method()) {
      case "PUT", "POST" -> {
        ObjectNode body = body(request);
        JsonNode destinations = body.path("DestinationConfig");
        EventInvokeConfig config = functions.putEventInvokeConfig(name, qualifier,
            integer(body, "MaximumRetryAttempts"), integer(body, "MaximumEventAgeInSeconds"),
            destination(destinations, "OnSuccess"), destination(destinations, "OnFailure"),
            request.method().equals("POST"));
        return answer(200, requestId, eventInvokeConfig(functionName, key, config));
      }
      case "GET" -> {
        EventInvokeConfig config = functions.getEventInvokeConfig(name, qualifier);
        return answer(200, requestId, eventInvokeConfig(functionName, key, config));
      }
      case "DELETE" -> {
        functions.deleteEventInvokeConfig(name, qualifier);
        return AwsHttpResponse.of(204, JSON, requestId, new byte[0]);
      }
      default -> {
        return null;
      }
    }
  }

  private AwsHttpResponse tags(AwsHttpRequest request, String resource, String requestId) {
    switch (request.method()) {
      case "POST" -> {
        JsonNode tags = body(request).get("Tags");
        Map<String, String> given = new LinkedHashMap<>();
        if (tags != null) {
          tags.properties().forEach(e -> given.put(e.getKey(), e.getValue().asText()));
        }
        functions.tagResource(resource, given);
        return AwsHttpResponse.of(204, JSON, requestId, new byte[0]);
      }
      case "DELETE" -> {
        functions.untagResource(resource, tagKeys(request.rawQuery()));
        return AwsHttpResponse.of(204, JSON, requestId, new byte[0]);
      }
      case "GET" -> {
        ObjectNode body = Json.object();
        ObjectNode tags = body.putObject("Tags");
        functions.listTags(resource).forEach(tags::put);
        return answer(200, requestId, body);
      }
      default -> {
        return null;
      }
    }
  }

  private ObjectNode alias(String functionName, Alias alias) {
    String name = dev.sluice.functions.FunctionName.forLookup(functionName, null).name();
    ObjectNode node = Json.object();
    node.put("AliasArn", functions.arn(name) + ":" + alias.name());
    node.put("Name", alias.name());
    node.put("FunctionVersion", alias.functionVersion());
    node.put("Description", alias.description());
    if (!alias.additionalVersionWeights().isEmpty()) {
      ObjectNode weights = node.putObject("RoutingConfig").putObject("AdditionalVersionWeights");
      alias.additionalVersionWeights().forEach(weights::put);
    }
    node.put("RevisionId", alias.revisionId());
    return node;
  }

  private ObjectNode eventInvokeConfig(String functionName, String qualifier,
      EventInvokeConfig config) {
    ObjectNode node = Json.object();
    // AWS writes LastModified as epoch seconds with a fraction.
    node.put("LastModified", config.lastModifiedMillis() / 1000.0);
    node.put("FunctionArn", functions.arn(functionName) + ":" + qualifier);
    if (config.maximumRetryAttempts() != null) {
      node.put("MaximumRetryAttempts", config.maximumRetryAttempts());
    }
    if (config.maximumEventAgeInSeconds() != null) {
      node.put("MaximumEventAgeInSeconds", config.maximumEventAgeInSeconds());
    }
    ObjectNode destinations = node.putObject("DestinationConfig");
    ObjectNode success = destinations.putObject("OnSuccess");
    if (config.onSuccess() != null) {
      success.put("Destination", config.onSuccess());
    }
    ObjectNode failure = destinations.putObject("OnFailure");
    if (config.onFailure() != null) {
      failure.put("Destination", config.onFailure());
    }
    return node;
  }

  private static String qualifierOf(String name, String qualifier) {
    String derived = dev.sluice.functions.FunctionName.forLookup(name, qualifier).qualifier();
    return derived == null ? FunctionDefinition.LATEST : derived;
  }

  private static String destination(JsonNode destinations, String field) {
    JsonNode node = destinations.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    JsonNode arn = node.get("Destination");
    return arn == null || arn.isNull() ? "" : arn.asText();
  }

  private static Map<String, Double> weights(ObjectNode body) {
    JsonNode routing = body.path("RoutingConfig");
    if (routing.isMissingNode() || routing.isNull()) {
      return null;
    }
    Map<String, Double> weights = new LinkedHashMap<>();
    routing.path("AdditionalVersionWeights").properties()
        .forEach(e -> weights.put(e.getKey(), e.getValue().isNull() ? null
            : e.getValue().asDouble()));
    return weights;
  }

  private static List<String> tagKeys(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return null;
    }
    List<String> keys = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && QueryParameters.decodeComponent(pair.substring(0, equals))
          .equals("tagKeys")) {
        keys.add(QueryParameters.decodeComponent(pair.substring(equals + 1)));
      }
    }
    return keys.isEmpty() ? null : keys;
  }

  private static ObjectNode body(AwsHttpRequest request) {
    byte[] bytes = request.body();
    return bytes == null || bytes.length == 0 ? Json.object() : Json.readObject(bytes);
  }

  private static String[] segments(String path, String prefix) {
    String[] parts = path.substring(prefix.length()).split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      parts[i] = decode(parts[i]);
    }
    return parts;
  }

  private static String decode(String text) {
    return text.indexOf('%') < 0 ? text : QueryParameters.decodeComponent(text);
  }

  private static AwsHttpResponse answer(int status, String requestId, ObjectNode body) {
    return AwsHttpResponse.of(status, JSON, requestId, Json.write(body));
  }
}
