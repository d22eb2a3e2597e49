package dev.sluice.store.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.model.MessageAttributeValue;
import dev.sluice.core.queue.store.Delivery;
import dev.sluice.core.queue.store.MessageData;
import dev.sluice.core.queue.store.NewMessage;
import dev.sluice.core.queue.store.QueueRecord;
import dev.sluice.core.queue.store.QueueStore;
import dev.sluice.core.queue.store.ReceiveSpec;
import dev.sluice.core.queue.store.SendOutcome;
import dev.sluice.core.time.ManualTimeSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every behaviour class of the contract shares: a fresh store on a manual clock per test,
 * and short ways to create queues, send, receive and wait for futures. Queues are built the way
 * the core builds them (every settable attribute present); messages carry realistic derived values.
 */
public abstract class StoreFixture {

  /** Futures of a healthy store complete quickly; waiting longer means a bug. */
  protected static final Duration FUTURE_TIMEOUT = Duration.ofSeconds(10);

  protected static final String REGION = "us-east-1";
  protected static final String ACCOUNT = "000000000000";

  protected ManualTimeSource time;
  protected QueueStore store;

  /** A new, empty store on this clock. */
  protected abstract QueueStore newStore(ManualTimeSource time);

  @BeforeEach
  void openStore() {
    time = new ManualTimeSource();
    store = newStore(time);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  // ---------------------------------------------------------------- queues

  protected static String arn(String queueName) {
    return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + queueName;
  }

  protected QueueRecord standardQueue(String name, String... attributePairs) {
    return queueRecord(name, false, attributePairs);
  }

  protected QueueRecord fifoQueue(String name, String... attributePairs) {
    return queueRecord(name, true, attributePairs);
  }

  protected QueueRecord queueRecord(String name, boolean fifo, String... attributePairs) {
    Map<String, String> attributes = new HashMap<>();
    attributes.put("VisibilityTimeout", "30");
    attributes.put("DelaySeconds", "0");
    attributes.put("MessageRetentionPeriod", "345600");
    attributes.put("MaximumMessageSize", "1048576");
    attributes.put("ReceiveMessageWaitTimeSeconds", "0");
    if (fifo) {
      attributes.put("FifoQueue", "true");
      attributes.put("ContentBasedDeduplication", "false");
      attributes.put("DeduplicationScope", "queue");
      attributes.put("FifoThroughputLimit", "perQueue");
    }
    for (int i = 0; i + 1 < attributePairs.length; i += 2) {
      attributes.put(attributePairs[i], attributePairs[i + 1]);
    }
    long now = time.nowMillis();
    return new QueueRecord(name, fifo, now, now, attributes, Map.of());
  }

  protected QueueRecord create(QueueRecord queue) {
    return await(store.createQueue(queue));
  }

  protected String createStandard(String name, String... attributePairs) {
    create(standardQueue(name, attributePairs));
    return name;
  }

  protected String createFifo(String name, String... attributePairs) {
    create(fifoQueue(name, attributePairs));
    return name;
  }

  protected static String redrivePolicy(String deadLetterQueueName, int maxReceiveCount) {
    return "{\"deadLetterTargetArn\":\"" + arn(deadLetterQueueName) + "\",\"maxReceiveCount\":"
        + maxReceiveCount + "}";
  }

  // ---------------------------------------------------------------- messages

  protected MessageData message(String body) {
    return message(body, null, null);
  }

  protected MessageData message(String body, String groupId, String deduplicationId) {
    Map<String, MessageAttributeValue> attributes = Map.of(
        "colour", MessageAttributeValue.string("blue"),
        "size", MessageAttributeValue.number("42"),
        "blob", MessageAttributeValue.binary(new byte[] {1, 2, 3}));
    return new MessageData(
        UUID.randomUUID().toString(), body, "md5-of-" + body, attributes, "md5-of-attributes",
        Map.of("AWSTraceHeader", MessageAttributeValue.string("Root=1-abc")), "md5-of-system",
        time.nowMillis(), ACCOUNT, groupId, deduplicationId, null);
  }

  protected SendOutcome send(String queue, MessageData data) {
    return send(queue, data, 0);
  }

  protected SendOutcome send(String queue, MessageData data, int delaySeconds) {
    List<SendOutcome> outcomes = await(store.send(queue, List.of(new NewMessage(data, delaySeconds))));
    assertThat(outcomes).hasSize(1);
    return outcomes.get(0);
  }

  protected SendOutcome send(String queue, String body) {
    return send(queue, message(body));
  }

  protected SendOutcome sendFifo(String queue, String groupId, String body) {
    return send(queue, message(body, groupId, body + "-dedup"));
  }

  protected List<Delivery> receive(String queue, int max) {
    return receive(queue, max, 30);
  }

  protected List<Delivery> receive(String queue, int max, int visibilityTimeoutSeconds) {
    return await(store.receive(queue, new ReceiveSpec(max, visibilityTimeoutSeconds, null)));
  }

  protected Delivery receiveOne(String queue) {
    List<Delivery> deliveries = receive(queue, 1);
    assertThat(deliveries).hasSize(1);
    return deliveries.get(0);
  }

  protected static List<String> bodies(List<Delivery> deliveries) {
    return deliveries.stream().map(d -> d.message().body()).toList();
  }

  protected void advanceSeconds(long seconds) {
    time.advanceSeconds(seconds);
  }

  // ---------------------------------------------------------------- futures

  protected static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(FUTURE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new AssertionError(e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("store future did not complete within " + FUTURE_TIMEOUT);
    }
  }

  /** The failure a future completed with (it must fail). */
  protected static Throwable failureOf(CompletableFuture<?> future) {
    try {
      future.get(FUTURE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("future did not fail in time", e);
    }
    throw new AssertionError("expected the future to fail, but it completed normally");
  }
}
