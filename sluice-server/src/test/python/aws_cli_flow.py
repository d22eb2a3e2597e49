"""The AWS CLI v1 against Sluice: create-queue, send-message, receive-message,
get-queue-attributes --attribute-names All, delete-queue, and sts get-caller-identity.
Each command runs as `aws --endpoint-url URL --output json ...` and its JSON output is checked."""

import json
import subprocess

from sluice_it import ACCOUNT, check, check_equal, endpoint, run, step, unique


def aws(*args):
    command = ["aws", "--endpoint-url", endpoint(), "--output", "json", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(command)} exited {result.returncode}:\n"
                             f"{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout) if result.stdout.strip() else {}


def main():
    name = unique("cli")

    step("aws sqs create-queue")
    url = aws("sqs", "create-queue", "--queue-name", name)["QueueUrl"]
    check_equal(url, f"{endpoint()}/{ACCOUNT}/{name}", "queue URL")

    step("aws sqs send-message")
    sent = aws("sqs", "send-message", "--queue-url", url, "--message-body", "hello from the CLI",
               "--message-attributes", json.dumps(
                   {"kind": {"DataType": "String", "StringValue": "greeting"}}))
    check(sent.get("MessageId") and sent.get("MD5OfMessageBody"), "send answered", sent)

    step("aws sqs get-queue-attributes --attribute-names All")
    attributes = aws("sqs", "get-queue-attributes", "--queue-url", url,
                     "--attribute-names", "All")["Attributes"]
    check_equal(attributes.get("QueueArn"), f"arn:aws:sqs:us-east-1:{ACCOUNT}:{name}", "QueueArn")
    check_equal(attributes.get("VisibilityTimeout"), "30", "VisibilityTimeout")
    check_equal(attributes.get("ApproximateNumberOfMessages"), "1",
                "ApproximateNumberOfMessages")

    step("aws sqs receive-message")
    received = aws("sqs", "receive-message", "--queue-url", url, "--attribute-names", "All",
                   "--message-attribute-names", "All", "--wait-time-seconds", "1")
    messages = received.get("Messages", [])
    check_equal(len(messages), 1, "messages received")
    check_equal(messages[0]["Body"], "hello from the CLI", "body")
    check_equal(messages[0]["MessageId"], sent["MessageId"], "message id")
    check_equal(messages[0]["MessageAttributes"],
                {"kind": {"DataType": "String", "StringValue": "greeting"}}, "message attributes")
    check_equal(messages[0]["Attributes"].get("ApproximateReceiveCount"), "1", "receive count")

    step("aws sqs delete-queue")
    aws("sqs", "delete-queue", "--queue-url", url)
    listed = aws("sqs", "list-queues", "--queue-name-prefix", name)
    check_equal(listed.get("QueueUrls", []), [], "queues after the delete")

    step("aws sts get-caller-identity")
    identity = aws("sts", "get-caller-identity")
    check_equal(identity.get("Account"), ACCOUNT, "Account")
    check(identity.get("Arn", "").startswith(f"arn:aws:iam::{ACCOUNT}:"), "Arn", identity)
    check(identity.get("UserId"), "UserId", identity)


if __name__ == "__main__":
    run(main)
