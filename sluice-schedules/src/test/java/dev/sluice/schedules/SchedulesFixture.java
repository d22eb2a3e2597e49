package dev.sluice.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.queue.QueueService;
import dev.sluice.core.queue.engine.InMemoryQueueStore;
import dev.sluice.core.queue.model.ReceiveMessageRequest;
import dev.sluice.core.queue.model.ReceivedMessage;
import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.schedules.delivery.EventDispatcher;
import dev.sluice.schedules.delivery.Events;
import dev.sluice.schedules.delivery.FunctionTargetInvoker;
import dev.sluice.schedules.delivery.FunctionTargetSender;
import dev.sluice.schedules.delivery.SqsTargetSender;
import dev.sluice.schedules.delivery.TargetDelivery;
import dev.sluice.schedules.rules.InMemoryRuleStore;
import dev.sluice.schedules.rules.PutRuleRequest;
import dev.sluice.schedules.rules.RuleState;
import dev.sluice.schedules.rules.RuleStore;
import dev.sluice.schedules.scheduler.RuleScheduler;
import dev.sluice.schedules.scheduler.SingleNodeTickLeases;
import dev.sluice.schedules.scheduler.TickLeases;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A rule service, scheduler and real in-memory queues on one manual clock. */
public final class SchedulesFixture implements AutoCloseable {

  public static final String ACCOUNT = "111111111111";
  public static final String REGION = "us-east-1";

  public final ManualTimeSource time;
  public final QueueService queues;
  public final RuleService rules;
  public final RuleScheduler scheduler;

  public SchedulesFixture() {
    this(new ManualTimeSource(), new InMemoryRuleStore(), new SingleNodeTickLeases());
  }

  public SchedulesFixture(ManualTimeSource time, RuleStore store, TickLeases leases) {
    this(time, new QueueService(new InMemoryQueueStore(time), time, ACCOUNT, REGION), store, leases);
  }

  public SchedulesFixture(
      ManualTimeSource time, QueueService queues, RuleStore store, TickLeases leases) {
    this.time = time;
    this.queues = queues;
    SqsTargetSender sqs = new SqsTargetSender(queues);
    TargetDelivery delivery = new TargetDelivery(
        List.of(sqs, new FunctionTargetSender(FunctionTargetInvoker.UNWIRED)), sqs, time);
    this.rules = new RuleService(store, new EventDispatcher(delivery), time, ACCOUNT, REGION);
    this.scheduler = new RuleScheduler(rules, leases, time);
    scheduler.start();
  }

  public String createQueue(String name) {
    Map<String, String> attributes = name.endsWith(".fifo") ? Map.of("FifoQueue", "true") : Map.of();
    queues.createQueue(name, attributes, Map.of()).join();
    return queues.queueArn(name);
  }

  public String putScheduleRule(String name, String expression) {
    return rules.putRule(new PutRuleRequest(
        name, expression, null, RuleState.ENABLED, null, null, null, null));
  }

  /** Every message now visible in the queue (received, then deleted). */
  public List<ReceivedMessage> drain(String queue) {
    List<ReceivedMessage> all = new ArrayList<>();
    while (true) {
      List<ReceivedMessage> batch = queues.receiveMessage(queue, new ReceiveMessageRequest(
          10, null, 0, List.of("All"), null, List.of("All"), null)).join();
      if (batch.isEmpty()) {
        return all;
      }
      for (ReceivedMessage message : batch) {
        queues.deleteMessage(queue, message.receiptHandle()).join();
        all.add(message);
      }
    }
  }

  public static JsonNode json(String text) {
    try {
      return Events.JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    scheduler.close();
    queues.close();
  }
}
