package dev.sluice.functions.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.time.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CloudWatch Logs' groups, streams and events, durable and bounded.
 *
 * <p>Storage: {@code <dir>/<hash of group>/group.json} and one append-only file of JSON lines per
 * stream beside it (see {@link LogStream}); names are hashed because AWS allows 512 characters and
 * '/' in them. Events are also held in memory, which the size cap bounds.
 *
 * <p>Durability: API writes (PutLogEvents, group and stream changes) are fsynced before the call
 * returns. Function output ({@link #appendOutput}) is written at the end of each invocation and
 * fsynced by the next sweep ({@link #SWEEP_INTERVAL}): a crash may lose the last seconds of
 * function logs, never an acknowledged PutLogEvents.
 *
 * <p>Bounds: each sweep drops events older than their group's retention, then the oldest events
 * of the whole store while it holds more than {@code maxStoredBytes} (AWS's event size: UTF-8
 * message + 26 bytes).
 *
 * <p>Concurrency: one lock, held for every call but fsyncs, which run after it is released, so
 * function output (appended from Runtime API event loops) never waits for a disk flush. Reads
 * copy what they return.
 */
public final class LogStore implements AutoCloseable {

  /** How often retention and the size cap are enforced and function output is fsynced. */
  public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(5);
  /** The default bound on stored event bytes. */
  public static final long DEFAULT_MAX_STORED_BYTES = 64L * 1024 * 1024;
  /** AWS's allowed retention periods. */
  public static final List<Integer> RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120,
      150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
  public static final int MAX_EVENTS_PER_PUT = 10_000;
  public static final int MAX_PUT_BYTES = 1_048_576;
  public static final int MAX_LIMIT = 10_000;
  public static final int MAX_DESCRIBE_LIMIT = 50;
  private static final long TOO_NEW_MILLIS = Duration.ofHours(2).toMillis();
  private static final long TOO_OLD_MILLIS = Duration.ofDays(14).toMillis();
  private static final int MAX_NAME_LENGTH = 512;

  private static final Logger log = LoggerFactory.getLogger(LogStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final TimeSource time;
  private final long maxStoredBytes;
  private final TreeMap<String, Group> groups = new TreeMap<>();
  private TimeSource.Cancellable sweeper;
  private boolean closed;

  public LogStore(Path dir, TimeSource time, long maxStoredBytes) {
    this.dir = dir;
    this.time = time;
    this.maxStoredBytes = maxStoredBytes;
    load();
    scheduleSweep();
  }

  // ---- groups

  public synchronized void createLogGroup(String name) {
    checkName(name, "logGroupName");
    if (groups.containsKey(name)) {
      throw new LogsException(LogsError.RESOURCE_ALREADY_EXISTS,
          "The specified log group already exists");
    }
    newGroup(name);
  }

  public synchronized void deleteLogGroup(String name) {
    Group group = group(name);
    group.streams.values().forEach(LogStream::delete);
    deleteRecursively(group.dir);
    groups.remove(name);
  }

  /**
   * @param prefix names starting with it, case-sensitive
   * @param pattern names containing it, case-insensitive (AWS's logGroupNamePattern)
   */
  public synchronized Page<LogGroupInfo> describeLogGroups(String prefix, String pattern,
      String nextToken, Integer limit) {
    int max = describeLimit(limit);
    if (prefix != null && pattern != null) {
      throw LogsException.invalid("LogGroup name prefix and LogGroup name pattern are mutually"
          + " exclusive parameters.");
    }
    String needle = pattern == null ? null : pattern.toLowerCase(java.util.Locale.ROOT);
    List<LogGroupInfo> page = new ArrayList<>();
    String after = nextToken == null ? null : decodeNameToken(nextToken);
    for (Group group : groups.tailMap(after == null ? "" : after, after == null).values()) {
      if (prefix != null && !group.name.startsWith(prefix)
          || needle != null && !group.name.toLowerCase(java.util.Locale.ROOT).contains(needle)) {
        continue;
      }
      if (page.size() == max) {
        return new Page<>(page, encodeNameToken(page.get(page.size() - 1).name()));
      }
      page.add(group.info());
    }
    return new Page<>(page, null);
  }

  public synchronized void putRetentionPolicy(String name, Integer days) {
    if (days == null || !RETENTION_DAYS.contains(days)) {
      throw LogsException.invalid("1 validation error detected: Value '" + days
          + "' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value"
          + " set: " + RETENTION_DAYS);
    }
    Group group = group(name);
    group.retentionInDays = days;
    group.save();
  }

  public synchronized void deleteRetentionPolicy(String name) {
    Group group = group(name);
    group.retentionInDays = null;
    group.save();
  }

  // ---- streams

  public synchronized void createLogStream(String groupName, String streamName) {
    checkName(streamName, "logStreamName");
    if (streamName.contains(":") || streamName.contains("*")) {
      throw LogsException.invalid("1 validation error detected: Value '" + streamName
          + "' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular"
          + " expression pattern: [^:*]*");
    }
    Group group = group(groupName);
    if (group.streams.containsKey(streamName)) {
      throw new LogsException(LogsError.RESOURCE_ALREADY_EXISTS,
          "The specified log stream already exists");
    }
    group.newStream(streamName, time.nowMillis());
  }

  public synchronized void deleteLogStream(String groupName, String streamName) {
    Group group = group(groupName);
    LogStream stream = stream(group, streamName);
    stream.delete();
    group.streams.remove(streamName);
  }

  /**
   * @param orderBy {@code LogStreamName} (default) or {@code LastEventTime}
   */
  public synchronized Page<LogStreamInfo> describeLogStreams(String groupName, String prefix,
      String orderBy, boolean descending, String nextToken, Integer limit) {
    int max = describeLimit(limit);
    boolean byTime = "LastEventTime".equals(orderBy);
    if (orderBy != null && !byTime && !"LogStreamName".equals(orderBy)) {
      throw LogsException.invalid("1 validation error detected: Value '" + orderBy
          + "' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set:"
          + " [LogStreamName, LastEventTime]");
    }
    if (byTime && prefix != null) {
      throw LogsException.invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
    }
    Group group = group(groupName);
    List<LogStreamInfo> all = new ArrayList<>();
    for (LogStream stream : group.streams.values()) {
      if (prefix == null || stream.name.startsWith(prefix)) {
        all.add(stream.info());
      }
    }
    Comparator<LogStreamInfo> order = byTime
        ? Comparator.comparing((LogStreamInfo s) -> s.lastEventTimestamp() == null ? 0L
            : s.lastEventTimestamp()).thenComparing(LogStreamInfo::name)
        : Comparator.comparing(LogStreamInfo::name);
    all.sort(descending ? order.reversed() : order);
    int start = nextToken == null ? 0 : decodeOffsetToken(nextToken);
    if (start > all.size()) {
      throw LogsException.invalidToken();
    }
    int end = Math.min(all.size(), start + max);
    return new Page<>(List.copyOf(all.subList(start, end)),
        end < all.size() ? encodeOffsetToken(end) : null);
  }

  // ---- events

  /**
   * Stores events given oldest first; too old, too new and expired ones are rejected. Returns once
   * they are fsynced.
   */
  public PutOutcome putLogEvents(String groupName, String streamName, List<LogEvent> events) {
    checkBatch(events);
    FileChannel unsynced;
    PutOutcome outcome;
    synchronized (this) {
      Group group = group(groupName);
      LogStream stream = stream(group, streamName);
      long now = time.nowMillis();
      long expiredBefore = group.retentionInDays == null ? Long.MIN_VALUE
          : now - Duration.ofDays(group.retentionInDays).toMillis();
      Integer tooNew = null;
      Integer tooOld = null;
      Integer expired = null;
      List<LogEvent> accepted = new ArrayList<>();
      for (int i = 0; i < events.size(); i++) {
        LogEvent event = events.get(i);
        if (event.timestamp() > now + TOO_NEW_MILLIS) {
          tooNew = tooNew == null ? i : tooNew;
        } else if (event.timestamp() < expiredBefore) {
          expired = i;
        } else if (event.timestamp() < now - TOO_OLD_MILLIS) {
          tooOld = i;
        } else {
          accepted.add(new LogEvent(event.timestamp(), now, event.message()));
        }
      }
      stream.append(accepted);
      unsynced = stream.takeUnsynced();
      outcome = new PutOutcome(sequenceToken(stream), tooNew, tooOld, expired);
    }
    // Outside the lock: function output (appended from event loops) never waits for an fsync.
    LogStream.sync(unsynced);
    return outcome;
  }

  private static void checkBatch(List<LogEvent> events) {
    if (events.isEmpty()) {
      throw LogsException.invalid("1 validation error detected: Value '[]' at 'logEvents' failed"
          + " to satisfy constraint: Member must have length greater than or equal to 1");
    }
    if (events.size() > MAX_EVENTS_PER_PUT) {
      throw LogsException.invalid("1 validation error detected: Value at 'logEvents' failed to"
          + " satisfy constraint: Member must have length less than or equal to 10000");
    }
    long bytes = 0;
    for (int i = 0; i < events.size(); i++) {
      LogEvent event = events.get(i);
      if (i > 0 && event.timestamp() < events.get(i - 1).timestamp()) {
        throw LogsException.invalid(
            "Log events in a single PutLogEvents request must be in chronological order.");
      }
      bytes += event.size();
    }
    if (bytes > MAX_PUT_BYTES) {
      throw LogsException.invalid("Upload too large: " + bytes + " bytes exceeds limit of "
          + MAX_PUT_BYTES);
    }
  }

  /**
   * Appends lines of a function's output to its stream, creating the group and the stream when
   * missing (as Lambda does); fsynced by the next sweep.
   */
  public synchronized void appendOutput(String groupName, String streamName, long timestamp,
      List<String> lines) {
    if (closed || lines.isEmpty()) {
      return;
    }
    Group group = groups.get(groupName);
    if (group == null) {
      group = newGroup(groupName);
    }
    LogStream stream = group.streams.get(streamName);
    if (stream == null) {
      stream = group.newStream(streamName, timestamp);
    }
    long now = time.nowMillis();
    stream.append(lines.stream().map(line -> new LogEvent(timestamp, now, line)).toList());
  }

  /**
   * GetLogEvents: without a token, the newest {@code limit} events (or the oldest with {@code
   * startFromHead}); with one, the next page in its direction. At either end the token in that
   * direction comes back unchanged, which is how clients know to stop.
   */
  public synchronized EventsPage getLogEvents(String groupName, String streamName, Long startTime,
      Long endTime, String nextToken, Integer limit, boolean startFromHead) {
    int max = eventsLimit(limit);
    LogStream stream = stream(group(groupName), streamName);
    boolean forward;
    long position;
    if (nextToken != null) {
      forward = nextToken.startsWith("f/");
      if (!forward && !nextToken.startsWith("b/")) {
        throw LogsException.invalidToken();
      }
      try {
        position = Long.parseLong(nextToken.substring(2));
      } catch (NumberFormatException e) {
        throw LogsException.invalidToken();
      }
      position = Math.max(stream.firstIndex(), Math.min(position, stream.endIndex()));
    } else {
      forward = startFromHead;
      position = forward ? stream.firstIndex() : stream.endIndex();
    }
    List<Long> chosen = new ArrayList<>();
    if (forward) {
      for (long i = position; i < stream.endIndex() && chosen.size() < max; i++) {
        if (inRange(stream.at(i), startTime, endTime)) {
          chosen.add(i);
        }
      }
    } else {
      for (long i = position - 1; i >= stream.firstIndex() && chosen.size() < max; i--) {
        if (inRange(stream.at(i), startTime, endTime)) {
          chosen.add(0, i);
        }
      }
    }
    List<LogEvent> events = chosen.stream().map(stream::at).toList();
    long first = chosen.isEmpty() ? position : chosen.get(0);
    long afterLast = chosen.isEmpty() ? position : chosen.get(chosen.size() - 1) + 1;
    return new EventsPage(events, eventToken('f', afterLast), eventToken('b', first));
  }

  /**
   * FilterLogEvents: events of the group's streams (all, the named ones, or those with the
   * prefix) in the time range matching the pattern, oldest first across streams.
   */
  public synchronized Page<FilteredEvent> filterLogEvents(String groupName,
      List<String> streamNames, String streamPrefix, Long startTime, Long endTime,
      String pattern, String nextToken, Integer limit) {
    int max = eventsLimit(limit);
    if (streamNames != null && !streamNames.isEmpty() && streamPrefix != null) {
      throw LogsException.invalid("logStreamNames and logStreamNamePrefix are mutually exclusive"
          + " parameters.");
    }
    FilterPattern filter = FilterPattern.parse(pattern);
    Group group = group(groupName);
    Position after = nextToken == null ? null : Position.decode(nextToken);
    List<Position> matches = new ArrayList<>();
    for (LogStream stream : group.streams.values()) {
      boolean wanted = streamNames != null && !streamNames.isEmpty()
          ? streamNames.contains(stream.name)
          : streamPrefix == null || stream.name.startsWith(streamPrefix);
      if (!wanted) {
        continue;
      }
      for (long i = stream.firstIndex(); i < stream.endIndex(); i++) {
        LogEvent event = stream.at(i);
        Position at = new Position(event.timestamp(), stream.name, i);
        if (inRange(event, startTime, endTime) && (after == null || at.compareTo(after) > 0)
            && filter.matches(event.message())) {
          matches.add(at);
        }
      }
    }
    matches.sort(null);
    List<FilteredEvent> page = new ArrayList<>();
    for (Position at : matches.subList(0, Math.min(max, matches.size()))) {
      LogStream stream = group.streams.get(at.stream);
      page.add(new FilteredEvent(at.stream, eventId(at), stream.at(at.index)));
    }
    String next = matches.size() > max ? matches.get(max - 1).encode() : null;
    return new Page<>(page, next);
  }

  // ---- bounds and durability

  /**
   * Enforces retention and the size cap, fsyncs function output and closes the files of streams
   * idle since the last sweep (also done periodically).
   */
  public void sweep() {
    List<FileChannel> unsynced = new ArrayList<>();
    synchronized (this) {
      trim();
      groups.values().forEach(g -> g.streams.values().forEach(s -> {
        FileChannel channel = s.takeUnsynced();
        if (channel != null) {
          unsynced.add(channel);
        }
        s.closeIfIdle();
      }));
    }
    unsynced.forEach(LogStream::sync); // outside the lock, as in putLogEvents
  }

  private void trim() {
    long now = time.nowMillis();
    for (Group group : groups.values()) {
      if (group.retentionInDays == null) {
        continue;
      }
      long cutoff = now - Duration.ofDays(group.retentionInDays).toMillis();
      for (LogStream stream : group.streams.values()) {
        int old = 0;
        while (old < stream.events().size() && stream.events().get(old).timestamp() < cutoff) {
          old++;
        }
        stream.dropOldest(old);
      }
    }
    enforceSizeCap();
  }

  /** How many streams have their file open: those appended to in the last sweep or two. */
  synchronized long openStreamFiles() {
    return groups.values().stream()
        .flatMap(group -> group.streams.values().stream()).filter(LogStream::isOpen).count();
  }

  /** Event bytes stored in every group. */
  public synchronized long storedBytes() {
    return groups.values().stream().mapToLong(Group::storedBytes).sum();
  }

  // Drops the oldest events of the whole store, a tenth of the excess at least per stream
  // rewrite, so a store far over the cap is not rewritten event by event.
  private void enforceSizeCap() {
    long excess = storedBytes() - maxStoredBytes;
    while (excess > 0) {
      LogStream oldest = null;
      for (Group group : groups.values()) {
        for (LogStream stream : group.streams.values()) {
          Long first = stream.oldestTimestamp();
          if (first != null && (oldest == null || first < oldest.oldestTimestamp())) {
            oldest = stream;
          }
        }
      }
      if (oldest == null) {
        return;
      }
      int count = 0;
      long freed = 0;
      List<LogEvent> events = oldest.events();
      while (count < events.size() && freed < excess) {
        freed += events.get(count++).size();
      }
      excess -= oldest.dropOldest(count);
    }
  }

  private void scheduleSweep() {
    synchronized (this) {
      if (closed) {
        return;
      }
      sweeper = time.schedule(time.nowMillis() + SWEEP_INTERVAL.toMillis(), () -> {
        // A failed sweep must not end the sweeping.
        try {
          sweep();
        } catch (RuntimeException e) {
          log.error("Sweeping the log store failed", e);
        }
        scheduleSweep();
      });
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (sweeper != null) {
      sweeper.cancel();
    }
    for (Group group : groups.values()) {
      for (LogStream stream : group.streams.values()) {
        try {
          stream.force();
        } catch (UncheckedIOException e) {
          log.warn("Cannot sync log stream {}", stream.name, e);
        }
        stream.close();
      }
    }
  }

  // ---- internals

  private Group group(String name) {
    if (name == null) {
      throw LogsException.invalid("1 validation error detected: Value null at 'logGroupName'"
          + " failed to satisfy constraint: Member must not be null");
    }
    Group group = groups.get(name);
    if (group == null) {
      throw LogsException.groupNotFound();
    }
    return group;
  }

  private static LogStream stream(Group group, String name) {
    LogStream stream = name == null ? null : group.streams.get(name);
    if (stream == null) {
      throw LogsException.streamNotFound();
    }
    return stream;
  }

  private Group newGroup(String name) {
    Group group = new Group(name, time.nowMillis(), dir.resolve(hash(name)));
    try {
      Files.createDirectories(group.dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + group.dir, e);
    }
    group.save();
    groups.put(name, group);
    return group;
  }

  private static void checkName(String name, String field) {
    if (name == null || name.isEmpty()) {
      throw LogsException.invalid("1 validation error detected: Value '" + name + "' at '" + field
          + "' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw LogsException.invalid(
          "Invalid LogGroup or LogStream, both must have length less than or equal to 512.");
    }
  }

  private static boolean inRange(LogEvent event, Long startTime, Long endTime) {
    return (startTime == null || event.timestamp() >= startTime)
        && (endTime == null || event.timestamp() <= endTime);
  }

  private static int eventsLimit(Integer limit) {
    if (limit == null) {
      return MAX_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw LogsException.invalid("1 validation error detected: Value '" + limit + "' at 'limit'"
          + " failed to satisfy constraint: Member must have value "
          + (limit < 1 ? "greater than or equal to 1" : "less than or equal to 10000"));
    }
    return limit;
  }

  private static int describeLimit(Integer limit) {
    if (limit == null) {
      return MAX_DESCRIBE_LIMIT;
    }
    if (limit < 1 || limit > MAX_DESCRIBE_LIMIT) {
      throw LogsException.invalid("1 validation error detected: Value '" + limit + "' at 'limit'"
          + " failed to satisfy constraint: Member must have value "
          + (limit < 1 ? "greater than or equal to 1" : "less than or equal to 50"));
    }
    return limit;
  }

  // AWS's tokens are "f/" or "b/" and 56 digits.
  private static String eventToken(char direction, long index) {
    return direction + "/" + String.format("%056d", index);
  }

  private static String sequenceToken(LogStream stream) {
    return String.format("%056d", stream.endIndex());
  }

  private static String eventId(Position at) {
    CRC32 crc = new CRC32();
    crc.update(at.stream.getBytes(StandardCharsets.UTF_8));
    return String.format("%020d%010d%026d", at.timestamp, crc.getValue(), at.index);
  }

  private static String encodeNameToken(String name) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(name.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeNameToken(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw LogsException.invalidToken();
    }
  }

  private static String encodeOffsetToken(int offset) {
    return encodeNameToken("offset:" + offset);
  }

  private static int decodeOffsetToken(String token) {
    String text = decodeNameToken(token);
    try {
      if (text.startsWith("offset:")) {
        return Integer.parseInt(text.substring("offset:".length()));
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw LogsException.invalidToken();
  }

  private static String hash(String name) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(name.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void load() {
    try {
      Files.createDirectories(dir);
      try (Stream<Path> groupDirs = Files.list(dir)) {
        for (Path groupDir : groupDirs.filter(Files::isDirectory).toList()) {
          loadGroup(groupDir);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the log store in " + dir, e);
    }
  }

  private void loadGroup(Path groupDir) throws IOException {
    Path meta = groupDir.resolve("group.json");
    if (!Files.exists(meta)) {
      deleteRecursively(groupDir); // a group whose creation did not finish
      return;
    }
    JsonNode json = JSON.readTree(meta.toFile());
    Group group = new Group(json.path("name").asText(), json.path("created").asLong(), groupDir);
    group.retentionInDays = json.hasNonNull("retentionInDays")
        ? json.get("retentionInDays").asInt() : null;
    try (Stream<Path> files = Files.list(groupDir)) {
      for (Path file : files.toList()) {
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(".tmp")) {
          Files.deleteIfExists(file);
        } else if (fileName.endsWith(".log")) {
          try {
            LogStream stream = LogStream.load(file);
            group.streams.put(stream.name, stream);
          } catch (IOException | RuntimeException e) {
            log.warn("Skipping the unreadable log stream file {}", file, e);
          }
        }
      }
    }
    groups.put(group.name, group);
  }

  private static void deleteRecursively(Path path) {
    try (Stream<Path> paths = Files.walk(path)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      log.warn("Cannot remove {}", path, e);
    }
  }

  /** A log group: its settings and streams. */
  private static final class Group {
    final String name;
    final long creationTime;
    final Path dir;
    final Map<String, LogStream> streams = new TreeMap<>();
    Integer retentionInDays;

    Group(String name, long creationTime, Path dir) {
      this.name = name;
      this.creationTime = creationTime;
      this.dir = dir;
    }

    LogStream newStream(String streamName, long creationTime) {
      LogStream stream = LogStream.create(streamName, creationTime,
          dir.resolve(hash(streamName) + ".log"));
      streams.put(streamName, stream);
      return stream;
    }

    long storedBytes() {
      return streams.values().stream().mapToLong(LogStream::storedBytes).sum();
    }

    LogGroupInfo info() {
      return new LogGroupInfo(name, creationTime, retentionInDays, storedBytes());
    }

    // group.json anew: temp file, fsync, atomic rename.
    void save() {
      Path temporary = dir.resolve("group.json.tmp");
      try {
        var node = JSON.createObjectNode().put("name", name).put("created", creationTime);
        if (retentionInDays != null) {
          node.put("retentionInDays", retentionInDays);
        }
        Files.write(temporary, JSON.writeValueAsBytes(node));
        try (var channel = java.nio.channels.FileChannel.open(temporary,
            java.nio.file.StandardOpenOption.WRITE)) {
          channel.force(true);
        }
        Files.move(temporary, dir.resolve("group.json"), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write " + temporary, e);
      }
    }
  }

  /** Where an event is in FilterLogEvents' order: time, then stream, then place in the stream. */
  private record Position(long timestamp, String stream, long index)
      implements Comparable<Position> {

    @Override
    public int compareTo(Position other) {
      return Comparator.comparingLong(Position::timestamp).thenComparing(Position::stream)
          .thenComparingLong(Position::index).compare(this, other);
    }

    String encode() {
      return encodeNameToken(timestamp + ":" + index + ":" + stream);
    }

    static Position decode(String token) {
      String text = decodeNameToken(token);
      String[] parts = text.split(":", 3);
      try {
        if (parts.length == 3) {
          return new Position(Long.parseLong(parts[0]), parts[2], Long.parseLong(parts[1]));
        }
      } catch (NumberFormatException e) {
        // falls through
      }
      throw LogsException.invalidToken();
    }
  }
}
