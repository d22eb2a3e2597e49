package dev.sluice.protocol.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.core.queue.SqsError;
import dev.sluice.core.queue.SqsException;
import dev.sluice.protocol.aws.AwsHttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueUrlsTest {

  private final QueueUrls urls = new QueueUrls("000000000000", "http://fallback:4566");

  @Test
  void a_queue_url_names_its_queue_every_time_it_is_asked() {
    for (int i = 0; i < 3; i++) {
      assertThat(urls.queueName("http://localhost:4566/000000000000/orders")).isEqualTo("orders");
      assertThat(urls.queueName("/000000000000/orders")).isEqualTo("orders");
    }
  }

  @Test
  void refusals_are_repeated_not_remembered_as_answers() {
    for (int i = 0; i < 3; i++) {
      assertThat(catchThrowableOfType(SqsException.class,
          () -> urls.queueName("http://h/000000000000/a/b")).error())
          .isEqualTo(SqsError.INVALID_ADDRESS);
      assertThat(catchThrowableOfType(SqsException.class,
          () -> urls.queueName("http://h/111111111111/orders")).error())
          .isEqualTo(SqsError.QUEUE_DOES_NOT_EXIST);
      assertThat(catchThrowableOfType(SqsException.class,
          () -> urls.queueName("http://h h/000000000000/orders")).error())
          .isEqualTo(SqsError.INVALID_ADDRESS);
    }
  }

  @Test
  void more_distinct_urls_than_the_cache_holds_are_all_answered_right() {
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < QueueUrls.CACHE_LIMIT * 2 + 7; i++) {
        assertThat(urls.queueName("http://h:" + i + "/000000000000/q" + i)).isEqualTo("q" + i);
      }
    }
  }

  @Test
  void the_base_url_echoes_a_valid_host_header_and_falls_back_for_others() {
    for (int i = 0; i < 3; i++) {
      assertThat(urls.baseUrl(withHost("localhost:4566"))).isEqualTo("http://localhost:4566");
      assertThat(urls.baseUrl(withHost("[::1]:9324"))).isEqualTo("http://[::1]:9324");
      assertThat(urls.baseUrl(withHost("evil/path"))).isEqualTo("http://fallback:4566");
      assertThat(urls.baseUrl(withHost(null))).isEqualTo("http://fallback:4566");
    }
  }

  private static AwsHttpRequest withHost(String host) {
    Map<String, List<String>> headers = host == null ? Map.of() : Map.of("host", List.of(host));
    return new AwsHttpRequest("POST", "/", "", headers, new byte[0], "127.0.0.1");
  }
}
