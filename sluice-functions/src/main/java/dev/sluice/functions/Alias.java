package dev.sluice.functions;

import java.util.Map;

/**
 * A function alias: a name pointing at a published version (or $LATEST), optionally routing a
 * share of invocations to one other version.
 *
 * @param additionalVersionWeights RoutingConfig.AdditionalVersionWeights: version -> share (0-1)
 * @param revisionId changes on every update, as AWS's RevisionId
 */
public record Alias(
    String name,
    String functionVersion,
    String description,
    Map<String, Double> additionalVersionWeights,
    String revisionId) {

  public Alias {
    description = description == null ? "" : description;
    additionalVersionWeights =
        additionalVersionWeights == null ? Map.of() : Map.copyOf(additionalVersionWeights);
  }

  /** The version one invocation runs: the extra version with its weight's probability. */
  public String pickVersion(double random) {
    double threshold = 0;
    for (Map.Entry<String, Double> weight : additionalVersionWeights.entrySet()) {
      threshold += weight.getValue();
      if (random < threshold) {
        return weight.getKey();
      }
    }
    return functionVersion;
  }
}
