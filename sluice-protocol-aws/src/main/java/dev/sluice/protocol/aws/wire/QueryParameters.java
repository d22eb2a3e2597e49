package dev.sluice.protocol.aws.wire;

import dev.sluice.protocol.aws.AwsHttpRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of an AWS Query request: the query string merged with a form-encoded body (AWS
 * reads both; the body wins on a clash). Also a cheap look-up of one parameter for routing, which
 * scans without decoding the whole (possibly megabyte-sized) body.
 */
public final class QueryParameters {

  private static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

  private QueryParameters() {}

  /** True if the body is a form (POST with a form content type, or none at all). */
  public static boolean hasFormBody(AwsHttpRequest request) {
    if (!"POST".equalsIgnoreCase(request.method())) {
      return false;
    }
    String contentType = request.header("content-type");
    return contentType == null
        || contentType.toLowerCase(Locale.ROOT).startsWith(FORM_CONTENT_TYPE);
  }

  /** All parameters, decoded; throws {@link MalformedRequestException} on bad encoding. */
  public static Map<String, String> of(AwsHttpRequest request) {
    Map<String, String> parameters = new LinkedHashMap<>();
    decodeInto(request.rawQuery(), parameters);
    if (hasFormBody(request) && request.body() != null) {
      decodeInto(new String(request.body(), StandardCharsets.UTF_8), parameters);
    }
    return parameters;
  }

  /** The parameters of one encoded query string or form body. */
  public static Map<String, String> parse(String encoded) {
    Map<String, String> parameters = new LinkedHashMap<>();
    decodeInto(encoded, parameters);
    return parameters;
  }

  /** One parameter's decoded value, or null if absent or undecodable. Does not parse the rest. */
  public static String find(AwsHttpRequest request, String name) {
    String value = null;
    if (hasFormBody(request) && request.body() != null) {
      value = scan(request.body(), name);
    }
    if (value == null && request.rawQuery() != null) {
      value = scan(request.rawQuery().getBytes(StandardCharsets.ISO_8859_1), name);
    }
    return value;
  }

  private static void decodeInto(String encoded, Map<String, String> parameters) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.put(decodeComponent(key), decodeComponent(value));
    }
  }

  /** One form-encoded name or value, decoded ({@code +} is a space). */
  public static String decodeComponent(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw MalformedRequestException.malformedQueryString(
          "The query string is malformed: " + e.getMessage());
    }
  }

  // Form bodies are ASCII (everything else is percent-encoded), so bytes compare as characters.
  private static String scan(byte[] form, String name) {
    int nameLength = name.length();
    int start = 0;
    while (start < form.length) {
      int end = indexOf(form, (byte) '&', start);
      if (end - start > nameLength
          && form[start + nameLength] == '='
          && regionMatches(form, start, name)) {
        String encoded =
            new String(form, start + nameLength + 1, end - start - nameLength - 1,
                StandardCharsets.ISO_8859_1);
        try {
          return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
      start = end + 1;
    }
    return null;
  }

  private static int indexOf(byte[] bytes, byte wanted, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return bytes.length;
  }

  private static boolean regionMatches(byte[] bytes, int offset, String name) {
    for (int i = 0; i < name.length(); i++) {
      if (bytes[offset + i] != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
