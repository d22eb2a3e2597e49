"""SQS event-source mappings and Lambda rule targets on Sluice through unchanged boto3.

Run by Boto3EventSourceMappingTest against a fresh server (see ../sluice_it.py). Checks the
mapping API's answers and errors against shared/aws-reference, the SQS records a handler gets,
deletion of processed batches, a partial batch failure ending in the DLQ, a disabled mapping
delivering nothing, and a rule's run-now invoking a function.
"""

import json
import time
import urllib.request

from esm_common import (count, create_recorder, drain, function_arn, queue_arn, records_of,
                        seen_events, wait_until)
from sluice_it import (REGION, check, check_equal, client, endpoint, expect_client_error,
                       recording, run, step, unique)

SNAPSHOT = "lambda-test_lambda_integration_sqs.snapshot.json"
API_SNAPSHOT = "lambda-test_lambda_api.snapshot.json"


def run_now(rule):
    request = urllib.request.Request(f"{endpoint()}/_sluice/rules/{rule}/run", method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def rule_target_invokes_a_function(lam, sqs, events):
    step("a rule's run-now invokes a Lambda target; its boto3 code writes the event to a queue")
    seen = unique("rule-seen")
    seen_url = sqs.create_queue(QueueName=seen)["QueueUrl"]
    function = unique("rule-target")
    create_recorder(lam, function, seen)
    rule = unique("every-day")
    rule_arn = events.put_rule(Name=rule, ScheduleExpression="rate(1 day)")["RuleArn"]
    events.put_targets(Rule=rule, Targets=[{"Id": "fn", "Arn": function_arn(function)}])
    answer = run_now(rule)
    check_equal(answer["targets"][0]["delivered"], True, "run-now delivered")
    event = seen_events(sqs, seen_url, 1)[0]
    check_equal(event["detail-type"], "Scheduled Event", "detail-type")
    check_equal(event["source"], "aws.events", "source")
    check_equal(event["resources"], [rule_arn], "resources")
    check_equal(event["id"], answer["eventId"], "event id")


def main():
    lam = client("lambda")
    sqs = client("sqs")
    events = client("events")
    rule_target_invokes_a_function(lam, sqs, events)

    seen = unique("seen")
    seen_url = sqs.create_queue(QueueName=seen)["QueueUrl"]
    function = unique("consumer")
    create_recorder(lam, function, seen)
    dlq = unique("orders-dlq")
    dlq_url = sqs.create_queue(QueueName=dlq)["QueueUrl"]
    orders = unique("orders")
    orders_url = sqs.create_queue(QueueName=orders, Attributes={
        "VisibilityTimeout": "1",
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": queue_arn(dlq), "maxReceiveCount": 2}),
    })["QueueUrl"]

    step("create_event_source_mapping answers as AWS does")
    recorded = recording(SNAPSHOT, "TestSQSEventSourceMapping::test_sqs_event_source_mapping")
    created = lam.create_event_source_mapping(EventSourceArn=queue_arn(orders),
                                              FunctionName=function, BatchSize=10,
                                              FunctionResponseTypes=["ReportBatchItemFailures"])
    expected = recorded["create-event-source-mapping-response"]
    check_equal(created["ResponseMetadata"]["HTTPStatusCode"], 202, "status")
    check_equal(sorted(k for k in created if k != "ResponseMetadata"),
                sorted(k for k in expected if k != "ResponseMetadata"), "members")
    uuid = created["UUID"]
    check_equal(created["State"], "Creating", "State")
    check_equal(created["StateTransitionReason"], "USER_INITIATED", "StateTransitionReason")
    check_equal(created["EventSourceArn"], queue_arn(orders), "EventSourceArn")
    check_equal(created["FunctionArn"], function_arn(function), "FunctionArn")
    check_equal(created["FunctionResponseTypes"], ["ReportBatchItemFailures"], "response types")
    check_equal(created["MaximumBatchingWindowInSeconds"], 0, "default batching window")
    check(created["EventSourceMappingArn"].endswith(":event-source-mapping:" + uuid), "ESM ARN")
    check_equal(lam.get_event_source_mapping(UUID=uuid)["State"], "Enabled", "State after create")
    listed = lam.list_event_source_mappings(FunctionName=function)["EventSourceMappings"]
    check_equal([m["UUID"] for m in listed], [uuid], "listed by function")

    step("a message reaches the handler in AWS's record shape and is deleted")
    sqs.send_message(QueueUrl=orders_url, MessageBody='{"foo": "bar"}', MessageAttributes={
        "Author": {"DataType": "String", "StringValue": "John Grisham"}})
    record = records_of(seen_events(sqs, seen_url, 1))[0]
    expected_record = recording(SNAPSHOT, "test_message_body_and_attributes_passed_correctly")[
        "first_attempt"]["Messages"][0]["Body"]["event"]["Records"][0]
    check_equal(list(record), list(expected_record), "record members in order")
    check_equal(list(record["attributes"]), list(expected_record["attributes"]), "attributes")
    check_equal(record["messageAttributes"]["Author"], {
        "stringValue": "John Grisham", "stringListValues": [], "binaryListValues": [],
        "dataType": "String"}, "message attribute")
    check_equal((record["body"], record["eventSource"], record["eventSourceARN"],
                 record["awsRegion"]), ('{"foo": "bar"}', "aws:sqs", queue_arn(orders), REGION),
                "record")
    wait_until(lambda: count(sqs, orders_url) == 0, "the processed message is deleted")

    step("a partial batch failure deletes the successes; the failure ends in the DLQ")
    sqs.send_message_batch(QueueUrl=orders_url, Entries=[
        {"Id": "a", "MessageBody": "fail-me"}, {"Id": "b", "MessageBody": "fine"}])
    wait_until(lambda: count(sqs, dlq_url) == 1, "the failing message reaches the DLQ", 20)
    wait_until(lambda: count(sqs, orders_url) == 0, "the source queue is empty")
    bodies = [r["body"] for r in records_of(drain(sqs, seen_url))]
    check_equal(bodies.count("fine"), 1, "the success was delivered once")
    check(bodies.count("fail-me") >= 2, "the failure was delivered maxReceiveCount times", bodies)
    dead = sqs.receive_message(QueueUrl=dlq_url, MaxNumberOfMessages=1)["Messages"][0]
    check_equal(dead["Body"], "fail-me", "DLQ message")

    step("a disabled mapping delivers nothing")
    disabling = lam.update_event_source_mapping(UUID=uuid, Enabled=False)
    check_equal(disabling["State"], "Disabling", "State of the update answer")
    check_equal(disabling["ResponseMetadata"]["HTTPStatusCode"], 202, "update status")
    check_equal(lam.get_event_source_mapping(UUID=uuid)["State"], "Disabled", "State after")
    sqs.send_message(QueueUrl=orders_url, MessageBody="while disabled")
    time.sleep(1.5)
    check_equal(sqs.get_queue_attributes(QueueUrl=orders_url, AttributeNames=[
        "ApproximateNumberOfMessages"])["Attributes"]["ApproximateNumberOfMessages"], "1",
        "the message waits in the queue")
    check_equal(sqs.receive_message(QueueUrl=seen_url, WaitTimeSeconds=0).get("Messages"), None,
                "the function saw nothing")

    step("errors are AWS's")
    lam.update_event_source_mapping(UUID=uuid, Enabled=True)
    expect_client_error(
        lambda: lam.create_event_source_mapping(EventSourceArn=queue_arn(orders),
                                                FunctionName=function),
        recording(SNAPSHOT, "test_duplicate_event_source_mappings")["error"],
        {"arn:<partition>:sqs:<region>:111111111111:<resource:1>": queue_arn(orders),
         "<resource:2>": function, "<uuid:1>": uuid})
    expect_client_error(
        lambda: lam.create_event_source_mapping(EventSourceArn=queue_arn(unique("missing")),
                                                FunctionName=function),
        recording(SNAPSHOT, "test_esm_with_not_existing_sqs_queue")["error"])
    expect_client_error(
        lambda: lam.create_event_source_mapping(EventSourceArn=queue_arn(dlq),
                                                FunctionName=function, BatchSize=20),
        recording(SNAPSHOT, "test_event_source_mapping_default_batch_size")[
            "invalid-create-event-source-mapping"])

    step("the re-enabled mapping drains the queue; delete answers Deleting")
    wait_until(lambda: count(sqs, orders_url) == 0, "the waiting message is processed")
    check_equal([r["body"] for r in records_of(seen_events(sqs, seen_url, 1))],
                ["while disabled"], "delivered after re-enabling")
    deleting = lam.delete_event_source_mapping(UUID=uuid)
    check_equal(deleting["State"], "Deleting", "State of the delete answer")
    expect_client_error(lambda: lam.get_event_source_mapping(UUID=uuid),
                        recording(API_SNAPSHOT, "test_event_source_mapping_exceptions")[
                            "get_unknown_uuid"])

    step("FilterCriteria: matching records reach the function, the rest are deleted")
    filtered = unique("filtered")
    filtered_url = sqs.create_queue(QueueName=filtered)["QueueUrl"]
    pattern = json.dumps({"body": {"kind": ["order"]}})
    created = lam.create_event_source_mapping(
        EventSourceArn=queue_arn(filtered), FunctionName=function, BatchSize=10,
        MaximumBatchingWindowInSeconds=1, FilterCriteria={"Filters": [{"Pattern": pattern}]})
    check_equal(created["FilterCriteria"], {"Filters": [{"Pattern": pattern}]}, "FilterCriteria")
    sqs.send_message(QueueUrl=filtered_url, MessageBody=json.dumps({"kind": "order", "n": 1}))
    sqs.send_message(QueueUrl=filtered_url, MessageBody=json.dumps({"kind": "refund"}))
    sqs.send_message(QueueUrl=filtered_url, MessageBody="not json")
    wait_until(lambda: count(sqs, filtered_url) == 0, "every message is consumed")
    bodies = [r["body"] for r in records_of(seen_events(sqs, seen_url, 1))]
    check_equal(bodies, [json.dumps({"kind": "order", "n": 1})], "only the matching record")
    expect_client_error(
        lambda: lam.create_event_source_mapping(
            EventSourceArn=queue_arn(dlq), FunctionName=function,
            FilterCriteria={"Filters": [{"Pattern": "simple string"}]}),
        recording(SNAPSHOT, "test_sqs_invalid_event_filter[simple string]")[
            "create_event_source_mapping_exception"])
    lam.delete_event_source_mapping(UUID=created["UUID"])


if __name__ == "__main__":
    run(main)
