package dev.sluice.functions.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One log stream: its events in memory, oldest timestamp first, and an append-only file of JSON
 * lines behind them (a header line with the name and creation time, then one line per event).
 * Events are addressed by an absolute index that survives trimming ({@code dropped} + position),
 * so paging tokens stay valid while retention removes old events. Not thread-safe: {@link
 * LogStore} holds its lock around every call.
 */
final class LogStream {

  private static final ObjectMapper JSON = new ObjectMapper();

  final String name;
  final long creationTime;
  private final Path file;
  private final List<LogEvent> events = new ArrayList<>();
  private long dropped;
  private long storedBytes;
  private Long lastIngestionTime;
  private FileChannel channel;
  private boolean dirty;
  /** Appended to since the last {@link #closeIfIdle}. */
  private boolean appendedSinceCheck;

  private LogStream(String name, long creationTime, Path file) {
    this.name = name;
    this.creationTime = creationTime;
    this.file = file;
  }

  /** A new, empty stream; its file holds the header once this returns (fsynced). */
  static LogStream create(String name, long creationTime, Path file) {
    LogStream stream = new LogStream(name, creationTime, file);
    stream.writeFile(List.of());
    return stream;
  }

  /**
   * The stream in {@code file}. A torn last line (a crash mid-append) is cut off so the next
   * append starts on a line of its own.
   */
  static LogStream load(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    if (end < bytes.length) {
      try (FileChannel truncate = FileChannel.open(file, StandardOpenOption.WRITE)) {
        truncate.truncate(end);
      }
    }
    String[] lines = new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n");
    JsonNode header = JSON.readTree(lines[0]);
    LogStream stream = new LogStream(header.path("stream").asText(),
        header.path("created").asLong(), file);
    stream.dropped = header.path("dropped").asLong(0);
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      JsonNode line = JSON.readTree(lines[i]);
      stream.add(new LogEvent(line.path("t").asLong(), line.path("i").asLong(),
          line.path("m").asText()));
    }
    return stream;
  }

  List<LogEvent> events() {
    return events;
  }

  long firstIndex() {
    return dropped;
  }

  long endIndex() {
    return dropped + events.size();
  }

  LogEvent at(long index) {
    return events.get((int) (index - dropped));
  }

  long storedBytes() {
    return storedBytes;
  }

  LogStreamInfo info() {
    return new LogStreamInfo(name, creationTime,
        events.isEmpty() ? null : events.get(0).timestamp(),
        events.isEmpty() ? null : events.get(events.size() - 1).timestamp(),
        lastIngestionTime, storedBytes);
  }

  Long oldestTimestamp() {
    return events.isEmpty() ? null : events.get(0).timestamp();
  }

  /** Appends events (written, not yet fsynced: see {@link #force}). */
  void append(List<LogEvent> added) {
    if (added.isEmpty()) {
      return;
    }
    StringBuilder lines = new StringBuilder();
    for (LogEvent event : added) {
      lines.append(line(event)).append('\n');
    }
    write(lines.toString());
    added.forEach(this::add);
    dirty = true;
  }

  // Usually at the end; an event older than the newest goes to its place in time (after equal
  // timestamps, so arrival order is kept among them).
  private void add(LogEvent event) {
    int position = events.size();
    while (position > 0 && events.get(position - 1).timestamp() > event.timestamp()) {
      position--;
    }
    events.add(position, event);
    storedBytes += event.size();
    if (lastIngestionTime == null || event.ingestionTime() > lastIngestionTime) {
      lastIngestionTime = event.ingestionTime();
    }
  }

  /** fsyncs what was appended since the last force. */
  void force() {
    sync(takeUnsynced());
  }

  /**
   * The channel holding appends not yet fsynced, or null; the caller fsyncs it with {@link #sync},
   * possibly outside the store's lock (an fsync must not hold up appends from event loops).
   */
  FileChannel takeUnsynced() {
    if (!dirty || channel == null) {
      return null;
    }
    dirty = false;
    return channel;
  }

  /** fsyncs a channel from {@link #takeUnsynced}. */
  static void sync(FileChannel unsynced) {
    if (unsynced == null) {
      return;
    }
    try {
      unsynced.force(false);
    } catch (java.nio.channels.ClosedChannelException e) {
      // Closed meanwhile by a trim (which rewrote and fsynced the file) or by close (which
      // forced it first): the appends are on disk either way.
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot sync a log stream file", e);
    }
  }

  /**
   * Removes the {@code count} oldest events and rewrites the file without them; returns the bytes
   * freed.
   */
  long dropOldest(int count) {
    int n = Math.min(count, events.size());
    if (n == 0) {
      return 0;
    }
    long freed = 0;
    for (LogEvent event : events.subList(0, n)) {
      freed += event.size();
    }
    events.subList(0, n).clear();
    dropped += n;
    storedBytes -= freed;
    writeFile(events);
    return freed;
  }

  void delete() {
    close();
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + file, e);
    }
  }

  /**
   * Closes the file if nothing was appended since the last call and nothing waits for an fsync;
   * the next append opens it again. why: every execution environment writes a stream of its own,
   * and a server kept one open file per stream it ever wrote: a soak of 40 functions created,
   * invoked and deleted left 40 files open, and a long-running server with functions that scale
   * up and down would run into its limit of open files.
   *
   * <p>An fsync taken outside the store's lock ({@link #takeUnsynced}) may still be running on a
   * channel closed here only if it took longer than the whole interval between two calls; it then
   * ends with {@code ClosedChannelException} (see {@link #sync}), and the appends are in the
   * operating system's cache, written back by it.
   */
  void closeIfIdle() {
    if (!appendedSinceCheck && !dirty) {
      close();
    }
    appendedSinceCheck = false;
  }

  /** Whether the stream's file is open (it is from the first append until idle). */
  boolean isOpen() {
    return channel != null;
  }

  void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Only appended to, and forced where it mattered: nothing to lose.
      }
      channel = null;
    }
  }

  private void write(String text) {
    try {
      if (channel == null) {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
      appendedSinceCheck = true;
      ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  // The whole file anew (temp file, fsync, atomic rename): creation and trimming.
  private void writeFile(List<LogEvent> remaining) {
    close();
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ObjectNode header = JSON.createObjectNode().put("stream", name).put("created", creationTime)
          .put("dropped", dropped);
      StringBuilder text = new StringBuilder(JSON.writeValueAsString(header)).append('\n');
      for (LogEvent event : remaining) {
        text.append(line(event)).append('\n');
      }
      ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
      out.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + temporary, e);
    }
    try {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    dirty = false;
  }

  private static String line(LogEvent event) {
    try {
      return JSON.writeValueAsString(JSON.createObjectNode().put("t", event.timestamp())
          .put("i", event.ingestionTime()).put("m", event.message()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
