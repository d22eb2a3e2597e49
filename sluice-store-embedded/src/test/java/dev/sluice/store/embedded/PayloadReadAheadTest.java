package dev.sluice.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PayloadReadAheadTest {

  @Test
  void a_mark_only_moves_forward() {
    PayloadReadAhead readAhead = new PayloadReadAhead();

    readAhead.passed(1, 200);
    readAhead.passed(1, 150);

    assertThat(readAhead.passedUpTo(1)).isEqualTo(200);
    assertThat(readAhead.passedUpTo(2)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void marks_of_queues_long_gone_do_not_pile_up() {
    PayloadReadAhead readAhead = new PayloadReadAhead();

    for (long queueId = 0; queueId < 10L * PayloadReadAhead.MAX_QUEUES_MARKED; queueId++) {
      readAhead.passed(queueId, 1);
    }

    assertThat(readAhead.queuesMarked()).isBetween(1, PayloadReadAhead.MAX_QUEUES_MARKED);
    assertThat(readAhead.passedUpTo(10L * PayloadReadAhead.MAX_QUEUES_MARKED - 1)).isEqualTo(1);
  }
}
