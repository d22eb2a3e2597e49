package dev.sluice.functions.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The log of one execution environment: a file the runtime process appends its stdout and stderr
 * to (O_APPEND, set up by the process builder) and Sluice appends the START/END/REPORT lines to
 * (O_APPEND too, so neither overwrites the other). A file rather than a pipe because what the
 * handler printed before it posted its response is in the file by then, so an invocation's log is
 * exactly the bytes between its START and its REPORT.
 */
final class EnvironmentLog implements AutoCloseable {

  /** Invoke's LogType Tail returns at most this much of the end of the log. */
  static final int TAIL_BYTES = 4096;

  private final Path file;
  private final FileChannel channel;

  EnvironmentLog(Path file) {
    this.file = file;
    try {
      this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + file, e);
    }
  }

  Path file() {
    return file;
  }

  /** Appends a line; returns the log's size after it. */
  synchronized long append(String line) {
    try {
      ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      return channel.size();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  synchronized boolean isOpen() {
    return channel.isOpen();
  }

  synchronized long size() {
    try {
      return channel.size();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** The last {@link #TAIL_BYTES} of the log between two offsets. */
  byte[] tail(long from, long to) {
    return read(Math.max(from, to - TAIL_BYTES), to);
  }

  /** The bytes of the log between two offsets. */
  byte[] read(long start, long to) {
    ByteBuffer bytes = ByteBuffer.allocate((int) Math.max(0, to - start));
    // A channel of its own: an APPEND channel cannot read.
    try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
      while (bytes.hasRemaining()) {
        if (reader.read(bytes, start + bytes.position()) < 0) {
          break;
        }
      }
      return bytes.array();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a file we only appended to: nothing is lost.
    }
  }
}
