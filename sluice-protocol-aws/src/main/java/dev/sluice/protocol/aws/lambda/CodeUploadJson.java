package dev.sluice.protocol.aws.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.protocol.aws.wire.Json;

/**
 * Reads CreateFunction and UpdateFunctionCode bodies. why: their Code.ZipFile is one base64
 * string of up to ~70 MB (a 50 MB zip), beyond Jackson's default 20 M characters per string, so
 * these two operations get a reader that allows AWS's whole request as one string.
 */
final class CodeUploadJson {

  /** AWS's limit on a CreateFunction or UpdateFunctionCode request, in bytes. */
  static final int MAX_REQUEST_BYTES = 70_167_211;

  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxStringLength(MAX_REQUEST_BYTES).build())
          .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private CodeUploadJson() {}

  /** The body as a JSON object; an empty body is an empty object, as AWS treats it. */
  static ObjectNode read(byte[] body) {
    return Json.readObject(MAPPER, body);
  }
}
