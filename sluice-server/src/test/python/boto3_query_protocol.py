"""boto3 speaking the SQS Query protocol (form-encoded requests, XML answers).

No client on these machines speaks Query to SQS any more (boto3 1.43, the CLI and both Java SDKs
moved to JSON), but older SDKs and tools still do. botocore still carries a complete Query
serializer and XML parser; this script gives it SQS's own service model with the protocol switched
to "query" (through AWS_DATA_PATH, botocore's documented way to load models), so the requests and
the parsing of the answers are botocore's own, not hand-written ones.
"""

import atexit
import gzip
import hashlib
import json
import os
import shutil
import tempfile

import botocore
from botocore.exceptions import ClientError

from sluice_it import check, check_equal, run, step, unique


# The element and parameter names the Query protocol uses (AWS's SQS Query API reference:
# MessageAttribute.1.Name, AttributeName.1, SendMessageBatchRequestEntry.1.Id, <Attribute><Name>...).
# JSON-era models dropped these; the Query model carried them as locationName.
MEMBER_NAMES = {
    "CreateQueueRequest": {"Attributes": "Attribute", "tags": "Tag"},
    "SetQueueAttributesRequest": {"Attributes": "Attribute"},
    "GetQueueAttributesRequest": {"AttributeNames": "AttributeName"},
    "GetQueueAttributesResult": {"Attributes": "Attribute"},
    "ListQueuesResult": {"QueueUrls": "QueueUrl"},
    "ListDeadLetterSourceQueuesResult": {"queueUrls": "QueueUrl"},
    "SendMessageRequest": {"MessageAttributes": "MessageAttribute",
                           "MessageSystemAttributes": "MessageSystemAttribute"},
    "SendMessageBatchRequestEntry": {"MessageAttributes": "MessageAttribute",
                                     "MessageSystemAttributes": "MessageSystemAttribute"},
    "SendMessageBatchRequest": {"Entries": "SendMessageBatchRequestEntry"},
    "SendMessageBatchResult": {"Successful": "SendMessageBatchResultEntry",
                               "Failed": "BatchResultErrorEntry"},
    "DeleteMessageBatchRequest": {"Entries": "DeleteMessageBatchRequestEntry"},
    "DeleteMessageBatchResult": {"Successful": "DeleteMessageBatchResultEntry",
                                 "Failed": "BatchResultErrorEntry"},
    "ChangeMessageVisibilityBatchRequest": {"Entries": "ChangeMessageVisibilityBatchRequestEntry"},
    "ChangeMessageVisibilityBatchResult": {"Successful": "ChangeMessageVisibilityBatchResultEntry",
                                           "Failed": "BatchResultErrorEntry"},
    "ReceiveMessageRequest": {"AttributeNames": "AttributeName",
                              "MessageSystemAttributeNames": "MessageSystemAttributeName",
                              "MessageAttributeNames": "MessageAttributeName"},
    "ReceiveMessageResult": {"Messages": "Message"},
    "Message": {"Attributes": "Attribute", "MessageAttributes": "MessageAttribute"},
    "TagQueueRequest": {"Tags": "Tag"},
    "UntagQueueRequest": {"TagKeys": "TagKey"},
    "ListQueueTagsResult": {"Tags": "Tag"},
    "AddPermissionRequest": {"AWSAccountIds": "AWSAccountId", "Actions": "ActionName"},
    "ListMessageMoveTasksResult": {"Results": "ListMessageMoveTasksResultEntry"},
}
MAP_ENTRY_NAMES = {
    "QueueAttributeMap": ("Name", "Value"),
    "MessageSystemAttributeMap": ("Name", "Value"),
    "MessageBodyAttributeMap": ("Name", "Value"),
    "MessageBodySystemAttributeMap": ("Name", "Value"),
    "TagMap": ("Key", "Value"),
}


def query_model_path():
    data = os.path.join(os.path.dirname(botocore.__file__), "data", "sqs", "2012-11-05")
    with gzip.open(os.path.join(data, "service-2.json.gz")) as f:
        model = json.load(f)
    model["metadata"]["protocol"] = "query"
    model["metadata"]["protocols"] = ["query"]
    model["metadata"]["xmlNamespace"] = "http://queue.amazonaws.com/doc/2012-11-05/"
    # Query answers wrap each result in <ActionResult>; JSON-era models no longer say so.
    for name, operation in model["operations"].items():
        if "output" in operation:
            operation["output"]["resultWrapper"] = name + "Result"
    shapes = model["shapes"]
    for shape, members in MEMBER_NAMES.items():
        for member, location in members.items():
            shapes[shape]["members"][member]["locationName"] = location
    for shape, (key, value) in MAP_ENTRY_NAMES.items():
        shapes[shape]["key"]["locationName"] = key
        shapes[shape]["value"]["locationName"] = value
    root = tempfile.mkdtemp(prefix="sqs-query-model-")
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    target = os.path.join(root, "sqs", "2012-11-05")
    os.makedirs(target)
    with open(os.path.join(target, "service-2.json"), "w") as f:
        json.dump(model, f)
    return root


