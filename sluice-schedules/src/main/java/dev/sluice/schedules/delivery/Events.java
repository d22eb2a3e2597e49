package dev.sluice.schedules.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** EventBridge's event envelope, field for field and in AWS's order. */
public final class Events {

  public static final ObjectMapper JSON = new ObjectMapper();

  private Events() {}

  /**
   * What a schedule rule sends on each tick (recorded from AWS in
   * events-test_events_schedule.snapshot.json): {@code detail-type "Scheduled Event"}, {@code
   * source "aws.events"}, the rule's ARN as the only resource and an empty detail.
   */
  public static ObjectNode scheduled(
      String eventId, Instant tick, String account, String region, String ruleArn) {
    ObjectNode detail = JSON.createObjectNode();
    return envelope(eventId, "Scheduled Event", "aws.events", account, tick, region,
        List.of(ruleArn), detail);
  }

  /** The envelope of an event a client put with PutEvents. */
  public static ObjectNode envelope(
      String eventId,
      String detailType,
      String source,
      String account,
      Instant time,
      String region,
      List<String> resources,
      JsonNode detail) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "0");
    event.put("id", eventId);
    event.put("detail-type", detailType);
    event.put("source", source);
    event.put("account", account);
    event.put("time", timestamp(time));
    event.put("region", region);
    resources.forEach(event.putArray("resources")::add);
    event.set("detail", detail);
    return event;
  }

  /** ISO-8601 UTC to the second, as AWS writes {@code time}: {@code 2026-11-24T22:00:00Z}. */
  public static String timestamp(Instant time) {
    return DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS));
  }

  public static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always serialises", e);
    }
  }
}
