"""boto3 sees Sluice's refusals exactly as it sees AWS's: each bad call below must raise a
ClientError whose Code, Message, Type, QueryErrorCode and HTTP status equal the ones recorded from
real AWS (shared/aws-reference/sqs-test_sqs.snapshot.json), and change nothing."""

from sluice_it import (ACCOUNT, check, check_equal, client, endpoint, expect_client_error,
                       recording, run, step, unique)

SQS = "sqs-test_sqs.snapshot.json"
MOVE = "sqs-test_sqs_move_task.snapshot.json"
MAX_SIZE = 1048576
ATTRIBUTE = {"k": {"DataType": "String", "StringValue": "x"}}
ATTRIBUTE_SIZE = len("k") + len("String") + len("x")


def main():
    sqs = client("sqs")
    name = unique("errors")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]

    step("a queue that does not exist, by name and by URL")
    error = expect_client_error(lambda: sqs.get_queue_url(QueueName=unique("missing")),
                                recording(SQS, "test_non_existent_queue")["queue-does-not-exist"])
    check(isinstance(error, sqs.exceptions.QueueDoesNotExist),
          "boto3 maps the error to its modeled QueueDoesNotExist exception", type(error))
    expect_client_error(
        lambda: sqs.send_message(QueueUrl=f"{endpoint()}/{ACCOUNT}/{unique('missing')}",
                                 MessageBody="x"),
        recording(SQS, "test_non_existent_queue")["queue-does-not-exist-url"])

    step("receive parameters out of range")
    expect_client_error(lambda: sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=11),
                        recording(SQS, "test_send_receive_max_number_of_messages[sqs]")
                        ["send_max_number_of_messages"])
    waits = recording(SQS, "test_send_receive_wait_time_seconds[sqs]")
    expect_client_error(lambda: sqs.receive_message(QueueUrl=url, WaitTimeSeconds=21),
                        waits["recieve_message_error_too_large"])
    expect_client_error(lambda: sqs.receive_message(QueueUrl=url, WaitTimeSeconds=-1),
                        waits["recieve_message_error_too_small"])

    step("bad message bodies")
    expect_client_error(lambda: sqs.send_message(QueueUrl=url, MessageBody=""),
                        recording(SQS, "test_send_empty_message[sqs]")["send_empty_message"])
    expect_client_error(
        lambda: sqs.send_message(QueueUrl=url, MessageBody="a" * (MAX_SIZE - ATTRIBUTE_SIZE + 1),
                                 MessageAttributes=ATTRIBUTE),
        recording(SQS, "test_send_oversized_message[sqs]")["send_oversized_message"])
    expect_client_error(
        lambda: sqs.send_message(QueueUrl=url, MessageBody="x", MessageAttributes={
            "ErrorDetails": {"DataType": "String", "StringValue": ""}}),
        first_error(recording(SQS, "test_send_message_with_empty_string_attribute[sqs]")))

    step("bad batches")
    twenty = [{"Id": f"m{i}", "MessageBody": "x"} for i in range(20)]
    expect_client_error(lambda: sqs.send_message_batch(QueueUrl=url, Entries=twenty),
                        first_error(recording(SQS, "test_too_many_entries_in_batch_request[sqs]")))
    expect_client_error(
        lambda: sqs.delete_message_batch(QueueUrl=url, Entries=[
            {"Id": f"m{i}", "ReceiptHandle": "handle"} for i in range(20)]),
        first_error(recording(SQS, "test_delete_message_batch_with_too_large_batch[sqs]")))
    expect_client_error(
        lambda: sqs.change_message_visibility_batch(QueueUrl=url, Entries=[
            {"Id": f"m{i}", "ReceiptHandle": "handle", "VisibilityTimeout": 0}
            for i in range(20)]),
        first_error(recording(
            SQS, "test_change_message_visibility_batch_with_too_large_batch[sqs]")))
    expect_client_error(
        lambda: sqs.delete_message_batch(QueueUrl=url, Entries=[
            {"Id": "invalid:id", "ReceiptHandle": "handle"}]),
        first_error(recording(SQS, "test_delete_message_batch_invalid_msg_id[sqs-invalid:id]")))
    expect_client_error(
        lambda: sqs.send_message_batch(QueueUrl=url, Entries=[
            {"Id": "1", "MessageBody": "a" * (MAX_SIZE - ATTRIBUTE_SIZE),
             "MessageAttributes": ATTRIBUTE},
            {"Id": "2", "MessageBody": "a"}]),
        first_error(recording(SQS, "test_send_message_batch_with_oversized_contents[sqs]")))

    step("queue attributes")
    expect_client_error(
        lambda: sqs.set_queue_attributes(QueueUrl=url, Attributes={"FifoQueue": "true"}),
        first_error(recording(SQS, "test_set_unsupported_attribute_standard[sqs]")))
    existing = unique("existing")
    sqs.create_queue(QueueName=existing,
                     Attributes={"ReceiveMessageWaitTimeSeconds": "1", "DelaySeconds": "1"})
    expect_client_error(
        lambda: sqs.create_queue(QueueName=existing, Attributes={
            "ReceiveMessageWaitTimeSeconds": "1", "DelaySeconds": "2"}),
        first_error(recording(
            SQS, "test_create_queue_with_different_attributes_raises_exception[sqs]")))
    check_equal(sqs.get_queue_attributes(QueueUrl=f"{endpoint()}/{ACCOUNT}/{existing}",
                                         AttributeNames=["DelaySeconds"])["Attributes"],
                {"DelaySeconds": "1"}, "attributes after the refused create")

    step("purge twice within 60 seconds")
    sqs.purge_queue(QueueUrl=url)
    expect_client_error(lambda: sqs.purge_queue(QueueUrl=url),
                        first_error(recording(SQS, "test_successive_purge_calls_fail[sqs]")),
                        {"<queue-name>": name})

    step("FIFO send rules")
    fifo = sqs.create_queue(QueueName=unique("errors") + ".fifo",
                            Attributes={"FifoQueue": "true"})["QueueUrl"]
    expect_client_error(
        lambda: sqs.send_message(QueueUrl=fifo, MessageBody="x", MessageGroupId="g",
                                 MessageDeduplicationId="d", DelaySeconds=2),
        first_error(recording(SQS, "test_fifo_queue_send_message_with_delay_seconds_fails[sqs]")))
    fifo_errors = all_errors(
        recording(SQS, "test_posting_to_fifo_requires_deduplicationid_group_id[sqs]"))
    expect_client_error(
        lambda: sqs.send_message(QueueUrl=fifo, MessageBody="x", MessageGroupId="g"),
        next(e for e in fifo_errors if e["Error"]["Code"] == "InvalidParameterValue"))
    expect_client_error(
        lambda: sqs.send_message(QueueUrl=fifo, MessageBody="x", MessageDeduplicationId="d"),
        next(e for e in fifo_errors if e["Error"]["Code"] == "MissingParameter"))
    expect_client_error(
        lambda: sqs.send_message(QueueUrl=fifo, MessageBody="x", MessageGroupId="g",
                                 MessageDeduplicationId="group 123"),
        first_error(recording(SQS, "test_message_deduplication_id_invalid[spaces]")))
    expect_client_error(
        lambda: sqs.send_message(QueueUrl=url, MessageBody="x", MessageGroupId="group 123"),
        first_error(recording(
            SQS, "test_send_message_to_standard_queue_with_invalid_message_group_id[spaces]")))
    expect_client_error(
        lambda: sqs.set_queue_attributes(QueueUrl=fifo, Attributes={"FifoQueue": "false"}),
        next(e for e in all_errors(recording(SQS, "test_set_unsupported_attribute_fifo[sqs]"))
             if e["Error"]["Code"] == "InvalidAttributeValue"))

    step("message move tasks")
    arn = f"arn:aws:sqs:us-east-1:{ACCOUNT}:{name}"
    expect_client_error(lambda: sqs.start_message_move_task(SourceArn=arn),
                        recording(MOVE, "test_source_needs_redrive_policy")["error"])

    step("nothing was sent by the refused calls")
    counts = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    check_equal(counts["ApproximateNumberOfMessages"], "0", "messages in the queue")
    check_equal(sqs.receive_message(QueueUrl=fifo).get("Messages", []), [], "FIFO messages")


def first_error(recorded_content):
    return all_errors(recorded_content)[0]


def all_errors(recorded_content):
    found = [v for v in recorded_content.values() if isinstance(v, dict) and "Error" in v]
    check(found, "the recording holds an error", recorded_content)
    return found


if __name__ == "__main__":
    run(main)
