package dev.sluice.core.queue.attributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.core.queue.SqsError;
import dev.sluice.core.queue.SqsException;
import dev.sluice.core.queue.TestQueues;
import dev.sluice.core.queue.store.QueueRecord;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedrivePoliciesTest {

  private static final String SOURCE = "arn:aws:sqs:us-east-1:000000000000:src";
  private static final String DLQ = "arn:aws:sqs:us-east-1:000000000000:dlq";
  private static final String GUARDED = "arn:aws:sqs:us-east-1:000000000000:guarded";

  private final Map<String, QueueRecord> queues = Map.of(
      DLQ, TestQueues.standard("dlq"),
      GUARDED, TestQueues.standard("guarded", Map.of("RedriveAllowPolicy",
          "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\"" + SOURCE + "-other\"]}")));

  private String normalize(String raw) {
    return RedrivePolicies.normalizeRedrivePolicy(raw, SOURCE, false,
        arn -> Optional.ofNullable(queues.get(arn)));
  }

  private SqsException refusal(String raw) {
    return catchThrowableOfType(SqsException.class, () -> normalize(raw));
  }

  @Test
  void a_policy_is_stored_in_aws_canonical_form() {
    assertThat(normalize("{ \"maxReceiveCount\": \"5\", \"deadLetterTargetArn\": \"" + DLQ + "\" }"))
        .isEqualTo("{\"deadLetterTargetArn\":\"" + DLQ + "\",\"maxReceiveCount\":5}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1001", "\"many\"", "-1"})
  void max_receive_count_must_be_between_1_and_1000(String count) {
    String raw = "{\"deadLetterTargetArn\":\"" + DLQ + "\",\"maxReceiveCount\":" + count + "}";

    SqsException refused = refusal(raw);

    assertThat(refused.error()).isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
    assertThat(refused.getMessage()).startsWith("Value " + raw + " for parameter RedrivePolicy is"
        + " invalid. Reason: Invalid value for maxReceiveCount: ")
        .endsWith(", valid values are from 1 to 1000 both inclusive.");
  }

  @Test
  void both_fields_are_mandatory() {
    assertThat(refusal("{\"maxReceiveCount\":5}").getMessage())
        .endsWith("Reason: Redrive policy does not contain mandatory attribute: deadLetterTargetArn.");
    assertThat(refusal("{\"deadLetterTargetArn\":\"" + DLQ + "\"}").getMessage())
        .endsWith("Reason: Redrive policy does not contain mandatory attribute: maxReceiveCount.");
    assertThat(refusal("not json").error()).isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
    assertThat(refusal("{\"deadLetterTargetArn\":\"dummy\",\"maxReceiveCount\":42}").error())
        .isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
  }

  @Test
  void a_dead_letter_queue_may_refuse_sources_it_does_not_allow() {
    String raw = "{\"deadLetterTargetArn\":\"" + GUARDED + "\",\"maxReceiveCount\":5}";

    assertThat(refusal(raw).error()).isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
    assertThat(RedrivePolicies.allows("{\"redrivePermission\":\"denyAll\"}", SOURCE)).isFalse();
    assertThat(RedrivePolicies.allows("{\"redrivePermission\":\"allowAll\"}", SOURCE)).isTrue();
    assertThat(RedrivePolicies.allows(
        "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\"" + SOURCE + "\"]}", SOURCE)).isTrue();
    assertThat(RedrivePolicies.allows(null, SOURCE)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"redrivePermission\":\"some\"}",
      "{\"redrivePermission\":\"byQueue\"}", "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[]}",
      "{\"redrivePermission\":\"allowAll\",\"sourceQueueArns\":[\"arn:aws:sqs:r:1:q\"]}", "[]"})
  void malformed_redrive_allow_policies_are_refused(String raw) {
    assertThat(catchThrowableOfType(SqsException.class,
        () -> RedrivePolicies.checkRedriveAllowPolicy(raw)).error())
        .isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
  }

  @Test
  void a_redrive_allow_policy_names_at_most_ten_sources() {
    StringBuilder sources = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      sources.append(i == 0 ? "" : ",").append("\"arn:aws:sqs:us-east-1:000000000000:q").append(i).append('"');
    }

    assertThat(catchThrowableOfType(SqsException.class, () -> RedrivePolicies.checkRedriveAllowPolicy(
        "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[" + sources + "]}"))).isNotNull();
  }
}
