package dev.sluice.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.store.Delivery;
import dev.sluice.core.queue.store.QueueCounts;
import dev.sluice.core.queue.store.ReceiveSpec;
import dev.sluice.core.time.ManualTimeSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of a load: everything the store acknowledged must be on disk afterwards.
 * A child JVM ({@link CrashWorkload}) sends and deletes through the store and prints each
 * acknowledged id; this test kills it with SIGKILL, reopens the directory and checks that every
 * acknowledged send is there exactly once and no acknowledged delete came back.
 */
class EmbeddedStoreCrashTest {

  private static final int ACKNOWLEDGED_SENDS_BEFORE_KILL = 3_000;
  private static final int ACKNOWLEDGED_DELETES_BEFORE_KILL = 300;

  @TempDir Path work;
  private Path directory;
  private Path childLog;

  @Test
  void every_acknowledged_send_and_delete_survives_kill_9() throws Exception {
    Set<String> sent = ConcurrentHashMap.newKeySet();
    Set<String> deleting = ConcurrentHashMap.newKeySet();
    Set<String> deleted = ConcurrentHashMap.newKeySet();
    CountDownLatch enough = new CountDownLatch(1);
    directory = work.resolve("store");
    childLog = work.resolve("child.log");

    // Given a child process writing through the store, killed mid-load
    Process child = startWorkload();
    Thread reader = new Thread(() -> readAcknowledgements(child, sent, deleting, deleted, enough), "ack-reader");
    reader.start();
    boolean loaded = enough.await(60, TimeUnit.SECONDS);
    child.destroyForcibly(); // SIGKILL
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    reader.join(10_000); // lines already in the pipe were acknowledged before the kill too
    assertThat(loaded).as("the child acknowledged enough before the kill; its log:%n%s",
        Files.readString(childLog)).isTrue();

    // When the directory is opened again, with every lease run out
    ManualTimeSource later = new ManualTimeSource(System.currentTimeMillis() + Duration.ofHours(1).toMillis());
    try (EmbeddedQueueStore store = EmbeddedQueueStore.open(directory, later)) {
      List<String> found = receiveEverything(store);

      // Then every acknowledged send is there once (unless a delete of it was under way), and no
      // acknowledged delete is
      Set<String> expected = new HashSet<>(sent);
      expected.removeAll(deleting);
      assertThat(found).doesNotHaveDuplicates();
      assertThat(found).containsAll(expected);
      assertThat(found).doesNotContainAnyElementsOf(deleted);
      assertThat(expected).hasSizeGreaterThan(ACKNOWLEDGED_SENDS_BEFORE_KILL / 2);
      assertThat(store.counts(CrashWorkload.QUEUE)).isEqualTo(new QueueCounts(0, found.size(), 0));
    }
  }

  private Process startWorkload() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Surefire runs tests from a manifest-only jar; it publishes the real class path here.
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return new ProcessBuilder(java, "-Xmx256m", "-cp", classPath, CrashWorkload.class.getName(),
        directory.toString())
        .redirectError(childLog.toFile())
        .start();
  }

  private static void readAcknowledgements(
      Process child, Set<String> sent, Set<String> deleting, Set<String> deleted, CountDownLatch enough) {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("SENT ")) {
          sent.add(line.substring(5));
        } else if (line.startsWith("DELETING ")) {
          deleting.add(line.substring(9));
        } else if (line.startsWith("DELETED ")) {
          deleted.add(line.substring(8));
        }
        if (sent.size() >= ACKNOWLEDGED_SENDS_BEFORE_KILL && deleted.size() >= ACKNOWLEDGED_DELETES_BEFORE_KILL) {
          enough.countDown();
        }
      }
    } catch (Exception e) {
      // The pipe breaks when the child dies; what was read so far is what counts.
    }
  }

  private static List<String> receiveEverything(EmbeddedQueueStore store) throws Exception {
    List<String> ids = new ArrayList<>();
    List<Delivery> batch;
    do {
      batch = store.receive(CrashWorkload.QUEUE, new ReceiveSpec(10, 3_600, null)).get(10, TimeUnit.SECONDS);
      batch.forEach(delivery -> ids.add(delivery.message().messageId()));
    } while (!batch.isEmpty());
    return ids;
  }
}
