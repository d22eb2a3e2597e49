package dev.sluice.functions.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The memory limit of non-Java runtimes: the process's address space (RLIMIT_AS), set by starting
 * it through {@code prlimit --as=BYTES --}. AWS limits resident memory with a cgroup, which an
 * unprivileged server cannot create; an address-space limit is the closest per-process limit, and
 * a large allocation past it fails in the function (Python's MemoryError, Node's heap or
 * std::bad_alloc abort) as it would past AWS's limit.
 *
 * <p>Address space is far larger than resident memory: interpreters reserve memory they never
 * touch (thread stacks, malloc arenas, V8's heap reservations). Measured at start on this machine:
 * Python 3.11 16 MB of address space for 13 MB resident; Node 20 728 MB for 40 MB resident, and
 * Node needed 1 GB to allocate 100 MB. So the limit is {@link #FACTOR} times MemorySize plus a
 * runtime's fixed reserve; it stops runaway memory, not the last megabyte. Node's reserve has
 * headroom over the measured 1 GB: each thread that contends on malloc may map a 64 MB glibc
 * arena, and hosts with more cores than this one run more threads.
 */
final class MemoryLimit {

  /** Address space per MB of MemorySize: allocators round up and keep freed pages mapped. */
  static final int FACTOR = 2;
  static final long PYTHON_RESERVE_MB = 256;
  static final long NODE_RESERVE_MB = 1536;
  static final long PROVIDED_RESERVE_MB = 512;

  private static volatile Optional<String> prlimit;

  private MemoryLimit() {}

  /** The address-space limit in bytes for a runtime (not Java: its heap flags limit it). */
  static long addressSpaceBytes(String runtime, int memoryMb) {
    long reserve = runtime.startsWith("python") ? PYTHON_RESERVE_MB
        : runtime.startsWith("nodejs") ? NODE_RESERVE_MB : PROVIDED_RESERVE_MB;
    return (FACTOR * (long) memoryMb + reserve) * 1024 * 1024;
  }

  /**
   * The command started under the runtime's address-space limit; unchanged where {@code prlimit}
   * is missing (the limit is best effort, and REPORT's Max Memory Used still tells).
   */
  static List<String> wrap(String runtime, int memoryMb, List<String> command) {
    Optional<String> tool = prlimit();
    if (tool.isEmpty()) {
      return command;
    }
    List<String> wrapped = new ArrayList<>();
    wrapped.add(tool.get());
    wrapped.add("--as=" + addressSpaceBytes(runtime, memoryMb));
    wrapped.add("--");
    wrapped.addAll(command);
    return wrapped;
  }

  private static Optional<String> prlimit() {
    Optional<String> found = prlimit;
    if (found == null) {
      found = Optional.empty();
      String path = System.getenv("PATH");
      for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, "prlimit");
        if (Files.isExecutable(candidate)) {
          found = Optional.of(candidate.toString());
          break;
        }
      }
      prlimit = found;
    }
    return found;
  }
}
