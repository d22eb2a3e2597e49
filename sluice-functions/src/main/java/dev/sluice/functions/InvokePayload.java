package dev.sluice.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Checks on what an Invoke carries, with AWS's errors. */
final class InvokePayload {

  private static final ObjectMapper JSON = new ObjectMapper();

  private InvokePayload() {}

  /** The payload (empty when none), refused when over the synchronous limit or not JSON. */
  static byte[] checked(byte[] given) {
    byte[] payload = given == null ? new byte[0] : given;
    if (payload.length > FunctionService.MAX_SYNC_PAYLOAD) {
      throw new FunctionException(LambdaError.REQUEST_TOO_LARGE, "Request must be smaller than "
          + FunctionService.MAX_SYNC_PAYLOAD + " bytes for the InvokeFunction operation");
    }
    checkJson(payload);
    return payload;
  }

  /** The client context as the function sees it (JSON), from the base64 the caller sent. */
  static String decodeClientContext(String base64) {
    if (base64 == null || base64.isEmpty()) {
      return null;
    }
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new FunctionException(LambdaError.INVALID_REQUEST_CONTENT,
          "Client context must be a valid Base64-encoded JSON object.");
    }
  }

  private static void checkJson(byte[] payload) {
    if (payload.length == 0) {
      return;
    }
    try {
      JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new FunctionException(LambdaError.INVALID_REQUEST_CONTENT,
          "Could not parse request body into json: Could not parse payload into json: "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
