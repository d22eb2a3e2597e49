package dev.sluice.functions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tags on functions (TagResource, UntagResource, ListTags); versions and aliases have none. */
final class FunctionTags {

  /** AWS's limit on a resource's tags. */
  private static final int MAX_TAGS = 50;

  private final FunctionRegistry registry;

  FunctionTags(FunctionRegistry registry) {
    this.registry = registry;
  }

  void tag(String resourceArn, Map<String, String> tags) {
    synchronized (registry) {
      FunctionDefinition latest = taggable(resourceArn);
      Map<String, String> all = new LinkedHashMap<>(latest.tags());
      all.putAll(tags);
      if (all.size() > MAX_TAGS) {
        throw FunctionException.invalidParameter("Number of tags exceeds resource tag limit.");
      }
      registry.saveLatest(latest.withTags(all));
    }
  }

  void untag(String resourceArn, List<String> keys) {
    if (keys == null) {
      throw new FunctionException(LambdaError.VALIDATION, "1 validation error detected: Value"
          + " null at 'tagKeys' failed to satisfy constraint: Member must not be null");
    }
    synchronized (registry) {
      FunctionDefinition latest = taggable(resourceArn);
      Map<String, String> all = new LinkedHashMap<>(latest.tags());
      keys.forEach(all::remove);
      registry.saveLatest(latest.withTags(all));
    }
  }

  Map<String, String> list(String resourceArn) {
    return taggable(resourceArn).tags();
  }

  private FunctionDefinition taggable(String resourceArn) {
    FunctionName name = FunctionName.forLookup(resourceArn, null);
    if (name.qualifier() != null) {
      throw FunctionException.invalidParameter("Tags on function aliases and versions are not"
          + " supported. Please specify a function ARN.");
    }
    return registry.existing(name);
  }
}
