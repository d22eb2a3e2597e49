package dev.sluice.server;

import dev.sluice.core.queue.QueueService;
import dev.sluice.core.time.TimeSource;
import dev.sluice.protocol.aws.events.EventsService;
import dev.sluice.schedules.RuleService;
import dev.sluice.schedules.delivery.DeliveryJournal;
import dev.sluice.schedules.delivery.EventDispatcher;
import dev.sluice.schedules.delivery.FunctionTargetInvoker;
import dev.sluice.schedules.delivery.FunctionTargetSender;
import dev.sluice.schedules.delivery.SqsTargetSender;
import dev.sluice.schedules.delivery.TargetDelivery;
import dev.sluice.schedules.rules.InMemoryRuleStore;
import dev.sluice.schedules.rules.RuleStore;
import dev.sluice.schedules.scheduler.RuleScheduler;
import dev.sluice.schedules.scheduler.SingleNodeTickLeases;
import dev.sluice.store.embedded.rules.FileDeliveryJournal;
import dev.sluice.store.embedded.rules.JsonFileRuleStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventBridge rules of a server, beside its queues: the rule store ({@code <dataDir>/rules} with
 * the embedded store, memory otherwise), the pending target retries ({@code
 * <dataDir>/rules/retries}, re-armed at start), the rule service, the scheduler, and the
 * EventBridge protocol. Lambda targets are invoked through the {@link FunctionTargetInvoker} the server
 * passes in (Event invocations of its function service).
 */
final class Schedules implements AutoCloseable {

  static final String RULES_FOLDER = "rules";
  static final String RETRIES_FOLDER = "retries";

  private static final Logger log = LoggerFactory.getLogger(Schedules.class);

  private final RuleStore store;
  private final DeliveryJournal journal;
  private final RuleService rules;
  private final RuleScheduler scheduler;
  private final ExecutorService executor;
  private final EventsService events;

  private Schedules(RuleStore store, DeliveryJournal journal, RuleService rules,
      RuleScheduler scheduler, ExecutorService executor) {
    this.store = store;
    this.journal = journal;
    this.rules = rules;
    this.scheduler = scheduler;
    this.executor = executor;
    this.events = new EventsService(rules, executor);
  }

  /** @param functions how Lambda targets are invoked (asynchronously, as EventBridge does) */
  static Schedules open(ServerConfig config, QueueService queues, FunctionTargetInvoker functions,
      TimeSource time) {
    RuleStore store = openStore(config);
    DeliveryJournal journal = openJournal(config);
    SqsTargetSender sqs = new SqsTargetSender(queues);
    TargetDelivery delivery = new TargetDelivery(
        List.of(sqs, new FunctionTargetSender(functions)), sqs, time, journal);
    RuleService rules = new RuleService(
        store, new EventDispatcher(delivery), time, config.accountId(), config.region());
    RuleScheduler scheduler = new RuleScheduler(rules, new SingleNodeTickLeases(), time);
    scheduler.start();
    int retries = delivery.resume();
    log.info("{} rules loaded, {} schedules armed, {} target retries pending",
        store.all().size(), scheduler.armedRules(), retries);
    return new Schedules(store, journal, rules, scheduler, executor());
  }

  RuleService rules() {
    return rules;
  }

  EventsService events() {
    return events;
  }

  @Override
  public void close() {
    scheduler.close();
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("EventBridge requests still running after 5 s; closing the rule store anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
    journal.close();
  }

  private static DeliveryJournal openJournal(ServerConfig config) {
    if (config.store() != StoreKind.EMBEDDED) {
      return DeliveryJournal.inMemory();
    }
    Path folder = config.dataDir().resolve(RULES_FOLDER).resolve(RETRIES_FOLDER);
    try {
      return FileDeliveryJournal.open(folder);
    } catch (IOException | RuntimeException e) {
      throw new ServerStartException("Cannot open the target retries in " + folder + ": " + e, e);
    }
  }

  private static RuleStore openStore(ServerConfig config) {
    if (config.store() != StoreKind.EMBEDDED) {
      return new InMemoryRuleStore();
    }
    Path folder = config.dataDir().resolve(RULES_FOLDER);
    try {
      return JsonFileRuleStore.open(folder);
    } catch (IOException | RuntimeException e) {
      throw new ServerStartException("Cannot open the rule store in " + folder + ": " + e, e);
    }
  }

  // Rule changes fsync the rule file: they run here, off the event loops.
  private static ExecutorService executor() {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "sluice-events-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }
}
