"""EventBridge rules on Sluice through unchanged boto3: a schedule rule run now, a pattern rule.

Run by Boto3SchedulesTest against a fresh server (see ../sluice_it.py for the environment).
The scheduled event is compared, field by field, with the one recorded from real AWS.
"""

import json
import os
import sys
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from sluice_it import (ACCOUNT, REGION, check, check_equal, client, endpoint,  # noqa: E402
                       expect_client_error, receive_all, recording, run, step, unique)

SCHEDULE_SNAPSHOT = "events-test_events_schedule.snapshot.json"
EVENTS_SNAPSHOT = "events-test_events.snapshot.json"


def run_now(rule):
    request = urllib.request.Request(f"{endpoint()}/_sluice/rules/{rule}/run", method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def queue_arn(sqs, url):
    return sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"]


def main():
    events = client("events")
    sqs = client("sqs")

    step("put_rule(rate(1 minute)) answers the rule ARN; list_rules shows it as AWS does")
    rule = unique("every-minute")
    rule_arn = events.put_rule(Name=rule, ScheduleExpression="rate(1 minute)")["RuleArn"]
    check_equal(rule_arn, f"arn:aws:events:{REGION}:{ACCOUNT}:rule/{rule}", "RuleArn")
    listed = events.list_rules(NamePrefix=rule)["Rules"]
    recorded = recording(SCHEDULE_SNAPSHOT, "test_put_rule_with_schedule_rate")["list-rules"]
    check_equal(sorted(listed[0]), sorted(recorded["Rules"][0]), "ListRules members")
    check_equal(listed[0]["ScheduleExpression"], "rate(1 minute)", "ScheduleExpression")

    step("an invalid schedule expression is refused as AWS refuses it")
    invalid = recording(SCHEDULE_SNAPSHOT,
                        "tests_put_rule_with_invalid_schedule_cron[cron(0 1 * * * *)]")
    expect_client_error(lambda: events.put_rule(Name=unique("bad"),
                                                ScheduleExpression="cron(0 1 * * * *)"),
                        invalid["invalid-put-rule"])

    step("run now delivers AWS's scheduled event to the SQS target")
    url = sqs.create_queue(QueueName=unique("ticks"))["QueueUrl"]
    result = events.put_targets(Rule=rule, Targets=[{"Id": "q", "Arn": queue_arn(sqs, url)}])
    check_equal(result["FailedEntryCount"], 0, "FailedEntryCount")
    ran = run_now(rule)
    check(ran["targets"][0]["delivered"], "the target took the event", ran)
    body = json.loads(receive_all(sqs, url, 1)[0]["Body"])
    expected = recording(SCHEDULE_SNAPSHOT, "tests_schedule_rate_target_sqs")["messages-first"][0][
        "Body"]
    check_equal(list(body), list(expected), "scheduled event members, in order")
    for member in ("version", "detail-type", "source", "detail"):
        check_equal(body[member], expected[member], member)
    check_equal(body["id"], ran["eventId"], "event id")
    check_equal(body["resources"], [rule_arn], "resources")
    check_equal((body["account"], body["region"]), (ACCOUNT, REGION), "account and region")

    step("a rule with targets cannot be deleted")
    refused = recording(EVENTS_SNAPSHOT, "test_delete_rule_with_targets")
    expect_client_error(lambda: events.delete_rule(Name=rule),
                        refused["delete-rule-with-targets-error"])
    events.remove_targets(Rule=rule, Ids=["q"])
    events.delete_rule(Name=rule)

    step("put_events reaches the queue of a matching pattern rule, and only that")
    pattern_rule = unique("accounts")
    events.put_rule(Name=pattern_rule, EventPattern=json.dumps(
        {"source": ["core.update-account-command"], "detail": {"command": ["update-account"]}}))
    url = sqs.create_queue(QueueName=unique("accounts"))["QueueUrl"]
    events.put_targets(Rule=pattern_rule, Targets=[{"Id": "q", "Arn": queue_arn(sqs, url)}])
    answer = events.put_events(Entries=[
        {"Source": "core.update-account-command", "DetailType": "core.update-account-command",
         "Detail": json.dumps({"command": "update-account", "payload": {"acc_id": "0a787ecb"}})},
        {"Source": "core.update-account-command", "DetailType": "core.update-account-command",
         "Detail": json.dumps({"command": "other"})},
        {"DetailType": "x", "Detail": "{}"},
    ])
    check_equal(answer["FailedEntryCount"], 1, "FailedEntryCount")
    missing_source = recording(EVENTS_SNAPSHOT, "test_put_events_without_source")["put-events"]
    check_equal(answer["Entries"][2], missing_source["Entries"][0], "entry without Source")
    delivered = receive_all(sqs, url, 1)
    event = json.loads(delivered[0]["Body"])
    check_equal(event["id"], answer["Entries"][0]["EventId"], "event id")
    check_equal(event["detail"]["payload"]["acc_id"], "0a787ecb", "detail")
    more = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1).get("Messages", [])
    check_equal(more, [], "events that do not match")


if __name__ == "__main__":
    run(main)
