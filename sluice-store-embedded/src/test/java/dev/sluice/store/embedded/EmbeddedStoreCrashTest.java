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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of a load: everything the store acknowledged must be on disk afterwards.
 * A child JVM ({@link CrashWorkload}) sends and deletes through the store and prints each
 * acknowledged id; this test kills it with SIGKILL, reads the child's output to its end, reopens
 * the directory and checks that every acknowledged send is there exactly once and no acknowledged
 * delete came back.
 */
class EmbeddedStoreCrashTest {

  private static final int ACKNOWLEDGED_SENDS_BEFORE_KILL = 3_000;
  private static final int ACKNOWLEDGED_DELETES_BEFORE_KILL = 300;
  /** Only a bound on a hung reader: the verdict never depends on it (see the join below). */
  private static final Duration OUTPUT_READ_LIMIT = Duration.ofMinutes(2);
  private static final Pattern PROTOCOL_LINE = Pattern.compile(
      "(SENT|DELETING|DELETED) ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

  @TempDir Path work;
  private Path directory;
  private Path childLog;
  private Path childTemporaryDirectory;
  private long walFilesAtKill;
  private List<String> storeThreadsAtKill;

  @Test
  void every_acknowledged_send_and_delete_survives_kill_9() throws Exception {
    killMidLoadAndCheck();

    // why: RocksDB's own loader leaves a 17 MB copy of its library in the temporary folder at
    // every kill -9; the store loads a per-user shared copy instead (see RocksNativeLibrary)
    try (var files = Files.list(childTemporaryDirectory)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .as("the killed child's temporary folder")
          .noneMatch(name -> name.startsWith("librocksdbjni"))
          .anyMatch(name -> name.startsWith("sluice-"));
    }
  }

  @Test
  void every_acknowledged_send_and_delete_survives_kill_9_while_wal_files_are_reused() throws Exception {
    killMidLoadAndCheck(CrashWorkload.RECYCLE_WAL_FILES);

    // why: without reuse RocksDB deletes obsolete WAL files and only the current one is left
    assertThat(walFilesAtKill)
        .as("WAL files when the child died (the current one plus those kept for reuse)")
        .isGreaterThan(1);
  }

  @Test
  void on_one_cpu_every_acknowledged_send_and_delete_survives_kill_9() throws Exception {
    // why: with one CPU the committer acknowledges every group itself, with no acknowledger
    killMidLoadAndCheck(List.of("-XX:ActiveProcessorCount=1"));

    assertThat(storeThreadsAtKill)
        .as("store threads in the child (comm names are cut to 15 characters)")
        .containsExactly("sluice-embedded");
  }

  private void killMidLoadAndCheck(String... workloadArguments) throws Exception {
    killMidLoadAndCheck(List.of(), workloadArguments);
  }

  private void killMidLoadAndCheck(List<String> jvmOptions, String... workloadArguments)
      throws Exception {
    directory = work.resolve("store");
    childLog = work.resolve("child.log");
    childTemporaryDirectory = Files.createDirectory(work.resolve("tmp"));

    // Given a child process writing through the store, killed mid-load
    Process child = startWorkload(jvmOptions, workloadArguments);
    Acknowledgements acks = new Acknowledgements();
    Thread reader = new Thread(() -> acks.readAll(child), "ack-reader");
    reader.start();
    boolean loaded = acks.enough.await(60, TimeUnit.SECONDS);
    storeThreadsAtKill = storeThreads(child.pid());
    // why toHandle(): Process.destroyForcibly() sends SIGKILL and then closes our end of the
    // child's stdout, discarding every line still in the pipe (up to 64 KB when the reader lags on
    // a loaded machine). Those lines were printed before the kill: promises too. A lost DELETING
    // line made its rightly deleted message look like a lost send. The handle only sends SIGKILL.
    child.toHandle().destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    try (var files = Files.list(directory)) {
      walFilesAtKill = files.filter(file -> file.getFileName().toString().endsWith(".log")).count();
    }
    // Judge only once the reader saw the end of the output, however long a loaded machine takes.
    reader.join(OUTPUT_READ_LIMIT.toMillis());
    assertThat(reader.isAlive()).as("the child's output was read to its end").isFalse();
    assertThat(acks.failure).as("reading the child's output failed").isNull();
    assertThat(acks.unexpected).as("lines the child printed that are not acknowledgements").isEmpty();
    assertThat(loaded).as("the child acknowledged enough before the kill; its log:%n%s",
        Files.readString(childLog)).isTrue();

    // When the directory is opened again, with every lease run out
    ManualTimeSource later = new ManualTimeSource(System.currentTimeMillis() + Duration.ofHours(1).toMillis());
    try (EmbeddedQueueStore store = EmbeddedQueueStore.open(directory, later)) {
      List<String> found = receiveEverything(store);
      assertThat(store.counts(CrashWorkload.QUEUE))
          .as("every message was received, and each once").isEqualTo(new QueueCounts(0, found.size(), 0));

      // Then every acknowledged send is there once (unless a delete of it was under way), and no
      // acknowledged delete is
      Set<String> expected = new HashSet<>(acks.sent);
      expected.removeAll(acks.deleting);
      Set<String> missing = new HashSet<>(expected);
      found.forEach(missing::remove);
      assertThat(found).doesNotHaveDuplicates();
      assertThat(missing).as("acknowledged sends missing after kill -9 (of %d expected, %d found)",
          expected.size(), found.size()).isEmpty();
      assertThat(found).as("acknowledged deletes back after kill -9").doesNotContainAnyElementsOf(acks.deleted);
      assertThat(expected).hasSizeGreaterThan(ACKNOWLEDGED_SENDS_BEFORE_KILL / 2);
    }
  }

  /** The names of the child's store threads, from /proc (empty where there is none). */
  private static List<String> storeThreads(long pid) throws Exception {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(tasks)) {
      return names;
    }
    try (var threads = Files.list(tasks)) {
      for (Path thread : threads.toList()) {
        String name;
        try {
          name = Files.readString(thread.resolve("comm")).strip();
        } catch (NoSuchFileException e) {
          continue; // why: a JVM thread (a compiler thread, say) ended after the listing
        }
        if (name.startsWith("sluice-embedded")) {
          names.add(name);
        }
      }
    }
    return names;
  }

