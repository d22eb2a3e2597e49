package dev.sluice.core.queue;

import static dev.sluice.core.queue.AwsRecordings.assertRefusedAsRecorded;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.queue.model.ListQueuesResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueLifecycleTest extends ServiceFixture {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Map<String, String> all(String queue) {
    return join(service.getQueueAttributes(queue, List.of("All")));
  }

  private static List<String> names(JsonNode recordedAttributes) {
    List<String> names = new ArrayList<>();
    recordedAttributes.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The recorded attributes, minus values that are placeholders in the recording. */
  private static Map<String, String> stableValues(JsonNode recordedAttributes) {
    Map<String, String> values = new HashMap<>();
    recordedAttributes.fields().forEachRemaining(field -> {
      String value = field.getValue().asText();
      if (!value.equals("timestamp") && !value.startsWith("arn:<")) {
        values.put(field.getKey(), value);
      }
    });
    return values;
  }

  @Test
  void a_new_standard_queue_has_the_attributes_aws_shows_for_all() {
    createStandard("q");

    var recorded = AwsRecordings.sqs("test_set_queue_attributes_default_values[sqs]",
        "get-queue-attributes-initial-values").path("Attributes");

    assertThat(all("q")).containsOnlyKeys(names(recorded))
        .containsAllEntriesOf(stableValues(recorded))
        .containsEntry("QueueArn", "arn:aws:sqs:us-east-1:000000000000:q")
        .containsEntry("CreatedTimestamp", Long.toString(time.nowMillis() / 1000));
  }

  @Test
  void a_new_fifo_queue_has_the_attributes_aws_shows_for_all() {
    createFifo("q.fifo", Map.of("ContentBasedDeduplication", "true", "SqsManagedSseEnabled", "true"));

    var recorded = AwsRecordings.sqs("test_fifo_set_content_based_deduplication_strategy[sqs]",
        "before-update").path("Attributes");

    assertThat(all("q.fifo")).containsOnlyKeys(names(recorded))
        .containsAllEntriesOf(stableValues(recorded));
  }

  @Test
  void set_queue_attributes_changes_them_and_bumps_last_modified() {
    createStandard("q", Map.of("MessageRetentionPeriod", "604800",
        "ReceiveMessageWaitTimeSeconds", "10", "VisibilityTimeout", "20"));
    var recording = "test_create_and_update_queue_attributes[sqs]";
    assertThat(all("q")).containsAllEntriesOf(
        stableValues(AwsRecordings.sqs(recording, "get_queue_attributes").path("Attributes")));
    long created = time.nowMillis() / 1000;
    time.advanceSeconds(5);

    join(service.setQueueAttributes("q",
        Map.of("MaximumMessageSize", "2048", "VisibilityTimeout", "69", "DelaySeconds", "420")));

    assertThat(all("q")).containsAllEntriesOf(stableValues(
            AwsRecordings.sqs(recording, "get_updated_queue_attributes").path("Attributes")))
        .containsEntry("CreatedTimestamp", Long.toString(created))
        .containsEntry("LastModifiedTimestamp", Long.toString(created + 5));
  }

  @Test
  void counts_are_derived_from_the_store() {
    createStandard("q");
    send("q", "visible");
    join(service.sendMessage("q", new dev.sluice.core.queue.model.SendMessageRequest(
        "delayed", 60, null, null, null, null, null)));
    send("q", "in flight");
    receive("q", 1);

    assertThat(join(service.getQueueAttributes("q", List.of("ApproximateNumberOfMessages",
        "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"))))
        .containsExactlyInAnyOrderEntriesOf(Map.of("ApproximateNumberOfMessages", "1",
            "ApproximateNumberOfMessagesNotVisible", "1", "ApproximateNumberOfMessagesDelayed", "1"));
  }

  @Test
  void only_the_named_attributes_are_returned_and_unknown_names_are_refused() {
    createStandard("q");

    assertThat(join(service.getQueueAttributes("q", List.of("QueueArn", "VisibilityTimeout"))))
        .containsOnlyKeys("QueueArn", "VisibilityTimeout");
    assertThat(join(service.getQueueAttributes("q", List.of()))).isEmpty();
    assertThat(join(service.getQueueAttributes("q", List.of("FifoQueue", "Policy")))).isEmpty();
    SqsException refused = refusal(service.getQueueAttributes("q", List.of("Foobar")));
    assertThat(refused.error()).isEqualTo(SqsError.INVALID_ATTRIBUTE_NAME);
    assertThat(refused.getMessage()).isEqualTo("Unknown Attribute Foobar.");
  }

  @Test
  void create_queue_is_idempotent_for_equal_attributes_and_refuses_different_ones() {
    createStandard("q", Map.of("ReceiveMessageWaitTimeSeconds", "1", "DelaySeconds", "1"));
    var recording = "test_create_queue_with_different_attributes_raises_exception[sqs]";

    assertThat(createStandard("q")).isEqualTo("q");
    assertThat(createStandard("q", Map.of("DelaySeconds", "1"))).isEqualTo("q");
    assertRefusedAsRecorded(AwsRecordings.sqs(recording, "create_queue_01"),
        () -> createStandard("q", Map.of("ReceiveMessageWaitTimeSeconds", "1", "DelaySeconds", "2")));

    join(service.setQueueAttributes("q", Map.of("DelaySeconds", "2")));

    assertThat(createStandard("q", Map.of("ReceiveMessageWaitTimeSeconds", "1", "DelaySeconds", "2")))
        .isEqualTo("q");
    assertRefusedAsRecorded(AwsRecordings.sqs(recording, "create_queue_02"),
        () -> createStandard("q", Map.of("ReceiveMessageWaitTimeSeconds", "1", "DelaySeconds", "1")));
  }

  @Test
  void a_fifo_queue_recreated_with_other_deduplication_is_refused() {
    createFifo("q.fifo", Map.of("ContentBasedDeduplication", "true"));

    assertRefusedAsRecorded(AwsRecordings.sqs(
            "test_create_fifo_queue_with_different_attributes_raises_error[sqs]", "queue-already-exists"),
        () -> createFifo("q.fifo", Map.of("ContentBasedDeduplication", "false")));
    assertThat(createFifo("q.fifo", Map.of())).isEqualTo("q.fifo");
  }

  @Test
  void queue_names_follow_aws_rules() {
    assertThat(refusal(service.createQueue("q.fifo", Map.of(), Map.of())).error())
        .isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
    assertThat(refusal(service.createQueue("no-suffix", Map.of("FifoQueue", "true"), Map.of())).error())
        .isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
    assertThat(refusal(service.createQueue("queue/with/slashes", Map.of(), Map.of())).error())
        .isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
    assertThat(refusal(service.createQueue("a".repeat(81), Map.of(), Map.of())).error())
        .isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
    assertThat(refusal(service.createQueue("a".repeat(76) + ".fifo", Map.of("FifoQueue", "true"),
        Map.of())).error()).isEqualTo(SqsError.INVALID_PARAMETER_VALUE);

    assertThat(createStandard("a".repeat(80))).hasSize(80);
    assertThat(createFifo("b".repeat(75) + ".fifo", Map.of())).hasSize(80);
  }

  @Test
  void fifo_only_attributes_are_refused_on_standard_queues_as_aws_refuses_them() {
    var recording = "test_create_standard_queue_with_fifo_attribute_raises_error[sqs]";

    assertRefusedAsRecorded(AwsRecordings.sqs(recording, "invalid-attribute-fifo-queue"),
        () -> createStandard("q", Map.of("FifoQueue", "false")));
    assertRefusedAsRecorded(AwsRecordings.sqs(recording, "invalid-attribute-content-based-deduplication"),
        () -> createStandard("q", Map.of("ContentBasedDeduplication", "true")));
    assertRefusedAsRecorded(AwsRecordings.sqs(recording, "invalid-attribute-deduplication-scope"),
        () -> createStandard("q", Map.of("DeduplicationScope", "queue")));
    assertRefusedAsRecorded(AwsRecordings.sqs(recording, "invalid-attribute-throughput-limit"),
        () -> createStandard("q", Map.of("FifoThroughputLimit", "perQueue")));
    assertThat(store.queue("q")).isEmpty();
  }

  @Test
  void the_queue_type_cannot_change() {
    createStandard("q");
    createFifo("q.fifo", Map.of());

    assertRefusedAsRecorded(AwsRecordings.sqs("test_set_unsupported_attribute_standard[sqs]",
        "invalid-attr-name-1"), () -> join(service.setQueueAttributes("q", Map.of("FifoQueue", "true"))));
    join(service.setQueueAttributes("q.fifo", Map.of("FifoQueue", "true")));
    assertRefusedAsRecorded(AwsRecordings.sqs("test_set_unsupported_attribute_fifo[sqs]",
        "invalid-attr-name-2"), () -> join(service.setQueueAttributes("q.fifo", Map.of("FifoQueue", "false"))));
  }

  @Test
  void out_of_range_attribute_values_are_refused_and_change_nothing() {
    createStandard("q");
    Map<String, String> before = all("q");

    for (var bad : List.of(Map.of("VisibilityTimeout", "43201"), Map.of("MessageRetentionPeriod", "59"),
        Map.of("MaximumMessageSize", "1023"), Map.of("DelaySeconds", "901"),
        Map.of("ReceiveMessageWaitTimeSeconds", "21"), Map.of("KmsDataKeyReusePeriodSeconds", "59"),
        Map.of("VisibilityTimeout", "ten"), Map.of("Policy", "not json"))) {
      SqsException refused = refusal(service.setQueueAttributes("q", bad));
      String name = bad.keySet().iterator().next();
      assertThat(refused.error()).as(name).isEqualTo(SqsError.INVALID_ATTRIBUTE_VALUE);
      assertThat(refused.getMessage()).isEqualTo("Invalid value for the parameter " + name + ".");
    }
    assertThat(refusal(service.setQueueAttributes("q", Map.of("QueueArn", "x"))).getMessage())
        .isEqualTo("Unknown Attribute QueueArn.");
    assertThat(all("q")).isEqualTo(before);
  }

  @Test
  void kms_settings_show_up_and_go_away_when_set_back_to_their_defaults() {
    createStandard("q");
    var recording = "test_set_queue_attributes_default_values[sqs]";

    join(service.setQueueAttributes("q", Map.of("KmsMasterKeyId", "testKeyId",
        "KmsDataKeyReusePeriodSeconds", "6000", "SqsManagedSseEnabled", "false")));
    assertThat(all("q")).containsOnlyKeys(names(AwsRecordings.sqs(recording,
        "get-queue-attributes-after-update").path("Attributes")));

    join(service.setQueueAttributes("q", Map.of("KmsMasterKeyId", "",
        "KmsDataKeyReusePeriodSeconds", "300")));
    var recorded = AwsRecordings.sqs(recording, "get-queue-attributes-after-set-to-defaults")
        .path("Attributes");
    assertThat(all("q")).containsOnlyKeys(names(recorded)).containsAllEntriesOf(stableValues(recorded));
  }

  @Test
  void kms_and_sqs_managed_encryption_are_mutually_exclusive() {
    createStandard("q");

    SqsException refused = refusal(service.setQueueAttributes("q",
        Map.of("KmsMasterKeyId", "testKeyId", "SqsManagedSseEnabled", "true")));

    String recorded = AwsRecordings.sqs("test_sse_kms_and_sqs_are_mutually_exclusive[sqs]", "error")
        .asText();
    assertThat(recorded).endsWith(refused.getMessage())
        .contains("(" + refused.error().queryCode() + ")");
  }

  @Test
  void a_redrive_policy_needs_an_existing_target_of_the_same_type() {
    createStandard("dlq");
    createFifo("dlq.fifo", Map.of());
    createStandard("src");
    String toMissing = "{\"deadLetterTargetArn\":\"" + arn("missing") + "\",\"maxReceiveCount\":3}";
    String toFifo = "{\"deadLetterTargetArn\":\"" + arn("dlq.fifo") + "\",\"maxReceiveCount\":3}";

    assertThat(refusal(service.setQueueAttributes("src", Map.of("RedrivePolicy", toMissing))).getMessage())
        .isEqualTo("Value " + toMissing + " for parameter RedrivePolicy is invalid. Reason: Dead"
            + " letter target does not exist.");
    assertThat(refusal(service.setQueueAttributes("src", Map.of("RedrivePolicy", toFifo))).getMessage())
        .endsWith("Reason: Dead-letter queue must be same type of queue as the source..");

    join(service.setQueueAttributes("src", Map.of("RedrivePolicy",
        "{\"deadLetterTargetArn\":\"" + arn("dlq") + "\",\"maxReceiveCount\":\"5\"}")));
    assertThat(join(service.getQueueAttributes("src", List.of("RedrivePolicy"))))
        .containsEntry("RedrivePolicy",
            "{\"deadLetterTargetArn\":\"" + arn("dlq") + "\",\"maxReceiveCount\":5}");
    join(service.setQueueAttributes("src", Map.of("RedrivePolicy", "")));
    assertThat(join(service.getQueueAttributes("src", List.of("RedrivePolicy")))).isEmpty();
  }

  @Test
  void dead_letter_source_queues_are_listed() {
    createStandard("dlq");
    String policy = "{\"deadLetterTargetArn\":\"" + arn("dlq") + "\",\"maxReceiveCount\":50}";
    createStandard("a", Map.of("RedrivePolicy", policy));
    createStandard("b", Map.of("RedrivePolicy", policy));
    createStandard("c");

    assertThat(join(service.listDeadLetterSourceQueues("dlq", null, null)).queueNames())
        .containsExactly("a", "b");
    ListQueuesResult page = join(service.listDeadLetterSourceQueues("dlq", 1, null));
    assertThat(page.queueNames()).containsExactly("a");
    assertThat(join(service.listDeadLetterSourceQueues("dlq", 1, page.nextToken())).queueNames())
        .containsExactly("b");
  }

  @Test
  void list_queues_filters_by_prefix_and_pages_with_max_results() {
    for (int i = 0; i < 10; i++) {
      createStandard("test-queue-" + i);
    }
    createStandard("other");

    assertThat(join(service.listQueues("test-queue-", null, null)).queueNames()).hasSize(10);
    assertThat(join(service.listQueues(null, null, null)).nextToken()).isNull();
    ListQueuesResult first = join(service.listQueues("test-queue-", 2, null));
    assertThat(first.queueNames()).containsExactly("test-queue-0", "test-queue-1");
    ListQueuesResult rest = join(service.listQueues("test-queue-", 1000, first.nextToken()));
    assertThat(rest.queueNames()).hasSize(8).startsWith("test-queue-2");
    assertThat(rest.nextToken()).isNull();
    assertThat(refusal(service.listQueues(null, 1001, null)).error())
        .isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
    assertThat(refusal(service.listQueues(null, 10, "not a token")).error())
        .isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
  }

  @Test
  void get_queue_url_finds_own_queues_only() {
    createStandard("q");

    assertThat(join(service.getQueueUrl("q", null))).isEqualTo("q");
    assertThat(join(service.getQueueUrl("q", ACCOUNT))).isEqualTo("q");
    assertThat(refusal(service.getQueueUrl("q", "111111111111")).error())
        .isEqualTo(SqsError.QUEUE_DOES_NOT_EXIST);
    assertThat(refusal(service.getQueueUrl("nope", null)).error())
        .isEqualTo(SqsError.QUEUE_DOES_NOT_EXIST);
  }

  @Test
  void a_deleted_queue_is_gone_and_its_name_is_free_again_after_sixty_seconds() {
    createStandard("q");
    send("q", "m");

    join(service.deleteQueue("q"));

    assertThat(refusal(service.getQueueUrl("q", null)).error()).isEqualTo(SqsError.QUEUE_DOES_NOT_EXIST);
    assertThat(refusal(service.deleteQueue("q")).error()).isEqualTo(SqsError.QUEUE_DOES_NOT_EXIST);
    assertThat(refusal(service.createQueue("q", Map.of(), Map.of())).getMessage()).isEqualTo(
        "You must wait 60 seconds after deleting a queue before you can create another with the same name.");
    time.advanceSeconds(60);
    createStandard("q");
    assertThat(receive("q", 10)).isEmpty();
  }

  @Test
  void purge_empties_the_queue_once_a_minute() {
    createStandard("q");
    send("q", "m");
    join(service.purgeQueue("q"));
    assertThat(receive("q", 10)).isEmpty();

    SqsException refused = refusal(service.purgeQueue("q"));
    String recorded = AwsRecordings.sqs("test_successive_purge_calls_fail[sqs]", "purge_queue_error")
        .path("Error").path("Message").asText().replace("<queue-name>", "q");
    assertThat(refused.getMessage()).isEqualTo(recorded);
    assertThat(refused.error().httpStatus()).isEqualTo(403);

    time.advanceSeconds(60);
    join(service.purgeQueue("q"));
  }

  @Test
  void tags_are_added_overwritten_listed_and_removed() {
    join(service.createQueue("q", Map.of(), Map.of("created", "yes")));
    var recording = "test_tag_untag_queue[sqs]";

    join(service.tagQueue("q", Map.of("tag1", "value1", "tag2", "value2", "tag3", "")));
    assertThat(join(service.listQueueTags("q"))).containsAllEntriesOf(
        JSON.convertValue(AwsRecordings.sqs(recording, "get-tag-1").path("Tags"), Map.class))
        .containsEntry("created", "yes");
    join(service.untagQueue("q", List.of("tag1", "tag3", "created", "never-there")));
    assertThat(join(service.listQueueTags("q"))).isEqualTo(
        JSON.convertValue(AwsRecordings.sqs(recording, "get-tag-2").path("Tags"), Map.class));
    join(service.tagQueue("q", Map.of("tag2", "VALUE2")));
    assertThat(join(service.listQueueTags("q"))).containsExactly(Map.entry("tag2", "VALUE2"));
  }

  @Test
  void tag_limits_are_enforced() {
    createStandard("q");
    Map<String, String> fifty = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      fifty.put("k" + i, "v");
    }
    join(service.tagQueue("q", fifty));

    assertThat(refusal(service.tagQueue("q", Map.of("one-more", "v"))).error())
        .isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
    assertThat(refusal(service.tagQueue("q", Map.of("k".repeat(129), "v"))).error())
        .isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
    assertThat(refusal(service.tagQueue("q", Map.of("k0", "v".repeat(257)))).error())
        .isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
    assertThat(join(service.listQueueTags("q"))).hasSize(50);
  }

  @Test
  void permissions_edit_the_policy_as_aws_does() throws Exception {
    createStandard("q");
    String queueArn = arn("q");
    var recording = "test_sqs_permission_lifecycle[sqs]";

    join(service.addPermission("q", "crossaccountpermission", List.of(ACCOUNT), List.of("ReceiveMessage")));
    assertThat(policy("q")).isEqualTo(recordedPolicy(recording,
        "get-queue-policy-attribute-first-account-same-label", queueArn));
    assertRefusedAsRecorded(AwsRecordings.sqs(recording,
            "get-queue-policy-attribute-second-account-same-label"),
        () -> join(service.addPermission("q", "crossaccountpermission", List.of("668614515564"),
            List.of("ReceiveMessage"))));
    join(service.addPermission("q", "crossaccountpermission2", List.of(ACCOUNT), List.of("ReceiveMessage")));
    assertThat(policy("q")).isEqualTo(recordedPolicy(recording,
        "get-queue-policy-attribute-second-account-different-label", queueArn));
    join(service.removePermission("q", "crossaccountpermission"));
    assertThat(policy("q")).isEqualTo(recordedPolicy(recording,
        "get-queue-policy-attribute-delete-first-permission", queueArn));
    join(service.removePermission("q", "crossaccountpermission2"));
    assertThat(join(service.getQueueAttributes("q", List.of("Policy")))).isEmpty();
    assertRefusedAsRecorded(AwsRecordings.sqs(recording,
            "get-queue-policy-attribute-delete-non-existent-label"),
        () -> join(service.removePermission("q", "crossaccountpermission2")));
  }

  @Test
  void permissions_for_several_accounts_and_actions_list_them_all() throws Exception {
    createStandard("q");

    join(service.addPermission("q", "label", List.of(ACCOUNT, "668614515564"),
        List.of("ReceiveMessage", "SendMessage")));

    JsonNode statement = JSON.readTree(policy("q").toString()).path("Statement").get(0);
    assertThat(statement.path("Principal").path("AWS")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("arn:aws:iam::000000000000:root", "arn:aws:iam::668614515564:root");
    assertThat(statement.path("Action")).extracting(JsonNode::asText)
        .containsExactly("SQS:ReceiveMessage", "SQS:SendMessage");
    assertThat(refusal(service.addPermission("q", "other", List.of(ACCOUNT), List.of("Fly"))).error())
        .isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
    assertThat(refusal(service.addPermission("q", "bad label!", List.of(ACCOUNT),
        List.of("SendMessage"))).error()).isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
  }

  private JsonNode policy(String queue) throws Exception {
    return JSON.readTree(join(service.getQueueAttributes(queue, List.of("Policy"))).get("Policy"));
  }

  private static JsonNode recordedPolicy(String recording, String key, String queueArn)
      throws Exception {
    String text = AwsRecordings.sqs(recording, key).path("Attributes").path("Policy").toString()
        .replace("arn:<partition>:sqs:<region>:111111111111:<resource:2>", queueArn)
        .replace("<resource:1>", "SQSDefaultPolicy")
        .replace("arn:<partition>:iam::111111111111:<resource:3>", "arn:aws:iam::" + ACCOUNT + ":root");
    return JSON.readTree(text);
  }
}
