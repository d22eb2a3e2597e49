package dev.sluice.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.store.MessageData;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/** Payload reads on delivery: one pass that reads ahead for the next receives, else lookups. */
class RocksPayloadsTest {

  private static final long QUEUE = 7;

  @TempDir Path directory;
  private RocksDatabase database;
  private RocksPayloads payloads;

  @BeforeEach
  void open() throws Exception {
    database = RocksDatabase.open(directory);
    payloads = new RocksPayloads(database);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void a_receive_reads_ahead_for_the_next_ones() throws Exception {
    store(1, 50);

    assertThat(bodies(payloads.loadAll(QUEUE, sequences(1, 10)))).containsExactly(expected(1, 10));
    erase(11, 20); // gone from disk: only what was read ahead can answer now

    assertThat(bodies(payloads.loadAll(QUEUE, sequences(11, 20)))).containsExactly(expected(11, 20));
  }

  @Test
  void a_payload_read_ahead_is_served_once_then_read_from_disk_again() throws Exception {
    store(1, 50);
    payloads.loadAll(QUEUE, sequences(1, 10));
    payloads.loadAll(QUEUE, sequences(11, 20));
    erase(11, 20);

    assertThat(payloads.loadAll(QUEUE, sequences(11, 20))).containsOnlyNulls();
  }

  @Test
  void passes_move_forward_and_a_key_they_passed_is_looked_up_not_scanned_again() throws Exception {
    store(1, 1000);
    payloads.loadAll(QUEUE, sequences(1, 10)); // one pass: 1 .. 210
    for (long sequence = 11; sequence <= 30; sequence++) {
      payloads.loadAll(QUEUE, new long[] {sequence}); // taken from what was read ahead
    }
    erase(300, 1000); // a new pass from 211 would find only 211 .. 299

    // 11 was read ahead and taken already: looked up. 250 is past the mark: a new pass from there.
    List<MessageData> loaded = payloads.loadAll(QUEUE, new long[] {250, 11});

    assertThat(bodies(loaded)).containsExactly("body-250", "body-11");
    erase(211, 299);
    assertThat(bodies(payloads.loadAll(QUEUE, sequences(251, 260))))
        .as("read ahead by the pass from 250").containsExactly(expected(251, 260));
    assertThat(payloads.loadAll(QUEUE, sequences(211, 212)))
        .as("skipped by that pass, so looked up: and erased").containsOnlyNulls();
  }

  @Test
  void a_fifo_like_receive_wanting_every_tenth_key_finds_the_next_in_what_was_read_ahead()
      throws Exception {
    store(1, 2000);
    payloads.loadAll(QUEUE, LongStream.iterate(1, s -> s + 10).limit(10).toArray());
    erase(1, 2000);

    long[] nextGroup = LongStream.iterate(2, s -> s + 10).limit(10).toArray();
    assertThat(payloads.loadAll(QUEUE, nextGroup)).doesNotContainNull();
  }

  @Test
  void keys_beyond_one_pass_are_looked_up() throws Exception {
    long far = 1 + PayloadReadAhead.MESSAGES_PER_PASS + 500;
    store(1, far);

    List<MessageData> loaded = payloads.loadAll(QUEUE, new long[] {far, 1});

    assertThat(bodies(loaded)).containsExactly("body-" + far, "body-1");
  }

  @Test
  void missing_payloads_and_other_queues_payloads_are_null() throws Exception {
    store(1, 5);

    assertThat(payloads.loadAll(QUEUE, new long[] {6, 3})).extracting(d -> d == null ? null : d.body())
        .containsExactly(null, "body-3");
    assertThat(payloads.loadAll(QUEUE + 1, new long[] {1})).containsOnlyNulls();
  }

  @Test
  void what_is_read_ahead_stays_within_its_bounds() {
    PayloadReadAhead ahead = new PayloadReadAhead();
    int entries = PayloadReadAhead.MAX_ENTRIES + 10;
    for (int sequence = 0; sequence < entries; sequence++) {
      ahead.keep(QUEUE, sequence, new byte[16]);
    }
    assertThat(ahead.take(QUEUE, 9)).as("the oldest go first").isNull();
    assertThat(ahead.take(QUEUE, 10)).isNotNull();

    byte[] large = new byte[(int) (PayloadReadAhead.MAX_BYTES / 2)];
    ahead.keep(QUEUE + 1, 1, large);
    ahead.keep(QUEUE + 1, 2, large);
    ahead.keep(QUEUE + 1, 3, large);
    assertThat(ahead.take(QUEUE + 1, 1)).isNull();
    assertThat(ahead.take(QUEUE + 1, 3)).isNotNull();
  }

  private void store(long from, long to) throws RocksDBException {
    try (WriteBatch batch = new WriteBatch()) {
      for (long sequence = from; sequence <= to; sequence++) {
        database.add(batch, new WriteOp.Put(Table.PAYLOADS, Keys.message(QUEUE, sequence),
            MessageDataCodec.encode(TestMessages.data("body-" + sequence, null, null))));
      }
      database.write(batch, false);
    }
  }

  private void erase(long from, long to) throws RocksDBException {
    try (WriteBatch batch = new WriteBatch()) {
      for (long sequence = from; sequence <= to; sequence++) {
        database.add(batch, new WriteOp.Delete(Table.PAYLOADS, Keys.message(QUEUE, sequence)));
      }
      database.write(batch, false);
    }
  }

  private static long[] sequences(long from, long to) {
    return LongStream.rangeClosed(from, to).toArray();
  }

  private static String[] expected(long from, long to) {
    return LongStream.rangeClosed(from, to).mapToObj(s -> "body-" + s).toArray(String[]::new);
  }

  private static List<String> bodies(List<MessageData> loaded) {
    return loaded.stream().map(d -> Objects.requireNonNull(d, "missing payload").body()).toList();
  }
}
