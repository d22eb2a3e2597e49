"""Shared helpers for the boto3 / AWS CLI integration scripts.

Each script is run by PythonClientsTest against a fresh Sluice server with:
  AWS_ENDPOINT_URL       the server, e.g. http://127.0.0.1:PORT
  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION=us-east-1
  SLUICE_AWS_REFERENCE   the folder of AWS recordings (shared/aws-reference)
A script exits 0 when every check passed; the first failed check raises and exits non-zero with a
message saying what differed.
"""

import json
import os
import sys
import time
import uuid

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

ACCOUNT = "000000000000"
REGION = "us-east-1"

# No retries: a refused request must fail the script at once, not be sent again.
_CONFIG = Config(retries={"max_attempts": 1, "mode": "standard"}, read_timeout=40)


def endpoint():
    return os.environ["AWS_ENDPOINT_URL"]


def client(service, **kwargs):
    """A boto3 client configured only by the environment (endpoint, credentials, region)."""
    return boto3.client(service, config=_CONFIG, **kwargs)


def unique(base):
    return f"{base}-{uuid.uuid4().hex[:8]}"


def check(condition, message, *details):
    if not condition:
        raise AssertionError(message + "".join(f"\n  {d!r}" for d in details))


def check_equal(actual, expected, what):
    check(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")


def step(name):
    print(f"--- {name}", flush=True)


def recording(snapshot_file, case_suffix):
    """recorded-content of the test case whose key ends with case_suffix."""
    folder = os.environ["SLUICE_AWS_REFERENCE"]
    with open(os.path.join(folder, snapshot_file), encoding="utf-8") as f:
        data = json.load(f)
    for key, value in data.items():
        if key.endswith(case_suffix):
            return value["recorded-content"]
    raise KeyError(f"no recording {case_suffix} in {snapshot_file}")


def expect_client_error(call, recorded, substitutions=None):
    """call() must raise a ClientError matching a recorded AWS error (Code, Message, Type,
    QueryErrorCode and HTTP status). substitutions replace LocalStack's placeholders such as
    <queue-name> in the recorded message."""
    try:
        call()
    except ClientError as e:
        expected = dict(recorded["Error"])
        expected.pop("Detail", None)
        message = expected.get("Message")
        for placeholder, value in (substitutions or {}).items():
            message = message.replace(placeholder, value)
        expected["Message"] = message
        actual = {k: e.response["Error"].get(k) for k in expected}
        check_equal(actual, expected, "error")
        check_equal(e.response["ResponseMetadata"]["HTTPStatusCode"],
                    recorded["ResponseMetadata"]["HTTPStatusCode"], "HTTP status")
        print(f"    refused as AWS does: {expected['Code']} {expected['Message']!r}")
        return e
    raise AssertionError(f"expected {recorded['Error']['Code']}, but the call succeeded")


def receive_all(sqs, queue_url, expected, **kwargs):
    """Receives until `expected` messages came back (a short receive may return fewer)."""
    messages = []
    deadline = time.time() + 10
    while len(messages) < expected and time.time() < deadline:
        response = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, **kwargs)
        messages.extend(response.get("Messages", []))
    check(len(messages) >= expected, f"received {len(messages)} of {expected} messages", messages)
    return messages


def run(main):
    try:
        main()
    except Exception as e:  # noqa: BLE001 - report every failure the same way
        print(f"FAILED: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
        raise
    print("OK", flush=True)
