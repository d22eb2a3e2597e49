package dev.sluice.core.queue.attributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.core.queue.SqsError;
import dev.sluice.core.queue.SqsException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueueAttributeRulesTest {

  private static AttributeChanges check(Map<String, String> given, boolean fifo) {
    return QueueAttributeRules.check(given, fifo, "arn:aws:sqs:r:0:q", arn -> Optional.empty());
  }

  @Test
  void numbers_and_booleans_are_stored_in_canonical_form() {
    Map<String, String> stored = check(Map.of("VisibilityTimeout", "030",
        "ContentBasedDeduplication", "TRUE"), true).applyTo(Map.of());

    assertThat(stored).containsEntry("VisibilityTimeout", "30")
        .containsEntry("ContentBasedDeduplication", "true");
  }

  @Test
  void create_queue_compares_only_what_the_client_asked_for() {
    AttributeChanges changes = check(Map.of("KmsMasterKeyId", "key"), false);
    Map<String, String> existing = changes.applyTo(QueueAttributeRules.defaults(false));

    assertThat(existing).containsEntry("SqsManagedSseEnabled", "false");
    assertThat(changes.firstDifferenceFrom(existing)).isEmpty();
    assertThat(check(Map.of("DelaySeconds", "5"), false)
        .firstDifferenceFrom(QueueAttributeRules.defaults(false))).contains("DelaySeconds");
  }

  @Test
  void turning_sqs_managed_encryption_on_drops_the_kms_settings() {
    Map<String, String> kms = Map.of("KmsMasterKeyId", "key", "KmsDataKeyReusePeriodSeconds", "600",
        "SqsManagedSseEnabled", "false");

    Map<String, String> after = check(Map.of("SqsManagedSseEnabled", "true"), false).applyTo(kms);

    assertThat(after).containsOnly(Map.entry("SqsManagedSseEnabled", "true"));
  }

  @Test
  void the_first_bad_attribute_in_the_clients_order_is_the_one_refused() {
    Map<String, String> given = new LinkedHashMap<>();
    given.put("DelaySeconds", "-1");
    given.put("Bogus", "x");

    SqsException refused = catchThrowableOfType(SqsException.class, () -> check(given, false));

    assertThat(refused.error()).isEqualTo(SqsError.INVALID_ATTRIBUTE_VALUE);
    assertThat(refused.getMessage()).isEqualTo("Invalid value for the parameter DelaySeconds.");
  }

  @Test
  void high_throughput_needs_deduplication_per_message_group() {
    Map<String, String> fifo = QueueAttributeRules.defaults(true);
    Map<String, String> perGroup = check(Map.of("FifoThroughputLimit", "perMessageGroupId"), true)
        .applyTo(fifo);

    SqsException refused = catchThrowableOfType(SqsException.class,
        () -> QueueAttributeRules.checkCombination(perGroup));

    assertThat(refused.error()).isEqualTo(SqsError.INVALID_ATTRIBUTE_VALUE);
    QueueAttributeRules.checkCombination(check(Map.of("FifoThroughputLimit", "perMessageGroupId",
        "DeduplicationScope", "messageGroup"), true).applyTo(fifo));
  }

  @Test
  void enumerated_fifo_settings_accept_only_their_values() {
    assertThat(catchThrowableOfType(SqsException.class,
        () -> check(Map.of("DeduplicationScope", "group"), true)).error())
        .isEqualTo(SqsError.INVALID_ATTRIBUTE_VALUE);
    assertThat(catchThrowableOfType(SqsException.class,
        () -> check(Map.of("FifoThroughputLimit", "perGroup"), true)).error())
        .isEqualTo(SqsError.INVALID_ATTRIBUTE_VALUE);
    assertThat(catchThrowableOfType(SqsException.class,
        () -> check(Map.of("ContentBasedDeduplication", "yes"), true)).error())
        .isEqualTo(SqsError.INVALID_ATTRIBUTE_VALUE);
  }
}
