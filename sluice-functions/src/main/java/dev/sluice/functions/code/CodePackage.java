package dev.sluice.functions.code;

import dev.sluice.functions.FunctionException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An uploaded deployment package (the bytes of Code.ZipFile) and its identity as AWS reports it.
 */
public record CodePackage(byte[] zip, String sha256Base64, String sha256Hex) {

  /** AWS's limit on a zip sent directly in the request (50 MB). */
  public static final int MAX_ZIPPED_BYTES = 50 * 1024 * 1024;

  public static CodePackage of(byte[] zip) {
    if (zip == null || zip.length == 0) {
      throw FunctionException.invalidParameter(CodeUnpacker.CANNOT_UNZIP);
    }
    if (zip.length > MAX_ZIPPED_BYTES) {
      throw new FunctionException(dev.sluice.functions.LambdaError.REQUEST_ENTITY_TOO_LARGE,
          "Zipped size must be smaller than " + MAX_ZIPPED_BYTES + " bytes");
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(zip);
      return new CodePackage(
          zip, Base64.getEncoder().encodeToString(digest), HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public long size() {
    return zip.length;
  }
}
