"""Shared by the event-source mapping scripts: the recorder function and small helpers."""

import io
import json
import os
import sys
import time
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from sluice_it import ACCOUNT, REGION, check  # noqa: E402

RUNTIME = "python3.%d" % sys.version_info.minor
ROLE = "arn:aws:iam::%s:role/lambda-role" % ACCOUNT

# Unchanged boto3 code, as it would run on AWS: it writes every event it gets to the queue named
# in SEEN_QUEUE, and reports records whose body starts with "fail" as batch item failures.
RECORDER = '''
import json, os
import boto3

sqs = boto3.client("sqs")

def handler(event, context):
    url = sqs.get_queue_url(QueueName=os.environ["SEEN_QUEUE"])["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps(event))
    failures = [{"itemIdentifier": r["messageId"]} for r in event.get("Records", [])
                if r["body"].startswith("fail")]
    return {"batchItemFailures": failures}
'''


def package(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, source in files.items():
            archive.writestr(name, source)
    return buffer.getvalue()


def queue_arn(name):
    return "arn:aws:sqs:%s:%s:%s" % (REGION, ACCOUNT, name)


def function_arn(name):
    return "arn:aws:lambda:%s:%s:function:%s" % (REGION, ACCOUNT, name)


def create_recorder(lam, name, seen_queue):
    lam.create_function(FunctionName=name, Runtime=RUNTIME, Role=ROLE,
                        Handler="handler.handler", Code={"ZipFile": package({"handler.py": RECORDER})},
                        Timeout=10, Environment={"Variables": {"SEEN_QUEUE": seen_queue}})


def seen_events(sqs, seen_url, expected, timeout=15):
    """The events the recorder wrote, once `expected` of them arrived."""
    events = []
    deadline = time.time() + timeout
    while len(events) < expected and time.time() < deadline:
        response = sqs.receive_message(QueueUrl=seen_url, MaxNumberOfMessages=10,
                                       WaitTimeSeconds=1)
        for message in response.get("Messages", []):
            events.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=seen_url, ReceiptHandle=message["ReceiptHandle"])
    check(len(events) >= expected, f"the function saw {len(events)} of {expected} events", events)
    return events


def drain(sqs, seen_url):
    """Every event the recorder has written so far (it writes before it returns)."""
    events = []
    while True:
        response = sqs.receive_message(QueueUrl=seen_url, MaxNumberOfMessages=10,
                                       WaitTimeSeconds=0)
        if not response.get("Messages"):
            return events
        for message in response["Messages"]:
            events.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=seen_url, ReceiptHandle=message["ReceiptHandle"])


def records_of(events):
    return [record for event in events for record in event.get("Records", [])]


def count(sqs, url):
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    return (int(attributes["ApproximateNumberOfMessages"])
            + int(attributes["ApproximateNumberOfMessagesNotVisible"]))


def wait_until(condition, what, timeout=15):
    deadline = time.time() + timeout
    while not condition():
        check(time.time() < deadline, f"timed out waiting until {what}")
        time.sleep(0.1)
