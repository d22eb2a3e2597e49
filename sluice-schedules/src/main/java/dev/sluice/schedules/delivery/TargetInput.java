package dev.sluice.schedules.delivery;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.schedules.rules.InputTransformer;
import dev.sluice.schedules.rules.Rule;
import dev.sluice.schedules.rules.Target;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a target receives for an event: the whole event by default; {@code Input} (constant JSON)
 * instead; {@code InputPath} a part of it; or {@code InputTransformer}'s template filled with
 * values picked from it.
 */
public final class TargetInput {

  /** {@code <name>} placeholders in an InputTemplate. */
  public static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.\\-]+)>");

  /** Placeholders every template may use without defining them (AWS's reserved variables). */
  public static final java.util.Set<String> RESERVED = java.util.Set.of(
      "aws.events.rule-arn", "aws.events.rule-name", "aws.events.event.ingestion-time",
      "aws.events.event", "aws.events.event.json");

  private TargetInput() {}

  public static String payload(Rule rule, Target target, JsonNode event) {
    if (target.input() != null) {
      return target.input();
    }
    if (target.inputPath() != null) {
      JsonNode part = select(event, target.inputPath());
      return part == null ? "" : Events.write(part);
    }
    if (target.inputTransformer() != null) {
      return transform(rule, target.inputTransformer(), event);
    }
    return Events.write(event);
  }

  /** The value at a JSON path of the simple form AWS supports here: {@code $}, {@code $.a.b}. */
  static JsonNode select(JsonNode event, String path) {
    if (path.equals("$")) {
      return event;
    }
    if (!path.startsWith("$.")) {
      return null;
    }
    JsonNode node = event.at(JsonPointer.compile("/" + path.substring(2).replace(".", "/")));
    return node.isMissingNode() ? null : node;
  }

  private static String transform(Rule rule, InputTransformer transformer, JsonNode event) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("aws.events.rule-arn", rule.arn());
    values.put("aws.events.rule-name", rule.name());
    values.put("aws.events.event.ingestion-time", event.path("time").asText());
    values.put("aws.events.event", Events.write(event));
    values.put("aws.events.event.json", Events.write(event));
    transformer.inputPathsMap().forEach((name, path) -> {
      JsonNode value = select(event, path);
      // why: strings go in without their quotes, so "<name>" in the template yields a JSON string
      // and a bare <name> yields plain text, as AWS documents for InputTemplate.
      values.put(name, value == null ? "" : value.isTextual() ? value.asText() : Events.write(value));
    });
    Matcher m = PLACEHOLDER.matcher(transformer.inputTemplate());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
