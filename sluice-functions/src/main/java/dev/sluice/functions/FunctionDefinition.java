package dev.sluice.functions;

import java.util.List;
import java.util.Map;

/**
 * A function's $LATEST definition as stored: configuration and the identity of its code.
 *
 * @param codeSha256 base64 SHA-256 of the uploaded zip, as AWS reports it
 * @param revisionId changes on every update (UUID), as AWS's RevisionId
 * @param lastModified ISO-8601 with milliseconds and +0000, as AWS writes it
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
    String lastModified) {

  public static final String LATEST = "$LATEST";

  public FunctionDefinition {
    environment = Map.copyOf(environment);
    architectures = List.copyOf(architectures);
    tags = Map.copyOf(tags);
  }

  /** What an execution environment depends on: a change means new environments. */
  public String environmentGeneration() {
    return revisionId;
  }

  public FunctionDefinition withCode(String sha256, long size, String revision, String modified) {
    return new FunctionDefinition(name, runtime, handler, role, timeoutSeconds, memorySizeMb,
        environment, description, architectures, tags, sha256, size, revision, modified);
  }
}
