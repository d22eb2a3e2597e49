package dev.sluice.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.protocol.aws.AwsHttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sluice's own endpoints under {@code /_sluice/}, answered by the HTTP layer without touching a
 * protocol or the store: {@code GET /_sluice/health}.
 */
public final class SluiceEndpoints {

  /** Every path under this prefix is Sluice's, never an AWS request. */
  public static final String PREFIX = "/_sluice/";

  public static final String HEALTH = PREFIX + "health";

  /**
   * {@code POST /_sluice/rules/NAME/run}: answered asynchronously by the server's rule endpoint
   * (through the request handler), not here.
   */
  public static final String RULES = PREFIX + "rules/";

  /**
   * {@code GET /_sluice/functions/NAME/code?...}: function code downloads (GetFunction's
   * Code.Location), answered by the server's code endpoint (through the request handler).
   */
  public static final String FUNCTIONS = PREFIX + "functions/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String version;
  private final String storeKind;

  public SluiceEndpoints(String version, String storeKind) {
    this.version = version;
    this.storeKind = storeKind;
  }

  static boolean owns(String path) {
    return (path.startsWith(PREFIX) || path.equals("/_sluice"))
        && !path.startsWith(RULES) && !path.startsWith(FUNCTIONS);
  }

  AwsHttpResponse answer(String method, String path) {
    if (!path.equals(HEALTH)) {
      return json(404, Map.of("status", "not found", "message", "No such endpoint: " + path));
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return json(405, Map.of("status", "method not allowed", "message", method + " " + path));
    }
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("status", "ok");
    health.put("version", version);
    health.put("store", storeKind);
    return json(200, health);
  }

  private static AwsHttpResponse json(int status, Map<String, ?> body) {
    try {
      return new AwsHttpResponse(
          status,
          Map.of("Content-Type", "application/json", "Cache-Control", "no-store"),
          JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a flat JSON object", e);
    }
  }
}
