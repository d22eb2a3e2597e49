package dev.sluice.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.it.support.SdkClients;
import dev.sluice.server.it.support.TestServer.TempDirs;
import dev.sluice.server.testing.SluiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The embedded store's promise, tested the hard way: whatever was answered with 200 survives
 * {@code kill -9}. Producers record every acknowledged send and a consumer every acknowledged
 * delete while the server process is killed mid-load; after a restart on the same data directory
 * every acknowledged, undeleted message must be there exactly once, with its body and attributes,
 * FIFO groups in the order they were sent, and every acknowledged delete must stay deleted.
 * Requests in flight at the kill may go either way: those are the only ones the test forgives.
 *
 * <p>A SIGKILL ends the process, not the machine: data the server handed to the OS survives it.
 * So this finds acknowledgements given before the write left the JVM, state kept only in memory,
 * and recovery that loses, duplicates or resurrects messages; not a missing fsync.
 */
@DisplayName("Crash recovery: kill -9 under load loses no acknowledged write")
class CrashRecoveryTest {

  private static final Logger log = LoggerFactory.getLogger(CrashRecoveryTest.class);

  static final int PRODUCERS = 4;
  static final int KILL_AFTER_ACKNOWLEDGED_SENDS = 1500;
  static final Duration KILL_AFTER_AT_MOST = Duration.ofSeconds(8);
  static final List<String> STANDARD_QUEUES = List.of("crash-orders", "crash-events");
  static final String FIFO_QUEUE = "crash-ledger.fifo";

  Path dataDir;
  SluiceProcess server;

  /** message id -> body, for every send the server acknowledged. */
  final Map<String, String> acknowledgedSends = new ConcurrentHashMap<>();
  /** message ids whose delete the server acknowledged. */
  final Set<String> acknowledgedDeletes = ConcurrentHashMap.newKeySet();
  /** message ids a delete was sent for, acknowledged or not. */
  final Set<String> attemptedDeletes = ConcurrentHashMap.newKeySet();
  final AtomicBoolean killing = new AtomicBoolean();
  final AtomicBoolean stop = new AtomicBoolean();
  final AtomicInteger failuresWhileUp = new AtomicInteger();

  @BeforeEach
  void createDataDir() {
    dataDir = TempDirs.create("sluice-crash-");
  }

  @AfterEach
  void cleanUp() {
    if (server != null) {
      server.close();
    }
    TempDirs.delete(dataDir);
  }

