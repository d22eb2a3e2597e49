package dev.sluice.core.queue.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RandomUuidsTest {

  @Test
  void ids_are_version_4_uuids_of_the_ietf_variant() {
    for (int i = 0; i < 1_000; i++) {
      UUID id = RandomUuids.next();
      assertThat(id.version()).isEqualTo(4);
      assertThat(id.variant()).isEqualTo(2);
    }
  }

  @Test
  void ids_print_as_canonical_lowercase_uuids() {
    assertThat(RandomUuids.nextString())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void a_hundred_thousand_ids_are_all_distinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      seen.add(RandomUuids.nextString());
    }
    assertThat(seen).hasSize(100_000);
  }
}
