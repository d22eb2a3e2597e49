package dev.sluice.bench.target;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * Time a HotSpot JVM has spent compiling (what {@code jstat -compiler} shows as Time), read from
 * the performance counters it publishes in {@code /tmp/hsperfdata_<user>/<pid>}, so a warm-up can
 * tell when the target's JIT has gone quiet without attaching to it. Empty for anything else
 * (moto, a JVM started with {@code -XX:-UsePerfData}, another user's process).
 *
 * <p>The file is HotSpot's PerfData buffer: a prologue (magic, byte order, entry offset, entry
 * count) followed by entries, each a header (length, name offset, vector length, type, data
 * offset) with its name and value. See {@code perfMemory.hpp} in the JDK's sources.
 */
public final class JitClock {

  private static final int MAGIC = 0xcafec0c0;
  private static final int BYTE_ORDER_OFFSET = 4;
  private static final int ENTRY_OFFSET_OFFSET = 24;
  private static final int ENTRY_COUNT_OFFSET = 28;
  /** The name since JDK 9; older JVMs used {@code sun.ci.totalTime}. */
  private static final String COMPILE_TICKS = "java.ci.totalTime";
  private static final String OLD_COMPILE_TICKS = "sun.ci.totalTime";
  private static final String TICKS_PER_SECOND = "sun.os.hrt.frequency";

  private final Path counters;

  public JitClock(long pid) {
    this(Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"), Long.toString(pid)));
  }

  JitClock(Path counters) {
    this.counters = counters;
  }

  /** Seconds spent compiling since the JVM started; empty when its counters cannot be read. */
  public OptionalDouble compileSeconds() {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(counters));
      if (buffer.capacity() < ENTRY_COUNT_OFFSET + 4) {
        return OptionalDouble.empty();
      }
      buffer.order(buffer.get(BYTE_ORDER_OFFSET) == 0 ? ByteOrder.BIG_ENDIAN
          : ByteOrder.LITTLE_ENDIAN);
      if (buffer.getInt(0) != MAGIC && Integer.reverseBytes(buffer.getInt(0)) != MAGIC) {
        return OptionalDouble.empty();
      }
      long ticks = longCounter(buffer, COMPILE_TICKS);
      if (ticks < 0) {
        ticks = longCounter(buffer, OLD_COMPILE_TICKS);
      }
      long frequency = longCounter(buffer, TICKS_PER_SECOND);
      return ticks < 0 || frequency <= 0 ? OptionalDouble.empty()
          : OptionalDouble.of((double) ticks / frequency);
    } catch (IOException | RuntimeException e) {
      return OptionalDouble.empty(); // gone, not a HotSpot JVM, or a half-written buffer
    }
  }

  /** The named scalar long counter, or -1 when there is none. */
  private static long longCounter(ByteBuffer buffer, String name) {
    int entry = buffer.getInt(ENTRY_OFFSET_OFFSET);
    int count = buffer.getInt(ENTRY_COUNT_OFFSET);
    for (int i = 0; i < count && entry > 0 && entry < buffer.capacity(); i++) {
      int length = buffer.getInt(entry);
      int nameOffset = buffer.getInt(entry + 4);
      int vectorLength = buffer.getInt(entry + 8);
      byte type = buffer.get(entry + 12);
      int dataOffset = buffer.getInt(entry + 16);
      if (vectorLength == 0 && type == 'J' && name.equals(cString(buffer, entry + nameOffset))) {
        return buffer.getLong(entry + dataOffset);
      }
      if (length <= 0) {
        break;
      }
      entry += length;
    }
    return -1;
  }

  private static String cString(ByteBuffer buffer, int start) {
    int end = start;
    while (end < buffer.capacity() && buffer.get(end) != 0) {
      end++;
    }
    byte[] bytes = new byte[end - start];
    buffer.get(start, bytes);
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
