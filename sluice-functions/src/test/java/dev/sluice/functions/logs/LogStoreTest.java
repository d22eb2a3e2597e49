package dev.sluice.functions.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.time.ManualTimeSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStoreTest {

  static final long START = 1_780_000_000_000L;

  @TempDir Path dir;
  ManualTimeSource time;
  LogStore logs;

  @BeforeEach
  void open() {
    time = new ManualTimeSource(START);
    logs = new LogStore(dir, time, LogStore.DEFAULT_MAX_STORED_BYTES);
  }

  @AfterEach
  void close() {
    logs.close();
  }

  void reopen(long maxBytes) {
    logs.close();
    logs = new LogStore(dir, time, maxBytes);
  }

  static List<LogEvent> events(long firstTimestamp, String... messages) {
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < messages.length; i++) {
      events.add(new LogEvent(firstTimestamp + i, 0, messages[i]));
    }
    return events;
  }

  static List<String> messages(List<LogEvent> events) {
    return events.stream().map(LogEvent::message).toList();
  }

  @Test
  void groups_and_streams_are_created_once_and_described_in_name_order() {
    logs.createLogGroup("/app/b");
    logs.createLogGroup("/app/a");
    logs.createLogGroup("other");
    logs.createLogStream("/app/a", "s1");

    assertThat(logs.describeLogGroups("/app/", null, null, null).items())
        .extracting(LogGroupInfo::name).containsExactly("/app/a", "/app/b");
    assertThat(logs.describeLogGroups(null, "APP/B", null, null).items())
        .extracting(LogGroupInfo::name).containsExactly("/app/b");
    assertThatThrownBy(() -> logs.createLogGroup("/app/a")).isInstanceOf(LogsException.class)
        .hasMessage("The specified log group already exists");
    assertThatThrownBy(() -> logs.createLogStream("/app/a", "s1"))
        .hasMessage("The specified log stream already exists");
    assertThatThrownBy(() -> logs.createLogStream("/nope", "s1"))
        .hasMessage("The specified log group does not exist.");
    assertThatThrownBy(() -> logs.putLogEvents("/app/a", "s2", events(START, "x")))
        .hasMessage("The specified log stream does not exist.");
    assertThatThrownBy(() -> logs.createLogGroup("g".repeat(513))).hasMessage(
        "Invalid LogGroup or LogStream, both must have length less than or equal to 512.");
  }

  @Test
  void describe_log_groups_pages_with_a_token() {
    for (int i = 0; i < 5; i++) {
      logs.createLogGroup("g" + i);
    }

    Page<LogGroupInfo> first = logs.describeLogGroups(null, null, null, 2);
    Page<LogGroupInfo> second = logs.describeLogGroups(null, null, first.nextToken(), 2);
    Page<LogGroupInfo> last = logs.describeLogGroups(null, null, second.nextToken(), 2);

    assertThat(first.items()).extracting(LogGroupInfo::name).containsExactly("g0", "g1");
    assertThat(second.items()).extracting(LogGroupInfo::name).containsExactly("g2", "g3");
    assertThat(last.items()).extracting(LogGroupInfo::name).containsExactly("g4");
    assertThat(last.nextToken()).isNull();
  }

  @Test
  void put_log_events_refuses_events_out_of_order_and_rejects_too_old_and_too_new_ones() {
    logs.createLogGroup("g");
    logs.createLogStream("g", "s");

    assertThatThrownBy(() -> logs.putLogEvents("g", "s",
        List.of(new LogEvent(START, 0, "b"), new LogEvent(START - 1, 0, "a"))))
        .hasMessage("Log events in a single PutLogEvents request must be in chronological order.");
    PutOutcome outcome = logs.putLogEvents("g", "s", List.of(
        new LogEvent(START - Duration.ofDays(15).toMillis(), 0, "too old"),
        new LogEvent(START, 0, "fine"),
        new LogEvent(START + Duration.ofHours(3).toMillis(), 0, "too new")));

    assertThat(outcome.tooOldLogEventEndIndex()).isEqualTo(0);
    assertThat(outcome.tooNewLogEventStartIndex()).isEqualTo(2);
    assertThat(messages(logs.getLogEvents("g", "s", null, null, null, null, true).events()))
        .containsExactly("fine");
  }

  @Test
  void get_log_events_pages_both_ways_and_stops_with_an_unchanged_token() {
    logs.createLogGroup("g");
    logs.createLogStream("g", "s");
    logs.putLogEvents("g", "s", events(START, "e0", "e1", "e2", "e3", "e4"));

    EventsPage newest = logs.getLogEvents("g", "s", null, null, null, 2, false);
    EventsPage older = logs.getLogEvents("g", "s", null, null, newest.nextBackwardToken(), 2,
        false);
    EventsPage head = logs.getLogEvents("g", "s", null, null, null, 3, true);
    EventsPage rest = logs.getLogEvents("g", "s", null, null, head.nextForwardToken(), 3, true);
    EventsPage end = logs.getLogEvents("g", "s", null, null, rest.nextForwardToken(), 3, true);

    assertThat(messages(newest.events())).containsExactly("e3", "e4");
    assertThat(messages(older.events())).containsExactly("e1", "e2");
    assertThat(messages(head.events())).containsExactly("e0", "e1", "e2");
    assertThat(messages(rest.events())).containsExactly("e3", "e4");
    assertThat(end.events()).isEmpty();
    assertThat(end.nextForwardToken()).isEqualTo(rest.nextForwardToken());
    assertThat(head.nextForwardToken()).matches("f/\\d{56}");
    assertThat(messages(logs.getLogEvents("g", "s", START + 1, START + 2, null, null, true)
        .events())).containsExactly("e1", "e2");
    assertThatThrownBy(() -> logs.getLogEvents("g", "s", null, null, "bogus", null, true))
        .hasMessage("The specified nextToken is invalid.");
    assertThatThrownBy(() -> logs.getLogEvents("g", "s", null, null, null, 10001, true))
        .hasMessage("1 validation error detected: Value '10001' at 'limit' failed to satisfy"
            + " constraint: Member must have value less than or equal to 10000");
  }

  @Test
  void filter_log_events_matches_terms_across_streams_in_time_order() {
    logs.createLogGroup("g");
    logs.createLogStream("g", "a");
    logs.createLogStream("g", "b");
    logs.putLogEvents("g", "a", events(START, "ERROR disk full", "INFO ok", "WARN slow disk"));
    logs.putLogEvents("g", "b", events(START, "ERROR \"net down\"", "INFO net ok"));

    assertThat(filter("ERROR")).containsExactly("a:ERROR disk full", "b:ERROR \"net down\"");
    assertThat(filter("disk -ERROR")).containsExactly("a:WARN slow disk");
    assertThat(filter("?WARN ?ERROR")).hasSize(3);
    assertThat(filter("\"slow disk\"")).containsExactly("a:WARN slow disk");
    assertThat(filter("error")).as("case-sensitive").isEmpty();

    Page<FilteredEvent> first = logs.filterLogEvents("g", null, null, null, null, null, null, 2);
    Page<FilteredEvent> second = logs.filterLogEvents("g", null, null, null, null, null,
        first.nextToken(), 10);
    assertThat(first.items()).hasSize(2);
    assertThat(second.items()).hasSize(3);
    assertThat(second.nextToken()).isNull();
    assertThat(logs.filterLogEvents("g", List.of("b"), null, null, null, "INFO", null, null)
        .items()).extracting(e -> e.event().message()).containsExactly("INFO net ok");
    assertThatThrownBy(() -> filter("{ $.level = \"x\" }")).isInstanceOf(LogsException.class);
  }

  List<String> filter(String pattern) {
    return logs.filterLogEvents("g", null, null, null, null, pattern, null, null).items().stream()
        .map(e -> e.logStreamName() + ":" + e.event().message()).toList();
  }

  @Test
  void groups_streams_events_and_retention_survive_a_restart() {
    logs.createLogGroup("g");
    logs.createLogStream("g", "s");
    logs.putLogEvents("g", "s", events(START, "one", "two"));
    logs.putRetentionPolicy("g", 7);
    logs.appendOutput("/aws/lambda/f", "2026/11/24/[$LATEST]abc", START, List.of("START x"));

    reopen(LogStore.DEFAULT_MAX_STORED_BYTES);

    assertThat(logs.describeLogGroups(null, null, null, null).items())
        .extracting(LogGroupInfo::name, LogGroupInfo::retentionInDays)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("/aws/lambda/f", null),
            org.assertj.core.groups.Tuple.tuple("g", 7));
    assertThat(messages(logs.getLogEvents("g", "s", null, null, null, null, true).events()))
        .containsExactly("one", "two");
    assertThat(messages(logs.getLogEvents("/aws/lambda/f", "2026/11/24/[$LATEST]abc", null, null,
        null, null, true).events())).containsExactly("START x");
  }

  @Test
  void a_torn_last_line_is_cut_off_at_load_and_appends_go_on() throws Exception {
    logs.createLogGroup("g");
    logs.createLogStream("g", "s");
    logs.putLogEvents("g", "s", events(START, "kept"));
    logs.close();
    Path file;
    try (Stream<Path> files = Files.walk(dir)) {
      file = files.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
    }
    Files.write(file, "{\"t\":1,\"i\":1,\"m\":\"tor".getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);

    reopen(LogStore.DEFAULT_MAX_STORED_BYTES);
    logs.putLogEvents("g", "s", events(START + 1, "after"));
    reopen(LogStore.DEFAULT_MAX_STORED_BYTES);

    assertThat(messages(logs.getLogEvents("g", "s", null, null, null, null, true).events()))
        .containsExactly("kept", "after");
  }

  @Test
  void retention_drops_expired_events_and_old_tokens_stay_usable() {
    logs.createLogGroup("g");
    logs.createLogStream("g", "s");
    logs.putLogEvents("g", "s", events(START, "old1", "old2"));
    time.advance(Duration.ofDays(1).plusHours(1));
    logs.putLogEvents("g", "s", events(time.nowMillis(), "new"));
    EventsPage head = logs.getLogEvents("g", "s", null, null, null, 1, true);

    logs.putRetentionPolicy("g", 1);
    logs.sweep();

    assertThat(messages(logs.getLogEvents("g", "s", null, null, null, null, true).events()))
        .containsExactly("new");
    assertThat(messages(logs.getLogEvents("g", "s", null, null, head.nextForwardToken(), null,
        true).events())).containsExactly("new");
    assertThatThrownBy(() -> logs.putRetentionPolicy("g", 2)).isInstanceOf(LogsException.class)
        .hasMessageContaining("Value '2' at 'retentionInDays'");
    reopen(LogStore.DEFAULT_MAX_STORED_BYTES);
    assertThat(messages(logs.getLogEvents("g", "s", null, null, null, null, true).events()))
        .containsExactly("new");
  }

  @Test
  void a_stream_idle_for_a_whole_sweep_has_its_file_closed_until_its_next_append()
      throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "Linux's /proc");
    logs.appendOutput("/aws/lambda/f", "ended-environment", START, List.of("first"));
    logs.appendOutput("/aws/lambda/f", "running-environment", START, List.of("a"));
    assertThat(openFilesUnder(dir)).hasSize(2);

    logs.sweep(); // both were appended to since the last sweep: they stay open
    logs.appendOutput("/aws/lambda/f", "running-environment", START + 1, List.of("b"));
    logs.sweep(); // one idle for a whole sweep

    assertThat(openFilesUnder(dir)).hasSize(1);
    assertThat(logs.openStreamFiles()).isEqualTo(1);
    logs.appendOutput("/aws/lambda/f", "ended-environment", START + 2, List.of("again"));
    assertThat(openFilesUnder(dir)).hasSize(2);
    reopen(LogStore.DEFAULT_MAX_STORED_BYTES);
    assertThat(messages(logs.getLogEvents("/aws/lambda/f", "ended-environment", null, null, null,
        null, true).events())).containsExactly("first", "again");
    assertThat(messages(logs.getLogEvents("/aws/lambda/f", "running-environment", null, null,
        null, null, true).events())).containsExactly("a", "b");
  }

  /** The files under {@code folder} this JVM has open, by its file descriptors. */
  static List<Path> openFilesUnder(Path folder) throws Exception {
    Path real = folder.toRealPath();
    List<Path> open = new ArrayList<>();
    try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
      for (Path descriptor : descriptors.toList()) {
        try {
          Path target = Files.readSymbolicLink(descriptor);
          if (target.startsWith(real)) {
            open.add(target);
          }
        } catch (java.io.IOException closedMeanwhile) {
          // the listing's own descriptor, or one closed since by another thread
        }
      }
    }
    return open;
  }

  @Test
  void the_size_cap_drops_the_oldest_events_of_the_store() {
    reopen(1000);
    logs.createLogGroup("g");
    logs.createLogStream("g", "old");
    logs.createLogStream("g", "new");
    String kb = "x".repeat(374); // 400 bytes with AWS's 26 bytes of overhead
    logs.putLogEvents("g", "old", events(START, kb, kb));
    logs.putLogEvents("g", "new", events(START + 10, kb, kb));

    logs.sweep();

    assertThat(logs.storedBytes()).isLessThanOrEqualTo(1000);
    assertThat(logs.getLogEvents("g", "old", null, null, null, null, true).events()).isEmpty();
    assertThat(logs.getLogEvents("g", "new", null, null, null, null, true).events()).hasSize(2);
  }

  @Test
  void the_periodic_sweep_runs_on_the_injected_clock() {
    logs.createLogGroup("g");
    logs.createLogStream("g", "s");
    logs.putLogEvents("g", "s", events(START, "a"));
    logs.putRetentionPolicy("g", 1);

    time.advance(Duration.ofDays(2));

    assertThat(logs.getLogEvents("g", "s", null, null, null, null, true).events()).isEmpty();
  }

  @Test
  void deleting_a_group_removes_its_files() throws Exception {
    logs.createLogGroup("g");
    logs.createLogStream("g", "s");
    logs.putLogEvents("g", "s", events(START, "a"));

    logs.deleteLogGroup("g");

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
    assertThatThrownBy(() -> logs.deleteLogGroup("g"))
        .hasMessage("The specified log group does not exist.");
  }
}
