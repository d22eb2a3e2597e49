"""The classic boto3 flow: create, send, receive with every system attribute, delete, empty."""

import hashlib
import time

from sluice_it import ACCOUNT, check, check_equal, client, endpoint, receive_all, run, step, unique

BODY = "메시지 내용"
SYSTEM_ATTRIBUTES = {"SenderId", "SentTimestamp", "ApproximateReceiveCount",
                     "ApproximateFirstReceiveTimestamp"}


def main():
    sqs = client("sqs")
    name = unique("classic")

    step("create_queue")
    queue_url = sqs.create_queue(QueueName=name)["QueueUrl"]
    check_equal(queue_url, f"{endpoint()}/{ACCOUNT}/{name}", "queue URL")
    check(queue_url in sqs.list_queues(QueueNamePrefix=name).get("QueueUrls", []),
          "list_queues shows the new queue")

    step("send_message")
    before_ms = int(time.time() * 1000)
    sent = sqs.send_message(QueueUrl=queue_url, MessageBody=BODY)
    check_equal(sent["MD5OfMessageBody"], hashlib.md5(BODY.encode("utf-8")).hexdigest(),
                "MD5OfMessageBody")

    step("receive_message")
    response = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10,
                                   AttributeNames=["All"])
    messages = response.get("Messages", [])
    if not messages:  # a short poll may miss a message; AWS allows that, so look once more
        messages = receive_all(sqs, queue_url, 1, AttributeNames=["All"])
    check_equal(len(messages), 1, "number of messages")
    message = messages[0]
    check_equal(message["Body"], BODY, "body")
    check_equal(message["MessageId"], sent["MessageId"], "message id")
    check_equal(message["MD5OfBody"], sent["MD5OfMessageBody"], "MD5OfBody")
    attributes = message["Attributes"]
    check_equal(set(attributes), SYSTEM_ATTRIBUTES, "system attribute names")
    check_equal(attributes["ApproximateReceiveCount"], "1", "ApproximateReceiveCount")
    now_ms = int(time.time() * 1000)
    for timestamp in ("SentTimestamp", "ApproximateFirstReceiveTimestamp"):
        check(before_ms - 1000 <= int(attributes[timestamp]) <= now_ms + 1000,
              f"{timestamp} is the time of the call in epoch milliseconds", attributes)
    check(attributes["SenderId"], "SenderId is set")

    step("delete_message")
    sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])

    step("queue is empty")
    response = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=1)
    check_equal(response.get("Messages", []), [], "messages after the delete")
    counts = sqs.get_queue_attributes(
        QueueUrl=queue_url,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    check_equal(counts, {"ApproximateNumberOfMessages": "0",
                         "ApproximateNumberOfMessagesNotVisible": "0"}, "counts")

    step("delete_queue")
    sqs.delete_queue(QueueUrl=queue_url)
    check(queue_url not in sqs.list_queues(QueueNamePrefix=name).get("QueueUrls", []),
          "the deleted queue is no longer listed")


if __name__ == "__main__":
    run(main)