  private Process startWorkload(List<String> jvmOptions, String... workloadArguments)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Surefire runs tests from a manifest-only jar; it publishes the real class path here.
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    // why the -X options: stdout is the acknowledgement channel; the VM's own messages (its
    // warnings and unified logging go to stdout by default) belong in the child's log instead.
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
        "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr"));
    command.addAll(jvmOptions);
    command.add("-Djava.io.tmpdir=" + childTemporaryDirectory);
    command.addAll(List.of("-cp", classPath, CrashWorkload.class.getName(), directory.toString()));
    command.addAll(List.of(workloadArguments));
    return new ProcessBuilder(command)
        .redirectError(childLog.toFile())
        .start();
  }

  /** What the child printed; written by the reader thread only, read after it ended. */
  private static final class Acknowledgements {
    final Set<String> sent = new HashSet<>();
    final Set<String> deleting = new HashSet<>();
    final Set<String> deleted = new HashSet<>();
    final List<String> unexpected = new ArrayList<>();
    final CountDownLatch enough = new CountDownLatch(1);
    volatile Exception failure;

    /** Until the end of the output: the pipe reports its end once the killed child is gone. */
    void readAll(Process child) {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          accept(line);
          if (sent.size() >= ACKNOWLEDGED_SENDS_BEFORE_KILL && deleted.size() >= ACKNOWLEDGED_DELETES_BEFORE_KILL) {
            enough.countDown();
          }
        }
      } catch (Exception e) {
        failure = e;
      }
    }

    private void accept(String line) {
      Matcher protocol = PROTOCOL_LINE.matcher(line);
      if (!protocol.matches()) {
        // READY, or the last line cut short by the kill (then it was never a whole promise)
        if (!line.equals(CrashWorkload.READY) && !isPrefixOfProtocolLine(line)) {
          unexpected.add(line);
        }
        return;
      }
      String id = protocol.group(2);
      switch (protocol.group(1)) {
        case "SENT" -> sent.add(id);
        case "DELETING" -> deleting.add(id);
        default -> deleted.add(id);
      }
    }

    private static boolean isPrefixOfProtocolLine(String line) {
      Matcher prefix = PROTOCOL_LINE.matcher(line);
      return !prefix.matches() && prefix.hitEnd();
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
