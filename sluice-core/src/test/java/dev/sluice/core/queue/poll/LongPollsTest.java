package dev.sluice.core.queue.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.SqsException;
import dev.sluice.core.time.ManualTimeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The wait itself, with wake-ups and receive attempts that the test completes by hand. */
class LongPollsTest {

  private final ManualTimeSource time = new ManualTimeSource();
  private final LongPolls polls = new LongPolls(time);
  private final List<CompletableFuture<Void>> wakeUps = new ArrayList<>();
  private final Deque<CompletableFuture<List<String>>> attempts = new ArrayDeque<>();
  private final List<String> events = new ArrayList<>();

  private CompletableFuture<List<String>> startWaiting(int seconds) {
    return polls.start(time.nowMillis() + seconds * 1000L,
        () -> {
          events.add("wake-up registered");
          CompletableFuture<Void> wake = new CompletableFuture<>();
          wakeUps.add(wake);
          return wake;
        },
        () -> {
          events.add("attempt");
          CompletableFuture<List<String>> attempt = new CompletableFuture<>();
          attempts.add(attempt);
          return attempt;
        });
  }

  private CompletableFuture<Void> lastWakeUp() {
    return wakeUps.get(wakeUps.size() - 1);
  }

  @Test
  void the_wake_up_is_registered_before_the_first_attempt_so_no_send_is_missed() {
    startWaiting(20);

    assertThat(events).containsExactly("wake-up registered", "attempt");
  }

  @Test
  void an_empty_attempt_waits_and_a_wake_up_tries_again() {
    CompletableFuture<List<String>> result = startWaiting(20);
    attempts.pop().complete(List.of());
    assertThat(result).isNotDone();

    lastWakeUp().complete(null);
    attempts.pop().complete(List.of("m"));

    assertThat(result).isCompletedWithValue(List.of("m"));
    assertThat(polls.waiting()).isZero();
  }

  @Test
  void a_wake_up_during_an_attempt_causes_exactly_one_more_attempt() {
    CompletableFuture<List<String>> result = startWaiting(20);
    lastWakeUp().complete(null);
    assertThat(attempts).as("no second attempt while one runs").hasSize(1);

    attempts.pop().complete(List.of());

    assertThat(attempts).as("the wake-up that came meanwhile is honoured").hasSize(1);
    attempts.pop().complete(List.of("m"));
    assertThat(result).isCompletedWithValue(List.of("m"));
  }

  @Test
  void the_deadline_answers_nothing_and_forgets_the_wake_up() {
    CompletableFuture<List<String>> result = startWaiting(5);
    attempts.pop().complete(List.of());

    time.advanceSeconds(5);

    assertThat(result).isCompletedWithValue(List.of());
    assertThat(lastWakeUp()).isCancelled();
    assertThat(polls.waiting()).isZero();
  }

  @Test
  void an_attempt_running_at_the_deadline_still_answers_with_what_it_found() {
    CompletableFuture<List<String>> result = startWaiting(5);
    time.advanceSeconds(5);
    assertThat(result).isNotDone();

    attempts.pop().complete(List.of("late but real"));

    assertThat(result).isCompletedWithValue(List.of("late but real"));
  }

  @Test
  void cancelling_the_result_forgets_the_wake_up_and_the_timer() {
    CompletableFuture<List<String>> result = startWaiting(5);
    attempts.pop().complete(List.of());

    result.cancel(true);
    time.advanceSeconds(10);
    lastWakeUp().complete(null);

    assertThat(lastWakeUp()).isCancelled();
    assertThat(attempts).isEmpty();
    assertThat(polls.waiting()).isZero();
  }

  @Test
  void a_failed_attempt_ends_the_wait_with_its_refusal() {
    CompletableFuture<List<String>> result = startWaiting(5);
    SqsException gone = SqsException.queueDoesNotExist();

    attempts.pop().completeExceptionally(new java.util.concurrent.CompletionException(gone));

    assertThat(result.handle((value, error) -> error).join()).isSameAs(gone);
  }

  @Test
  void attempts_that_answer_synchronously_do_not_recurse() {
    int[] calls = {0};
    CompletableFuture<List<String>> result = polls.start(time.nowMillis() + 1000,
        () -> CompletableFuture.completedFuture(null),
        () -> ++calls[0] < 10_000
            ? CompletableFuture.completedFuture(List.of())
            : CompletableFuture.completedFuture(List.of("finally")));

    assertThat(result).isCompletedWithValue(List.of("finally"));
  }

  @Test
  void close_answers_every_waiting_receive_with_nothing() {
    CompletableFuture<List<String>> first = startWaiting(20);
    CompletableFuture<List<String>> second = startWaiting(20);

    polls.close();

    assertThat(first).isCompletedWithValue(List.of());
    assertThat(second).isCompletedWithValue(List.of());
    assertThat(polls.closed()).isTrue();
  }
}
