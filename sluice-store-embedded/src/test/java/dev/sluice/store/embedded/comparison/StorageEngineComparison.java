package dev.sluice.store.embedded.comparison;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The small measurement behind the embedded store's choice of engine (docs/design/embedded-store.md).
 * A plain main class, never part of the test suite. Every engine runs the same phases over 1 KB
 * records, each write a synchronous (fsync'ed) commit unless the phase says otherwise:
 *
 * <ol>
 *   <li>1 writer: N/2 single-record commits;
 *   <li>8 writers: N/2 single-record commits, concurrently (does the engine group commits?);
 *   <li>batched: N records in commits of 64, what the store's group-commit writer produces under load;
 *   <li>random reads: N point reads (a delivery loads its body);
 *   <li>update + delete: 8 writers update then delete each of the first N records;
 *   <li>reopen + scan: close, reopen, read the N records left (recovery).
 * </ol>
 *
 * <p>Run: {@code java -cp <test classpath> dev.sluice.store.embedded.comparison.StorageEngineComparison
 * [N] [rounds] [workDir]}. Figures are printed as ops/s and as ratios against RocksDB from the same run.
 */
public final class StorageEngineComparison {

  static final int RECORD_BYTES = 1024;
  static final int BATCH = 64;
  static final int WRITERS = 8;

  /** The operations every candidate offers, each write durable when it returns. */
  interface Candidate {
    String name();

    void open(Path dir) throws Exception;

    void put(long key, byte[] value) throws Exception;

    void putBatch(long[] keys, byte[][] values) throws Exception;

    void update(long key, byte[] value) throws Exception;

    void delete(long key) throws Exception;

    /** Null when the engine cannot read one record by key. */
    byte[] get(long key) throws Exception;

    /** Reads every record; returns how many. */
    long scan() throws Exception;

    void close() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("sluice-engines");
    long fsyncNanos = medianFsyncNanos(work);
    System.out.printf("N=%d, record=%d B, %d rounds, median fsync of a 1 KB append: %.3f ms%n",
        n, RECORD_BYTES, rounds, fsyncNanos / 1e6);

    List<Candidate> candidates = List.of(
        new RocksDbCandidate(),
        new H2MvStoreCandidate(),
        new SqliteCandidate(),
        new ArtemisJournalCandidate(fsyncNanos));
    // why: the machine is shared and noisy; rotate the order each round and report medians.
    Map<String, List<Map<String, Double>>> runs = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < candidates.size(); i++) {
        Candidate candidate = candidates.get((i + round) % candidates.size());
        Path dir = work.resolve("round" + round).resolve(candidate.name().replace(' ', '-'));
        Files.createDirectories(dir);
        Map<String, Double> result = run(candidate, dir, n);
        System.out.println("round " + round + ", " + candidate.name() + ": " + result);
        runs.computeIfAbsent(candidate.name(), k -> new ArrayList<>()).add(result);
      }
    }
    printTable(runs, "RocksDB");
  }

  static Map<String, Double> run(Candidate c, Path dir, int n) throws Exception {
    Map<String, Double> r = new LinkedHashMap<>();
    // why: distinct random values, or block compression would shrink identical records to nothing.
    byte[] noise = randomBytes(1 << 20, 1);
    c.open(dir);

    long t = System.nanoTime();
    for (long k = 0; k < n / 2; k++) {
      c.put(k, record(noise, k));
    }
    r.put("1 writer, sync puts/s", rate(n / 2, t));

    t = System.nanoTime();
    parallel(n / 2, i -> c.put(n / 2 + i, record(noise, n / 2 + i)));
    r.put("8 writers, sync puts/s", rate(n / 2, t));

    t = System.nanoTime();
    for (int start = 0; start < n; start += BATCH) {
      int size = Math.min(BATCH, n - start);
      long[] keys = new long[size];
      byte[][] values = new byte[size][];
      for (int i = 0; i < size; i++) {
        keys[i] = n + start + i;
        values[i] = record(noise, keys[i]);
      }
      c.putBatch(keys, values);
    }
    r.put("batched 64, puts/s", rate(n, t));

    SplittableRandom random = new SplittableRandom(7);
    t = System.nanoTime();
    boolean readable = true;
    for (int i = 0; i < n && readable; i++) {
      byte[] got = c.get(n + random.nextInt(n));
      readable = got != null;
    }
    r.put("random gets/s", readable ? rate(n, t) : Double.NaN);

    t = System.nanoTime();
    parallel(n, i -> {
      c.update(i, record(noise, i + 1));
      c.delete(i);
    });
    r.put("8 writers, sync update+delete pairs/s", rate(n, t));

    c.close();
    t = System.nanoTime();
    c.open(dir);
    long found = c.scan();
    r.put("reopen+scan ms", (System.nanoTime() - t) / 1e6);
    c.close();
    if (found != n) {
      throw new IllegalStateException(c.name() + " found " + found + " records, expected " + n);
    }
    r.put("disk MB", directorySize(dir) / 1e6);
    return r;
  }

  interface Op {
    void run(long i) throws Exception;
  }

  static void parallel(int count, Op op) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        futures.add(pool.submit(() -> {
          for (long i = writer; i < count; i += WRITERS) {
            op.run(i);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  static double rate(long ops, long startNanos) {
    return ops / ((System.nanoTime() - startNanos) / 1e9);
  }

  static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new SplittableRandom(seed).nextBytes(bytes);
    return bytes;
  }

  /** A 1 KB value that differs from its neighbours': a window into random noise. */
  static byte[] record(byte[] noise, long key) {
    int offset = (int) ((key * 8191) % (noise.length - RECORD_BYTES));
    return Arrays.copyOfRange(noise, offset, offset + RECORD_BYTES);
  }

  static byte[] key(long k) {
    return ByteBuffer.allocate(8).putLong(k).array();
  }

  /** Artemis sizes its write-buffer timeout from the disk's sync time the same way (artemis create). */
  static long medianFsyncNanos(Path work) throws IOException {
    Path file = work.resolve("fsync-probe");
    long[] samples = new long[200];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.allocate(RECORD_BYTES);
      for (int i = 0; i < samples.length; i++) {
        buffer.clear();
        long t = System.nanoTime();
        ch.write(buffer);
        ch.force(false);
        samples[i] = System.nanoTime() - t;
      }
    }
    Files.delete(file);
    Arrays.sort(samples);
    return samples[samples.length / 2];
  }

  static long directorySize(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    }
  }

  /**
   * Per engine and measure: the median over rounds of the value, and the median over rounds of
   * its ratio to the baseline's value in the same round (rounds cancel slow drifts in machine load).
   */
  static void printTable(Map<String, List<Map<String, Double>>> runs, String baseline) {
    List<Map<String, Double>> base = runs.get(baseline);
    StringBuilder header = new StringBuilder("| measure |");
    StringBuilder rule = new StringBuilder("|---|");
    for (String engine : runs.keySet()) {
      header.append(' ').append(engine).append(" |");
      rule.append("---|");
    }
    System.out.println();
    System.out.println(header);
    System.out.println(rule);
    for (String measure : base.get(0).keySet()) {
      StringBuilder row = new StringBuilder("| ").append(measure).append(" |");
      for (List<Map<String, Double>> engine : runs.values()) {
        double value = median(engine.stream().mapToDouble(r -> r.get(measure)).toArray());
        double ratio = median(IntStream.range(0, engine.size())
            .mapToDouble(round -> engine.get(round).get(measure) / base.get(round).get(measure))
            .toArray());
        row.append(Double.isNaN(value) ? " n/a |" : String.format(" %.4g (%.2fx) |", value, ratio));
      }
      System.out.println(row);
    }
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
