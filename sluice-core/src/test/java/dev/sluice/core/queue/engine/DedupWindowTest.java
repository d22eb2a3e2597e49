package dev.sluice.core.queue.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DedupWindowTest {

  private static final long WINDOW = DedupWindow.WINDOW_MILLIS;

  /**
   * The compact window against the map it replaced (kept here as the model), over random sends,
   * restores of records stored under raw keys, odd message ids and sweeps, enough of them to make
   * its arrays grow and shrink several times.
   */
  @Test
  void behaves_like_an_insertion_ordered_map_of_ids_to_records() {
    Random random = new Random(20261206);
    DedupWindow window = new DedupWindow();
    Model model = new Model();
    long now = 1_000_000;
    long sequence = 0;
    int largest = 0;
    for (int step = 0; step < 300_000; step++) {
      now += random.nextInt(step % 100_000 < 50_000 ? 10 : 3_000); // bursts, then quiet
      String id = "id-" + random.nextInt(20_000);
      String key = DedupWindow.key(null, id, false);
      int action = random.nextInt(100);
      if (action < 90) { // a send: a duplicate, or accepted and remembered
        DedupRecord found = window.find(key, now);
        DedupRecord expected = model.find(id, now);
        assertThat(found == null ? null : List.of(found.messageId(), found.sequence()))
            .as("step %d, %s", step, id)
            .isEqualTo(expected == null ? null : List.of(expected.messageId(), expected.sequence()));
        if (found == null) {
          String messageId = switch (random.nextInt(100)) {
            case 0 -> "not-a-uuid-" + step;
            case 1 -> UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
            default -> UUID.randomUUID().toString();
          };
          DedupRecord record = new DedupRecord(key, messageId, ++sequence, now + WINDOW);
          window.put(record);
          model.put(id, record);
        }
      } else if (action < 91) { // restored from data that stored raw keys, expiring in any order
        DedupRecord record = new DedupRecord(id, UUID.randomUUID().toString(), ++sequence,
            now + random.nextInt((int) WINDOW));
        window.put(record);
        model.put(id, record);
      } else {
        assertThat(window.expire(now)).as("step %d", step).isEqualTo(model.expire(now));
      }
      assertThat(window.size()).isEqualTo(model.size());
      largest = Math.max(largest, window.capacity());
    }
    assertThat(largest).as("the arrays grew").isGreaterThanOrEqualTo(8_192);

    now += 2 * WINDOW;
    assertThat(window.expire(now)).isEqualTo(model.expire(now));
    assertThat(window.size()).isZero();
    assertThat(window.capacity()).as("and shrank back").isEqualTo(DedupWindow.MIN_CAPACITY);
  }

  @Test
  void keys_are_digests_of_the_id_scoped_by_group_when_asked() {
    String key = DedupWindow.key("group", "dedup", true);

    assertThat(key).hasSize(33).startsWith("\u0001");
    assertThat(key).isEqualTo(DedupWindow.key("group", "dedup", true))
        .isNotEqualTo(DedupWindow.key("other", "dedup", true))
        .isNotEqualTo(DedupWindow.key("group", "dedup", false));
    assertThat(DedupWindow.key("group", "dedup", false))
        .isEqualTo(DedupWindow.key("other", "dedup", false));
  }

  @Test
  void a_record_stored_under_its_raw_key_is_found_by_the_digest_and_expires_under_the_raw_key() {
    DedupWindow window = new DedupWindow();
    window.put(new DedupRecord("g\u0000d", "id-1", 7, 1_000));

    DedupRecord found = window.find(DedupWindow.key("g", "d", true), 500);

    assertThat(found.messageId()).isEqualTo("id-1");
    assertThat(found.sequence()).isEqualTo(7);
    assertThat(window.expire(1_000)).containsExactly("g\u0000d");
  }

  /** The implementation this class replaced: a map of ids, in insertion order. */
  private static final class Model {
    private final LinkedHashMap<String, DedupRecord> records = new LinkedHashMap<>();

    DedupRecord find(String id, long now) {
      DedupRecord record = records.get(id);
      return record != null && record.expiresAtMillis() > now ? record : null;
    }

    void put(String id, DedupRecord record) {
      records.remove(id);
      records.put(id, record);
    }

    List<String> expire(long now) {
      List<String> expired = new ArrayList<>();
      Iterator<DedupRecord> oldestFirst = records.values().iterator();
      while (oldestFirst.hasNext()) {
        DedupRecord record = oldestFirst.next();
        if (record.expiresAtMillis() > now) {
          break;
        }
        oldestFirst.remove();
        expired.add(record.key());
      }
      return expired;
    }

    int size() {
      return records.size();
    }
  }
}
