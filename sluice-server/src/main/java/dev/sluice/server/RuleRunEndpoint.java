package dev.sluice.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.protocol.aws.AwsHttpRequest;
import dev.sluice.protocol.aws.AwsHttpResponse;
import dev.sluice.schedules.RuleService;
import dev.sluice.schedules.RunResult;
import dev.sluice.schedules.delivery.DeliveryResult;
import dev.sluice.schedules.rules.EventsException;
import dev.sluice.server.http.SluiceEndpoints;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code POST /_sluice/rules/NAME/run}: delivers one scheduled event to the rule's targets now,
 * for people testing a pipeline without waiting for the tick. Answers with the event id and each
 * target's first attempt; failed targets go on being retried as for a real tick.
 */
final class RuleRunEndpoint {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RuleService rules;

  RuleRunEndpoint(RuleService rules) {
    this.rules = rules;
  }

  CompletableFuture<AwsHttpResponse> handle(AwsHttpRequest request) {
    String rest = request.path().substring(SluiceEndpoints.RULES.length());
    if (!rest.endsWith("/run") || rest.length() == "/run".length()
        || rest.indexOf('/') != rest.length() - "/run".length()) {
      return done(json(404, message("not found", "No such endpoint: " + request.path())));
    }
    if (!request.method().equals("POST")) {
      return done(json(405, message("method not allowed", request.method() + " " + request.path())));
    }
    String name = rest.substring(0, rest.length() - "/run".length());
    try {
      return rules.runNow(name).handle((result, failure) -> failure == null
          ? json(200, body(result)) : failed(failure));
    } catch (EventsException e) {
      return done(failed(e));
    }
  }

  private static AwsHttpResponse failed(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof EventsException e) {
      return json(404, message("not found", e.getMessage()));
    }
    return json(500, message("error", String.valueOf(cause)));
  }

  private static ObjectNode body(RunResult result) {
    ObjectNode body = JSON.createObjectNode();
    body.put("eventId", result.eventId());
    body.put("ruleArn", result.ruleArn());
    ArrayNode targets = body.putArray("targets");
    for (DeliveryResult target : result.targets()) {
      ObjectNode node = targets.addObject()
          .put("id", target.targetId())
          .put("arn", target.targetArn())
          .put("delivered", target.delivered());
      if (!target.delivered()) {
        node.put("errorCode", target.errorCode()).put("errorMessage", target.errorMessage());
      }
    }
    return body;
  }

  private static ObjectNode message(String status, String message) {
    return JSON.createObjectNode().put("status", status).put("message", message);
  }

  private static CompletableFuture<AwsHttpResponse> done(AwsHttpResponse response) {
    return CompletableFuture.completedFuture(response);
  }

  private static AwsHttpResponse json(int status, ObjectNode body) {
    try {
      return new AwsHttpResponse(status,
          Map.of("Content-Type", "application/json", "Cache-Control", "no-store"),
          JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always serialises", e);
    }
  }
}
