"""Custom event buses, content-filtering patterns and TestEventPattern through unchanged boto3.

Run by Boto3SchedulesTest against a fresh server (see ../sluice_it.py for the environment).
Errors are compared with the ones recorded from real AWS.
"""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from sluice_it import (ACCOUNT, REGION, check_equal, client,  # noqa: E402
                       expect_client_error, receive_all, recording, run, step, unique)

EVENTS_SNAPSHOT = "events-test_events.snapshot.json"
SCHEDULE_SNAPSHOT = "events-test_events_schedule.snapshot.json"
PATTERNS_SNAPSHOT = "events-test_events_patterns.snapshot.json"


def queue_arn(sqs, url):
    return sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"]


def pattern_error(case):
    """A recorded InvalidEventPatternException, without the MessageRaw boto3 does not give."""
    recorded = recording(PATTERNS_SNAPSHOT, f"test_event_pattern[{case}]")[case][
        "exception_message"]
    error = dict(recorded["Error"])
    error.pop("MessageRaw", None)
    return {"Error": error, "ResponseMetadata": recorded["ResponseMetadata"]}


def full_event(detail, source="orders"):
    return json.dumps({"id": "1", "account": ACCOUNT, "source": source, "time":
                       "2026-11-25T00:00:00Z", "region": REGION, "detail-type": "Order Placed",
                       "resources": [], "detail": detail})


def main():
    events = client("events")
    sqs = client("sqs")

    step("create_event_bus, describe_event_bus and list_event_buses answer as AWS does")
    bus = unique("orders-bus")
    created = events.create_event_bus(Name=bus)
    check_equal(created["EventBusArn"], f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/{bus}",
                "EventBusArn")
    described = events.describe_event_bus(Name=bus)
    recorded = recording(EVENTS_SNAPSHOT, "test_create_list_describe_delete_custom_event_buses"
                         "[False-regions0]")
    check_equal(sorted(k for k in described if k != "ResponseMetadata"),
                sorted(k for k in recorded["describe-custom-event-bus-us-east-1"]
                       if k != "ResponseMetadata"), "DescribeEventBus members")
    listed = events.list_event_buses(NamePrefix=bus)["EventBuses"]
    check_equal([b["Name"] for b in listed], [bus], "ListEventBuses with NamePrefix")
    same_name = recording(EVENTS_SNAPSHOT, "test_create_multiple_event_buses_same_name")
    expect_client_error(lambda: events.create_event_bus(Name=bus),
                        same_name["create-multiple-event-buses-same-name"],
                        {"<bus-name>": bus})
    default = recording(EVENTS_SNAPSHOT, "test_delete_default_event_bus")
    expect_client_error(lambda: events.delete_event_bus(Name="default"),
                        default["delete-default-event-bus-error"])

    step("a schedule rule is refused on a custom bus")
    scheduled = recording(SCHEDULE_SNAPSHOT, "tests_put_rule_with_schedule_custom_event_bus")
    expect_client_error(lambda: events.put_rule(Name=unique("tick"), EventBusName=bus,
                                                ScheduleExpression="rate(1 minute)"),
                        scheduled["put-rule-with-custom-event-bus-error"])

    step("a pattern rule on the custom bus gets only its bus's matching events")
    rule = unique("big-orders")
    rule_arn = events.put_rule(Name=rule, EventBusName=bus, EventPattern=json.dumps({
        "source": [{"wildcard": "orders*"}],
        "detail": {"$or": [{"amount": [{"numeric": [">=", 100]}]},
                           {"ip": [{"cidr": "10.0.0.0/24"}]}],
                   "state": [{"anything-but": {"prefix": "test-"}}]}}))["RuleArn"]
    check_equal(rule_arn, f"arn:aws:events:{REGION}:{ACCOUNT}:rule/{bus}/{rule}", "RuleArn")
    check_equal(events.describe_rule(Name=rule, EventBusName=bus)["EventBusName"], bus,
                "EventBusName")
    url = sqs.create_queue(QueueName=unique("big-orders"))["QueueUrl"]
    bus_arn = created["EventBusArn"]
    events.put_targets(Rule=rule, EventBusName=bus_arn,
                       Targets=[{"Id": "q", "Arn": queue_arn(sqs, url)}])
    check_equal(len(events.list_targets_by_rule(Rule=rule, EventBusName=bus)["Targets"]), 1,
                "targets of the rule on the custom bus")
    answer = events.put_events(Entries=[
        {"EventBusName": bus, "Source": "orders.eu", "DetailType": "Order Placed",
         "Detail": json.dumps({"amount": 250, "state": "placed"})},
        {"EventBusName": bus_arn, "Source": "orders.us", "DetailType": "Order Placed",
         "Detail": json.dumps({"amount": 5, "ip": "10.0.0.7", "state": "placed"})},
        {"EventBusName": bus, "Source": "orders.eu", "DetailType": "Order Placed",
         "Detail": json.dumps({"amount": 5, "ip": "10.0.1.7", "state": "placed"})},
        {"EventBusName": bus, "Source": "orders.eu", "DetailType": "Order Placed",
         "Detail": json.dumps({"amount": 500, "state": "test-run"})},
        {"Source": "orders.eu", "DetailType": "Order Placed",
         "Detail": json.dumps({"amount": 250, "state": "placed"})},
    ])
    check_equal(answer["FailedEntryCount"], 0, "FailedEntryCount")
    delivered = receive_all(sqs, url, 2)
    ids = sorted(json.loads(m["Body"])["id"] for m in delivered)
    check_equal(ids, sorted(e["EventId"] for e in answer["Entries"][:2]), "matching events")
    more = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1).get("Messages", [])
    check_equal(more, [], "events that do not match, or went to the default bus")

    step("test_event_pattern answers Result, and refuses what AWS refuses")
    pattern = json.dumps({"source": ["orders"], "detail": {"ip": [{"cidr": "2001:db8::/32"}]}})
    check_equal(events.test_event_pattern(EventPattern=pattern,
                                          Event=full_event({"ip": "2001:db8::1"}))["Result"],
                True, "a matching event")
    check_equal(events.test_event_pattern(EventPattern=pattern,
                                          Event=full_event({"ip": "2001:db9::1"}))["Result"],
                False, "an event that does not match")
    invalid_event = recording(PATTERNS_SNAPSHOT, "test_plain_string_payload")
    expect_client_error(lambda: events.test_event_pattern(EventPattern=pattern,
                                                          Event="plain string"),
                        invalid_event["plain-string-payload-exc"])
    for case, bad in (
            ("content_wildcard_repeating_star_EXC",
             {"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:**:event-bus/*"}]}),
            ("content_ip_address_bad_mask_EXC", {"ip": [{"cidr": "10.0.0.0/x"}]})):
        expect_client_error(lambda: events.test_event_pattern(
            EventPattern=json.dumps(bad), Event=full_event({})), pattern_error(case))

    step("delete_event_bus removes the bus and its rules")
    events.remove_targets(Rule=rule, EventBusName=bus, Ids=["q"])
    events.delete_rule(Name=rule, EventBusName=bus)
    events.delete_event_bus(Name=bus)
    missing = recording(EVENTS_SNAPSHOT, "test_describe_delete_not_existing_event_bus")
    expect_client_error(lambda: events.describe_event_bus(Name=bus),
                        missing["describe-not-existing-event-bus-error"], {"<bus-name>": bus})


if __name__ == "__main__":
    run(main)