def main():
    os.environ["AWS_DATA_PATH"] = query_model_path()
    import boto3  # noqa: E402 - the session must see AWS_DATA_PATH
    from botocore.config import Config

    sqs = boto3.session.Session().client(
        "sqs", config=Config(retries={"max_attempts": 1, "mode": "standard"}))
    sent_bodies = []
    sqs.meta.events.register("before-send.sqs", lambda request, **_: sent_bodies.append(
        request.body.decode() if isinstance(request.body, bytes) else request.body))

    step("create a queue over Query")
    url = sqs.create_queue(QueueName=unique("query"), Attributes={"VisibilityTimeout": "5"},
                           tags={"team": "payments"})["QueueUrl"]
    check(sent_bodies[-1].startswith("Action=CreateQueue"), "the request is form-encoded Query",
          sent_bodies[-1])
    check_equal(sqs.list_queue_tags(QueueUrl=url).get("Tags"), {"team": "payments"}, "tags")

    step("send with String, custom Number and Binary attributes")
    body = "메시지 내용 <&> \r\n"
    attributes = {
        "kind": {"DataType": "String", "StringValue": "invoice"},
        "amount": {"DataType": "Number.java.lang.Long", "StringValue": "1234"},
        "blob": {"DataType": "Binary", "BinaryValue": b"\x00\x01\xff"},
    }
    sent = sqs.send_message(QueueUrl=url, MessageBody=body, MessageAttributes=attributes)
    check_equal(sent["MD5OfMessageBody"], hashlib.md5(body.encode()).hexdigest(), "body MD5")
    check(len(sent.get("MD5OfMessageAttributes", "")) == 32, "attributes MD5 returned", sent)

    step("receive with every attribute")
    received = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["All"],
                                   MessageAttributeNames=["All"])["Messages"]
    check_equal(len(received), 1, "messages received")
    message = received[0]
    check_equal(message["Body"], body, "body survives XML")
    check_equal(message["MessageId"], sent["MessageId"], "message id")
    check_equal(message["MD5OfMessageAttributes"], sent["MD5OfMessageAttributes"],
                "attributes MD5 on receive")
    check_equal(message["MessageAttributes"]["amount"]["DataType"], "Number.java.lang.Long",
                "custom type kept verbatim")
    check_equal(message["MessageAttributes"]["blob"]["BinaryValue"], b"\x00\x01\xff", "binary")
    for name in ("SenderId", "SentTimestamp", "ApproximateReceiveCount",
                 "ApproximateFirstReceiveTimestamp"):
        check(name in message["Attributes"], f"system attribute {name}", message["Attributes"])

    step("change visibility, then delete by receipt handle")
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"],
                                  VisibilityTimeout=0)
    again = sqs.receive_message(QueueUrl=url)["Messages"][0]
    check_equal(again["Attributes"] if "Attributes" in again else {}, {}, "no attributes unasked")
    sqs.delete_message(QueueUrl=url, ReceiptHandle=again["ReceiptHandle"])

    step("batches, with one entry refused")
    result = sqs.send_message_batch(QueueUrl=url, Entries=[
        {"Id": "a", "MessageBody": "one"},
        {"Id": "b", "MessageBody": "two", "DelaySeconds": 901},
    ])
    check_equal([e["Id"] for e in result.get("Successful", [])], ["a"], "successful entries")
    check_equal([(e["Id"], e["Code"]) for e in result.get("Failed", [])],
                [("b", "InvalidParameterValue")], "failed entries")

    step("attributes and counts")
    attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    check_equal(attrs["VisibilityTimeout"], "5", "VisibilityTimeout")
    check_equal(attrs["ApproximateNumberOfMessages"], "1", "ApproximateNumberOfMessages")

    step("errors come back in the Query shape")
    try:
        sqs.get_queue_url(QueueName=unique("missing"))
        raise AssertionError("GetQueueUrl of a missing queue succeeded")
    except ClientError as e:
        check_equal(e.response["Error"]["Code"], "AWS.SimpleQueueService.NonExistentQueue", "code")
        check_equal(e.response["ResponseMetadata"]["HTTPStatusCode"], 400, "status")

    sqs.delete_queue(QueueUrl=url)
    check(url not in sqs.list_queues().get("QueueUrls", []), "queue deleted")


if __name__ == "__main__":
    run(main)
