package dev.sluice.functions;

import java.util.ArrayList;
import java.util.List;

/**
 * A function's published versions: PublishVersion, ListVersionsByFunction and deleting a
 * version. Changes hold the registry's lock (they rewrite the function's extras).
 */
final class Versions {

  private final FunctionRegistry registry;

  Versions(FunctionRegistry registry) {
    this.registry = registry;
  }

  /** Removes a published version (refused while an alias points at it). */
  void delete(FunctionName name) {
    synchronized (registry) {
      deleteLocked(name);
    }
  }

  private void deleteLocked(FunctionName name) {
    if (name.isLatest()) {
      throw FunctionException.invalidParameter(
          "$LATEST version cannot be deleted without deleting the function.");
    }
    FunctionDefinition latest = registry.existing(new FunctionName(name.name(), null));
    FunctionExtras current = registry.extrasOf(latest.name());
    if (!current.versions().containsKey(name.qualifier())) {
      throw FunctionException.notFound(registry.arn(name.name()) + ":" + name.qualifier());
    }
    List<String> pointing = current.aliases().values().stream()
        .filter(a -> a.functionVersion().equals(name.qualifier())
            || a.additionalVersionWeights().containsKey(name.qualifier()))
        .map(Alias::name).sorted().toList();
    if (!pointing.isEmpty()) {
      throw new FunctionException(LambdaError.RESOURCE_CONFLICT, "Unable to delete version"
          + " because the following aliases reference it: " + pointing);
    }
    registry.saveExtras(current.withoutVersion(name.qualifier()));
  }

  /**
   * Publishes $LATEST as a new immutable version. Nothing new is published when neither code nor
   * configuration changed since the last version (AWS answers with that version).
   */
  FunctionDefinition publish(
      String functionName, String codeSha256, String description, String revisionId) {
    synchronized (registry) {
      return publishLocked(functionName, codeSha256, description, revisionId);
    }
  }

  private FunctionDefinition publishLocked(
      String functionName, String codeSha256, String description, String revisionId) {
    FunctionDefinition latest = registry.existing(FunctionName.forLookup(functionName, null));
    FunctionRegistry.checkRevision(latest, revisionId);
    if (codeSha256 != null && !codeSha256.equals(latest.codeSha256())) {
      throw FunctionException.invalidParameter("CodeSHA256 (" + codeSha256 + ") is different"
          + " from current CodeSHA256 in $LATEST (" + latest.codeSha256() + "). Please try again"
          + " with the CodeSHA256 in $LATEST.");
    }
    FunctionExtras current = registry.extrasOf(latest.name());
    FunctionDefinition last = current.versions().get(Integer.toString(current.lastVersion()));
    if (last != null && latest.publishedAs(last.version(), last.description(), last.revisionId(),
        last.lastModified()).equals(last)) {
      return last;
    }
    FunctionDefinition version = latest.publishedAs(
        Integer.toString(current.lastVersion() + 1),
        description != null ? description : latest.description(), Revisions.newRevision(),
        registry.lastModifiedNow());
    registry.saveExtras(current.withVersion(version));
    return version;
  }

  /** $LATEST, then the published versions in number order; the marker is a version. */
  FunctionPage list(String functionName, String marker, Integer maxItems) {
    FunctionDefinition latest = registry.existing(FunctionName.forLookup(functionName, null));
    List<FunctionDefinition> all = new ArrayList<>();
    all.add(latest);
    all.addAll(registry.extrasOf(latest.name()).versionsInOrder().values());
    int start = 0;
    if (marker != null && !marker.isEmpty()) {
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).version().equals(marker)) {
          start = i + 1;
        }
      }
    }
    int size = Paging.pageSize(maxItems);
    List<FunctionDefinition> page = all.subList(start, Math.min(all.size(), start + size));
    String next = start + size < all.size() ? page.get(page.size() - 1).version() : null;
    return new FunctionPage(List.copyOf(page), next);
  }
}
