package dev.sluice.core.queue;

import static dev.sluice.core.queue.attributes.QueueAttributeNames.FIFO_QUEUE;
import static dev.sluice.core.queue.attributes.QueueAttributeNames.POLICY;

import dev.sluice.core.queue.attributes.AttributeChanges;
import dev.sluice.core.queue.attributes.QueueAttributeRules;
import dev.sluice.core.queue.attributes.QueueAttributeView;
import dev.sluice.core.queue.attributes.QueuePermissions;
import dev.sluice.core.queue.model.ListQueuesResult;
import dev.sluice.core.queue.store.QueueRecord;
import dev.sluice.core.queue.store.QueueSettings;
import dev.sluice.core.queue.store.QueueStore;
import dev.sluice.core.time.TimeSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Queue definitions: creation, lookup, listing, attributes, tags, permissions and purges.
 *
 * <p>Edits of a queue's record are checked against the record as it is now, then applied with
 * {@link QueueStore#updateQueue} to the record as it is then, so concurrent edits of different
 * attributes both survive. An edit that a racing one made impossible (two AddPermission calls with
 * one label) leaves the record as the winner left it.
 */
final class QueueCatalog {

  static final long PURGE_INTERVAL_MILLIS = 60_000;
  static final long RECREATE_AFTER_DELETE_MILLIS = 60_000;

  private final QueueStore store;
  private final TimeSource time;
  private final QueueArns arns;
  private final String accountId;
  // In memory: one server's view. Losing them on restart only relaxes the limits.
  private final Map<String, Long> lastPurgeMillis = new ConcurrentHashMap<>();
  private final Map<String, Long> deletedMillis = new ConcurrentHashMap<>();

  QueueCatalog(QueueStore store, TimeSource time, QueueArns arns, String accountId) {
    this.store = store;
    this.time = time;
    this.arns = arns;
    this.accountId = accountId;
  }

  QueueRecord require(String name) {
    if (name == null) {
      throw SqsException.queueDoesNotExist();
    }
    return store.queue(name).orElseThrow(SqsException::queueDoesNotExist);
  }

  Optional<QueueRecord> byArn(String arn) {
    return arns.queueName(arn).flatMap(store::queue);
  }

  CompletableFuture<String> create(
      String name, Map<String, String> attributes, Map<String, String> tags) {
    Map<String, String> given = attributes == null ? Map.of() : attributes;
    String fifoQueue = given.get(FIFO_QUEUE);
    boolean fifo = fifoQueue != null && fifoQueue.trim().equalsIgnoreCase("true");
    QueueNames.check(name, fifo);
    AttributeChanges changes = QueueAttributeRules.check(given, fifo, arns.of(name), this::byArn);
    Map<String, String> stored = changes.applyTo(QueueAttributeRules.defaults(fifo));
    QueueAttributeRules.checkCombination(stored);
    Map<String, String> checkedTags = QueueTags.merge(name, Map.of(), tags == null ? Map.of() : tags);
    Optional<QueueRecord> existing = store.queue(name);
    if (existing.isPresent()) {
      return CompletableFuture.completedFuture(sameQueue(existing.get(), changes));
    }
    checkNotRecentlyDeleted(name);
    long now = time.nowMillis();
    QueueRecord queue = new QueueRecord(name, fifo, now, now, stored, checkedTags);
    // why: a racing CreateQueue may win; the store then answers with its queue, compared as above.
    return store.createQueue(queue).thenApply(created -> sameQueue(created, changes));
  }

  private String sameQueue(QueueRecord existing, AttributeChanges requested) {
    requested.firstDifferenceFrom(existing.attributes()).ifPresent(attribute -> {
      throw new SqsException(SqsError.QUEUE_ALREADY_EXISTS, "A queue already exists with the same"
          + " name and a different value for attribute " + attribute);
    });
    return existing.name();
  }

  // AWS: "You must wait 60 seconds after deleting a queue before you can create another with the
  // same name."
  private void checkNotRecentlyDeleted(String name) {
    Long deleted = deletedMillis.get(name);
    if (deleted == null) {
      return;
    }
    if (time.nowMillis() - deleted < RECREATE_AFTER_DELETE_MILLIS) {
      throw new SqsException(SqsError.QUEUE_DELETED_RECENTLY, "You must wait 60 seconds after"
          + " deleting a queue before you can create another with the same name.");
    }
    deletedMillis.remove(name, deleted);
  }

  String queueUrl(String name, String ownerAccountId) {
    if (ownerAccountId != null && !ownerAccountId.equals(accountId)) {
      throw SqsException.queueDoesNotExist();
    }
    return require(name).name();
  }

  ListQueuesResult list(String prefix, Integer maxResults, String nextToken) {
    List<String> names = store.queues().stream()
        .map(QueueRecord::name)
        .filter(name -> prefix == null || name.startsWith(prefix))
        .toList();
    return PageTokens.page(names, maxResults, nextToken);
  }

  ListQueuesResult deadLetterSources(String name, Integer maxResults, String nextToken) {
    require(name);
    String arn = arns.of(name);
    List<String> sources = store.queues().stream()
        .filter(queue -> {
          QueueSettings.Redrive redrive = queue.settings().redrive();
          return redrive != null && arn.equals(redrive.deadLetterTargetArn());
        })
        .map(QueueRecord::name)
        .toList();
    return PageTokens.page(sources, maxResults, nextToken);
  }

  CompletableFuture<Void> delete(String name) {
    require(name);
    return store.deleteQueue(name).thenCompose(deleted -> {
      if (!deleted) {
        return CompletableFuture.failedFuture(SqsException.queueDoesNotExist());
      }
      deletedMillis.put(name, time.nowMillis());
      lastPurgeMillis.remove(name);
      return CompletableFuture.completedFuture(null);
    });
  }

  Map<String, String> attributes(String name, Collection<String> attributeNames) {
    QueueRecord queue = require(name);
    return QueueAttributeView.select(queue, attributeNames == null ? List.of() : attributeNames,
        arns.of(name), () -> store.counts(name));
  }

  CompletableFuture<Void> setAttributes(String name, Map<String, String> attributes) {
    QueueRecord queue = require(name);
    if (attributes == null || attributes.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    AttributeChanges changes =
        QueueAttributeRules.check(attributes, queue.fifo(), arns.of(name), this::byArn);
    QueueAttributeRules.checkCombination(changes.applyTo(queue.attributes()));
    return update(name, current ->
        current.withAttributes(changes.applyTo(current.attributes()), time.nowMillis()));
  }

  CompletableFuture<Void> purge(String name) {
    require(name);
    long now = time.nowMillis();
    boolean[] allowed = {false};
    lastPurgeMillis.compute(name, (queue, last) -> {
      if (last != null && now - last < PURGE_INTERVAL_MILLIS) {
        return last;
      }
      allowed[0] = true;
      return now;
    });
    if (!allowed[0]) {
      throw new SqsException(SqsError.PURGE_QUEUE_IN_PROGRESS,
          "Only one PurgeQueue operation on " + name + " is allowed every 60 seconds.");
    }
    return store.purge(name);
  }

  CompletableFuture<Void> tag(String name, Map<String, String> tags) {
    QueueRecord queue = require(name);
    if (tags == null || tags.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    QueueTags.merge(name, queue.tags(), tags);
    return update(name, current -> unlessRefused(current,
        () -> current.withTags(QueueTags.merge(name, current.tags(), tags))));
  }

  CompletableFuture<Void> untag(String name, List<String> keys) {
    require(name);
    if (keys == null || keys.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return update(name, current -> {
      Map<String, String> remaining = new HashMap<>(current.tags());
      keys.forEach(remaining::remove);
      return current.withTags(remaining);
    });
  }

  Map<String, String> tags(String name) {
    return new TreeMap<>(require(name).tags());
  }

  CompletableFuture<Void> addPermission(
      String name, String label, List<String> accountIds, List<String> actions) {
    QueueRecord queue = require(name);
    QueuePermissions.checkAdd(label, accountIds, actions);
    String arn = arns.of(name);
    QueuePermissions.add(queue.attributes().get(POLICY), arn, label, accountIds, actions);
    return updatePolicy(name,
        policy -> QueuePermissions.add(policy, arn, label, accountIds, actions));
  }

  CompletableFuture<Void> removePermission(String name, String label) {
    QueueRecord queue = require(name);
    QueuePermissions.checkLabel(label);
    String arn = arns.of(name);
    QueuePermissions.remove(queue.attributes().get(POLICY), arn, label);
    return updatePolicy(name, policy -> QueuePermissions.remove(policy, arn, label));
  }

  private CompletableFuture<Void> updatePolicy(String name, UnaryOperator<String> edit) {
    return update(name, current -> unlessRefused(current, () -> {
      Map<String, String> attributes = new HashMap<>(current.attributes());
      String policy = edit.apply(attributes.get(POLICY));
      if (policy == null) {
        attributes.remove(POLICY);
      } else {
        attributes.put(POLICY, policy);
      }
      return current.withAttributes(attributes, time.nowMillis());
    }));
  }

  private CompletableFuture<Void> update(String name, UnaryOperator<QueueRecord> change) {
    return store.updateQueue(name, change).thenApply(updated -> null);
  }

  private static QueueRecord unlessRefused(
      QueueRecord current, Supplier<QueueRecord> change) {
    try {
      return change.get();
    } catch (SqsException raceLost) {
      return current;
    }
  }
}