  @Test
  void every_acknowledged_send_and_delete_survives_a_kill_during_load() throws Exception {
    server = startServer();
    try (SqsClient sqs = SdkClients.sqsV2(server.endpoint())) {
      List<String> standardUrls = new ArrayList<>();
      for (String queue : STANDARD_QUEUES) {
        // A short visibility timeout, so messages in flight at the kill come back soon.
        standardUrls.add(sqs.createQueue(r -> r.queueName(queue)
            .attributesWithStrings(Map.of("VisibilityTimeout", "2"))).queueUrl());
      }
      String fifoUrl = sqs.createQueue(r -> r.queueName(FIFO_QUEUE).attributesWithStrings(
          Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"))).queueUrl();

      runLoadAndKill(sqs, standardUrls, fifoUrl);

      log.info("killed pid {} after {} acknowledged sends, {} acknowledged deletes",
          server.pid(), acknowledgedSends.size(), acknowledgedDeletes.size());
      assertThat(failuresWhileUp).as("requests refused before the kill (see the log)").hasValue(0);
      assertThat(acknowledgedSends).as("sends before the kill").hasSizeGreaterThan(100);
      assertThat(acknowledgedDeletes).as("deletes before the kill").isNotEmpty();
    }

    server = startServer();
    Map<String, List<Message>> drained = new HashMap<>();
    List<Message> fifoDrained;
    try (SqsClient sqs = SdkClients.sqsV2(server.endpoint())) {
      assertThat(sqs.listQueues(r -> r.queueNamePrefix("crash-")).queueUrls())
          .as("queues after the restart").hasSize(STANDARD_QUEUES.size() + 1);
      for (String queue : STANDARD_QUEUES) {
        drain(sqs, sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl())
            .forEach(m -> drained.computeIfAbsent(m.messageId(), id -> new ArrayList<>()).add(m));
      }
      fifoDrained = drain(sqs, sqs.getQueueUrl(r -> r.queueName(FIFO_QUEUE)).queueUrl());
      fifoDrained.forEach(m ->
          drained.computeIfAbsent(m.messageId(), id -> new ArrayList<>()).add(m));
    }

    assertEveryAcknowledgedSendIsThereOnce(drained);
    assertThat(acknowledgedDeletes).as("acknowledged deletes that came back")
        .doesNotContainAnyElementsOf(drained.keySet());
    assertThat(drained.values()).as("only messages the producers sent")
        .allSatisfy(copies -> assertThat(copies.get(0).body()).matches("p\\d+/\\d+(\\.\\d)?"));
    assertEachGroupInSendOrder(fifoDrained);
    log.info("after the restart: {} messages drained ({} FIFO), {} of them sends in flight at "
        + "the kill", drained.size(), fifoDrained.size(),
        drained.keySet().stream().filter(id -> !acknowledgedSends.containsKey(id)).count());
  }

  private void assertEveryAcknowledgedSendIsThereOnce(Map<String, List<Message>> drained) {
    List<String> missing = new ArrayList<>();
    List<String> duplicated = new ArrayList<>();
    acknowledgedSends.forEach((id, body) -> {
      if (attemptedDeletes.contains(id)) {
        return;
      }
      List<Message> copies = drained.getOrDefault(id, List.of());
      if (copies.isEmpty()) {
        missing.add(id + " " + body);
      } else if (copies.size() > 1) {
        duplicated.add(id + " " + body);
      } else {
        assertThat(copies.get(0).body()).as("body of %s", id).isEqualTo(body);
        assertThat(copies.get(0).messageAttributes().get("producer").stringValue())
            .as("attribute of %s", id).isEqualTo(body.substring(0, body.indexOf('/')));
      }
    });
    assertThat(missing).as("acknowledged sends lost by the crash (of %d)",
        acknowledgedSends.size()).isEmpty();
    assertThat(duplicated).as("acknowledged sends delivered twice after the crash").isEmpty();
  }

  /** FIFO bodies are {@code pN/i}, i rising per producer; each producer is one message group. */
  private static void assertEachGroupInSendOrder(List<Message> fifoDrained) {
    Map<String, List<Integer>> sequenceByGroup = new HashMap<>();
    for (Message m : fifoDrained) {
      String[] parts = m.body().split("/");
      sequenceByGroup.computeIfAbsent(parts[0], g -> new ArrayList<>())
          .add(Integer.parseInt(parts[1]));
    }
    assertThat(sequenceByGroup).as("FIFO groups").isNotEmpty();
    sequenceByGroup.forEach((group, sequence) ->
        assertThat(sequence).as("group %s in delivery order", group).isSorted()
            .doesNotHaveDuplicates());
  }

  /** The real server in a child JVM (kill -9 must not take the test down with it). */
  private SluiceProcess startServer() {
    return SluiceProcess.start(List.of("-Xmx512m"), dataDir);
  }

  /** Producers and a consumer run until enough sends were acknowledged; then kill -9. */
  private void runLoadAndKill(SqsClient sqs, List<String> standardUrls, String fifoUrl)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS + 1);
    CountDownLatch enough = new CountDownLatch(1);
    for (int p = 0; p < PRODUCERS; p++) {
      int producer = p;
      pool.submit(() -> produce(sqs, producer, standardUrls, fifoUrl, enough));
    }
    pool.submit(() -> consume(sqs, standardUrls));

    enough.await(KILL_AFTER_AT_MOST.toMillis(), TimeUnit.MILLISECONDS);
    killing.set(true);
    server.kill();
    stop.set(true);
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("load stopped").isTrue();
  }

