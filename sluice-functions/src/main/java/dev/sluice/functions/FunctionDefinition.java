package dev.sluice.functions;

import java.util.List;
import java.util.Map;

/**
 * A function's definition as stored: configuration and the identity of its code. {@code version}
 * is {@code $LATEST} for the changeable definition, or the number of a published (immutable)
 * version.
 *
 * @param codeSha256 base64 SHA-256 of the uploaded zip, as AWS reports it
 * @param revisionId changes on every update (UUID), as AWS's RevisionId
 * @param lastModified ISO-8601 with milliseconds and +0000, as AWS writes it
 * @param deadLetterTargetArn DeadLetterConfig.TargetArn (an SQS queue for Event invocations that
 *     failed for good), or null
 */
public record FunctionDefinition(
    String name,
    String runtime,
    String handler,
    String role,
    int timeoutSeconds,
    int memorySizeMb,
    Map<String, String> environment,
    String description,
    List<String> architectures,
    Map<String, String> tags,
    String codeSha256,
    long codeSize,
    String revisionId,
    String lastModified,
    String version,
    String deadLetterTargetArn) {

  public static final String LATEST = "$LATEST";

  public FunctionDefinition {
    version = version == null ? LATEST : version; // definitions stored before versions existed
    environment = Map.copyOf(environment);
    architectures = List.copyOf(architectures);
    tags = Map.copyOf(tags);
  }

  /** A $LATEST definition (the shape before versions existed). */
  public FunctionDefinition(String name, String runtime, String handler, String role,
      int timeoutSeconds, int memorySizeMb, Map<String, String> environment, String description,
      List<String> architectures, Map<String, String> tags, String codeSha256, long codeSize,
      String revisionId, String lastModified) {
    this(name, runtime, handler, role, timeoutSeconds, memorySizeMb, environment, description,
        architectures, tags, codeSha256, codeSize, revisionId, lastModified, LATEST, null);
  }

  /** Whether this is a published (immutable) version rather than $LATEST. */
  public boolean published() {
    return !LATEST.equals(version);
  }

  /**
   * This definition published as {@code number}: same code and configuration, its own
   * description and revision. Tags belong to the function, not to versions.
   */
  public FunctionDefinition publishedAs(
      String number, String versionDescription, String revision, String modified) {
    return new FunctionDefinition(name, runtime, handler, role, timeoutSeconds, memorySizeMb,
        environment, versionDescription, architectures, Map.of(), codeSha256, codeSize, revision,
        modified, number, deadLetterTargetArn);
  }

  public FunctionDefinition withTags(Map<String, String> newTags) {
    return new FunctionDefinition(name, runtime, handler, role, timeoutSeconds, memorySizeMb,
        environment, description, architectures, newTags, codeSha256, codeSize, revisionId,
        lastModified, version, deadLetterTargetArn);
  }

  /** What an execution environment depends on: a change means new environments. */
  public String environmentGeneration() {
    return revisionId;
  }

  public FunctionDefinition withCode(String sha256, long size, String revision, String modified) {
    return new FunctionDefinition(name, runtime, handler, role, timeoutSeconds, memorySizeMb,
        environment, description, architectures, tags, sha256, size, revision, modified, version,
        deadLetterTargetArn);
  }
}
