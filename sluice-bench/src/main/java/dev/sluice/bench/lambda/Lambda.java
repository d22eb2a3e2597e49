package dev.sluice.bench.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Lambda calls the bench makes: functions, invocations and event-source mappings. */
public final class Lambda {

  /** Any well-formed role: Sluice runs functions with dummy credentials and checks no IAM. */
  private static final String ROLE = "arn:aws:iam::000000000000:role/sluice-bench";
  private static final String FUNCTIONS = "/2015-03-31/functions";
  private static final Pattern DURATION = Pattern.compile("\\tDuration: ([0-9.]+) ms");
  private static final Pattern INIT = Pattern.compile("Init Duration: ([0-9.]+) ms");

  private final AwsRest rest;

  public Lambda(AwsRest rest) {
    this.rest = rest;
  }

  /**
   * One Invoke as the client saw it.
   *
   * @param status HTTP status (200 RequestResponse, 202 Event)
   * @param roundTripNanos from sending the request to reading the whole answer
   * @param durationMillis the REPORT line's Duration (handler time), NaN without a log tail
   * @param initMillis the REPORT line's Init Duration (cold starts only), NaN otherwise
   * @param functionError the X-Amz-Function-Error header, or null
   */
  public record Invoked(
      int status, long roundTripNanos, double durationMillis, double initMillis,
      String functionError, String body) {}

  public void createFunction(
      String name, String runtime, String handler, byte[] zip, int memoryMb) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("FunctionName", name);
    request.put("Runtime", runtime);
    request.put("Role", ROLE);
    request.put("Handler", handler);
    request.put("Code", Map.of("ZipFile", Base64.getEncoder().encodeToString(zip)));
    request.put("MemorySize", memoryMb);
    request.put("Timeout", 30);
    rest.lambda("POST", FUNCTIONS, request);
  }

  /** Changes an environment variable: the next invoke starts a new (cold) environment. */
  public void setVariable(String name, String variable, String value) {
    rest.lambda("PUT", FUNCTIONS + "/" + encode(name) + "/configuration",
        Map.of("Environment", Map.of("Variables", Map.of(variable, value))));
  }

  public void deleteFunctionQuietly(String name) {
    try {
      rest.lambda("DELETE", FUNCTIONS + "/" + encode(name), null);
    } catch (RuntimeException e) {
      // the run goes on; a leftover function costs nothing while nobody invokes it
    }
  }

  /** A synchronous invoke; with {@code tail}, the REPORT line's figures are read from the log. */
  public Invoked invoke(String name, String payload, boolean tail) {
    return invoke(name, payload, "RequestResponse", tail);
  }

  public Invoked invokeEvent(String name, String payload) {
    return invoke(name, payload, "Event", false);
  }

  private Invoked invoke(String name, String payload, String type, boolean tail) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("X-Amz-Invocation-Type", type);
    if (tail) {
      headers.put("X-Amz-Log-Type", "Tail");
    }
    long start = System.nanoTime();
    AwsRest.Answer answer =
        rest.call("POST", FUNCTIONS + "/" + encode(name) + "/invocations", "lambda", headers,
            payload.getBytes(StandardCharsets.UTF_8));
    long nanos = System.nanoTime() - start;
    double duration = Double.NaN;
    double init = Double.NaN;
    String log = answer.header("X-Amz-Log-Result");
    if (log != null) {
      String text = new String(Base64.getDecoder().decode(log), StandardCharsets.UTF_8);
      String report = text.substring(Math.max(0, text.lastIndexOf("REPORT RequestId:")));
      duration = number(DURATION, report);
      init = number(INIT, report);
    }
    return new Invoked(answer.status(), nanos, duration, init,
        answer.header("X-Amz-Function-Error"), answer.text());
  }

  /** Creates an enabled SQS mapping; returns its UUID. */
  public String createMapping(String queueArn, String function, int batchSize) {
    JsonNode mapping = rest.lambda("POST", "/2015-03-31/event-source-mappings/", Map.of(
        "EventSourceArn", queueArn, "FunctionName", function, "BatchSize", batchSize,
        "Enabled", true));
    return mapping.path("UUID").asText();
  }

  public void deleteMappingQuietly(String uuid) {
    try {
      rest.lambda("DELETE", "/2015-03-31/event-source-mappings/" + uuid, null);
    } catch (RuntimeException e) {
      // the run goes on
    }
  }

  /** Every log message of the function so far (CloudWatch Logs' FilterLogEvents, all pages). */
  public List<String> logMessages(String function) {
    List<String> messages = new java.util.ArrayList<>();
    String token = null;
    do {
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("logGroupName", "/aws/lambda/" + function);
      if (token != null) {
        request.put("nextToken", token);
      }
      JsonNode page;
      try {
        page = rest.logs("FilterLogEvents", request);
      } catch (IllegalStateException e) {
        if (e.getMessage().contains("ResourceNotFoundException")) {
          return messages; // no invocation has ended yet: the group does not exist
        }
        throw e;
      }
      page.path("events").forEach(event -> messages.add(event.path("message").asText()));
      token = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
    } while (token != null);
    return messages;
  }

  private static double number(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }
}