  /** Single sends, batches of five, and FIFO sends in the producer's own group. */
  private void produce(SqsClient sqs, int producer, List<String> standardUrls, String fifoUrl,
      CountDownLatch enough) {
    String tag = "p" + producer;
    Map<String, MessageAttributeValue> attributes = Map.of("producer",
        MessageAttributeValue.builder().dataType("String").stringValue(tag).build());
    for (int i = 0; !stop.get(); i++) {
      String url = standardUrls.get(i % standardUrls.size());
      try {
        if (i % 4 == 3) {
          String body = tag + "/" + i;
          String id = sqs.sendMessage(r -> r.queueUrl(fifoUrl).messageBody(body)
              .messageGroupId(tag).messageAttributes(attributes)).messageId();
          acknowledgedSends.put(id, body);
        } else if (i % 4 == 0) {
          List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
          Map<String, String> bodies = new HashMap<>();
          for (int e = 0; e < 5; e++) {
            String body = tag + "/" + i + "." + e;
            bodies.put("e" + e, body);
            entries.add(SendMessageBatchRequestEntry.builder().id("e" + e).messageBody(body)
                .messageAttributes(attributes).build());
          }
          var response = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries));
          if (!response.failed().isEmpty()) {
            failed("batch entries refused: " + response.failed(), null);
          }
          response.successful().forEach(s -> acknowledgedSends.put(s.messageId(),
              bodies.get(s.id())));
        } else {
          String body = tag + "/" + i;
          String id = sqs.sendMessage(r -> r.queueUrl(url).messageBody(body)
              .messageAttributes(attributes)).messageId();
          acknowledgedSends.put(id, body);
        }
        if (acknowledgedSends.size() >= KILL_AFTER_ACKNOWLEDGED_SENDS) {
          enough.countDown();
        }
      } catch (RuntimeException e) {
        failed("send failed", e);
      }
    }
  }

  /**
   * Receives and deletes half of what it gets (the rest stays received but undeleted, as at any
   * crash), one by one and in batches, recording each delete before it is sent and once answered.
   */
  private void consume(SqsClient sqs, List<String> urls) {
    for (int i = 0; !stop.get(); i++) {
      String url = urls.get(i % urls.size());
      try {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url)
            .maxNumberOfMessages(10).messageAttributeNames("All")).messages();
        List<Message> toDelete = new ArrayList<>();
        for (int m = 0; m < messages.size(); m += 2) {
          toDelete.add(messages.get(m));
          attemptedDeletes.add(messages.get(m).messageId());
        }
        if (i % 2 == 0) {
          for (Message message : toDelete) {
            sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
            acknowledgedDeletes.add(message.messageId());
          }
        } else if (!toDelete.isEmpty()) {
          var response = sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(toDelete.stream()
              .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId())
                  .receiptHandle(m.receiptHandle()).build())
              .toList()));
          response.successful().forEach(s -> acknowledgedDeletes.add(s.id()));
          if (!response.failed().isEmpty()) {
            failed("batch deletes refused: " + response.failed(), null);
          }
        }
      } catch (RuntimeException e) {
        failed("receive or delete failed", e);
      }
    }
  }

  /** Receives and deletes until the queue reports nothing left, visible or in flight. */
  private static List<Message> drain(SqsClient sqs, String url) {
    List<Message> drained = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
    while (System.nanoTime() < deadline) {
      List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
          .visibilityTimeout(60).waitTimeSeconds(1).messageAttributeNames("All")).messages();
      drained.addAll(messages);
      if (!messages.isEmpty()) {
        var deleted = sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(messages.stream()
            .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId())
                .receiptHandle(m.receiptHandle()).build())
            .toList()));
        assertThat(deleted.failed()).as("deletes while draining").isEmpty();
      } else if (isEmpty(sqs, url)) {
        return drained;
      }
    }
    throw new AssertionError("queue " + url + " did not drain; got " + drained.size());
  }

  private static boolean isEmpty(SqsClient sqs, String url) {
    Map<String, String> counts = new LinkedHashMap<>(sqs.getQueueAttributes(r -> r.queueUrl(url)
        .attributeNamesWithStrings("All")).attributesAsStrings());
    return counts.get("ApproximateNumberOfMessages").equals("0")
        && counts.get("ApproximateNumberOfMessagesNotVisible").equals("0")
        && counts.get("ApproximateNumberOfMessagesDelayed").equals("0");
  }

  /** Expected once the kill began (the server is gone); before that a failure of its own. */
  private void failed(String what, RuntimeException e) {
    if (!killing.get()) {
      failuresWhileUp.incrementAndGet();
      log.warn("{} while the server was up", what, e);
    }
    try {
      Thread.sleep(20);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
