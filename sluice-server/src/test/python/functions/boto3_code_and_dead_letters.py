"""Lambda's remaining API on Sluice through unchanged boto3: large code uploads, Code.Location,
ListFunctions with FunctionVersion=ALL, InvokeAsync, dead-letter queues and event-source
mappings on an alias.

Run by Boto3CodeAndDeadLettersTest against a fresh server (see ../sluice_it.py) started with
--function-concurrency 7 (SLUICE_EXPECTED_CONCURRENCY says so), which keeps the default 8 MiB
request limit: only Lambda's code uploads may be larger.
"""

import http.client
import io
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from sluice_it import (ACCOUNT, REGION, check, check_equal, client, endpoint,  # noqa: E402
                       expect_client_error, recording, run, step, unique)

RUNTIME = "python3.%d" % sys.version_info.minor
ROLE = "arn:aws:iam::%s:role/lambda-role" % ACCOUNT
API_SNAPSHOT = "lambda-test_lambda_api.snapshot.json"

# Sends what it was invoked with (and how) to the queue the event names; fails when told to.
HANDLER = '''
import json
import boto3

def handler(event, context):
    if event.get("fail"):
        raise ValueError("cannot process " + str(event["fail"]))
    records = event.get("Records")
    queue = event["queue"] if records is None else json.loads(records[0]["body"])["queue"]
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName=queue)["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps(
        {"event": event, "arn": context.invoked_function_arn,
         "version": context.function_version}))
    return {"ok": True}
'''


def package(extra_bytes=0):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", HANDLER)
        if extra_bytes:
            # Random bytes, stored: the package stays as large as asked.
            archive.writestr(zipfile.ZipInfo("blob.bin"), os.urandom(extra_bytes),
                             compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


def arn(name):
    return "arn:aws:lambda:%s:%s:function:%s" % (REGION, ACCOUNT, name)


def create(lam, name, code, **kwargs):
    return lam.create_function(FunctionName=name, Runtime=RUNTIME, Role=ROLE,
                               Handler="handler.handler", Code={"ZipFile": code}, **kwargs)


def queue(sqs, base):
    url = sqs.create_queue(QueueName=unique(base))["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(
        QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return url, queue_arn, queue_arn.rsplit(":", 1)[1]


def receive_one(sqs, url, **kwargs):
    messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20, **kwargs).get("Messages", [])
    check_equal(len(messages), 1, "messages received")
    sqs.delete_message(QueueUrl=url, ReceiptHandle=messages[0]["ReceiptHandle"])
    return messages[0]


def main():
    lam = client("lambda")
    sqs = client("sqs")
    name = unique("code")

    step("the server's --function-concurrency is the account's concurrency limit")
    limit = lam.get_account_settings()["AccountLimit"]
    check_equal(limit["ConcurrentExecutions"], int(os.environ["SLUICE_EXPECTED_CONCURRENCY"]),
                "ConcurrentExecutions")

    step("a 12 MB package (a 16 MB request, over the 8 MiB limit) is accepted by CreateFunction")
    big = package(12 * 1024 * 1024)
    created = create(lam, name, big)
    check_equal(created["CodeSize"], len(big), "CodeSize")
    lam.update_function_code(FunctionName=name, ZipFile=big)

    step("GetFunction's Code.Location serves the package as uploaded")
    function = lam.get_function(FunctionName=name)
    check_equal(function["Code"]["RepositoryType"], "S3", "RepositoryType")
    with urllib.request.urlopen(function["Code"]["Location"], timeout=30) as response:
        check(response.read() == big, "the downloaded package differs from the uploaded one")
    forged = function["Code"]["Location"].replace("signature=", "signature=0")
    try:
        urllib.request.urlopen(forged, timeout=30)
        raise AssertionError("a forged Code.Location served the package")
    except urllib.error.HTTPError as e:
        check_equal(e.code, 403, "forged link status")

    step("other requests keep the 8 MiB limit")
    # A kept-alive connection: the server answers 413 at once and skips the body it announced.
    where = urllib.parse.urlsplit(endpoint())
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    connection.request("POST", "/", body=b"x" * (9 * 1024 * 1024),
                       headers={"Content-Type": "application/x-amz-json-1.0",
                                "X-Amz-Target": "AmazonSQS.ListQueues"})
    refused = connection.getresponse()
    check_equal((refused.status, json.loads(refused.read())["__type"]),
                (413, "RequestEntityTooLarge"), "9 MiB SQS request")
    connection.close()

    step("a request over Lambda's own limit gets AWS's RequestEntityTooLargeException")
    expect_client_error(
        lambda: create(lam, unique("huge"), package(53 * 1000 * 1000)),
        recording(API_SNAPSHOT, "TestLambdaSizeLimits::test_oversized_request_create_lambda")[
            "invalid_param_exc"])
    expect_client_error(
        lambda: create(lam, unique("huge"), package(50 * 1024 * 1024 + 10_000)),
        recording(API_SNAPSHOT, "TestLambdaSizeLimits::test_oversized_zipped_create_lambda")[
            "invalid_param_exc"])

    step("ListFunctions with FunctionVersion=ALL lists versions with qualified ARNs")
    lam.update_function_code(FunctionName=name, ZipFile=package())
    lam.publish_version(FunctionName=name)
    pages = lam.get_paginator("list_functions").paginate(
        FunctionVersion="ALL", PaginationConfig={"PageSize": 1})
    listed = [(f["FunctionName"], f["Version"], f["FunctionArn"])
              for page in pages for f in page["Functions"]]
    check_equal([entry for entry in listed if entry[0] == name],
                [(name, "$LATEST", arn(name) + ":$LATEST"), (name, "1", arn(name) + ":1")],
                "versions listed")
    plain = [f["FunctionArn"] for f in lam.list_functions()["Functions"]
             if f["FunctionName"] == name]
    check_equal(plain, [arn(name)], "without FunctionVersion")

    step("InvokeAsync (legacy) answers 202 and runs the function")
    out_url, _, out_name = queue(sqs, "out")
    answered = lam.invoke_async(FunctionName=name,
                                InvokeArgs=json.dumps({"queue": out_name, "via": "invoke-async"}))
    check_equal((answered["Status"], answered["ResponseMetadata"]["HTTPStatusCode"]), (202, 202),
                "InvokeAsync answer")
    sent = json.loads(receive_one(sqs, out_url)["Body"])
    check_equal(sent["event"]["via"], "invoke-async", "event the function got")

    step("an event that fails for good goes to the DeadLetterConfig queue with AWS's attributes")
    dlq_url, dlq_arn, _ = queue(sqs, "dlq")
    configured = lam.update_function_configuration(FunctionName=name,
                                                   DeadLetterConfig={"TargetArn": dlq_arn})
    check_equal(configured["DeadLetterConfig"], {"TargetArn": dlq_arn}, "DeadLetterConfig")
    check_equal(lam.get_function_configuration(FunctionName=name)["DeadLetterConfig"],
                {"TargetArn": dlq_arn}, "DeadLetterConfig read back")
    lam.put_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=0)
    lam.invoke(FunctionName=name, InvocationType="Event", Payload=json.dumps({"fail": 7}))
    letter = receive_one(sqs, dlq_url, MessageAttributeNames=["All"])
    check_equal(json.loads(letter["Body"]), {"fail": 7}, "dead letter body")
    attributes = letter["MessageAttributes"]
    check_equal((attributes["ErrorCode"]["DataType"], attributes["ErrorCode"]["StringValue"]),
                ("Number", "200"), "ErrorCode")
    check_equal(attributes["ErrorMessage"]["StringValue"], "cannot process 7", "ErrorMessage")
    check(len(attributes["RequestID"]["StringValue"]) == 36, "a RequestID", attributes)
    lam.update_function_configuration(FunctionName=name, DeadLetterConfig={"TargetArn": ""})
    check("DeadLetterConfig" not in lam.get_function_configuration(FunctionName=name),
          "DeadLetterConfig removed by an empty TargetArn")

    step("an event-source mapping on an alias invokes the alias")
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion="1")
    in_url, in_arn, _ = queue(sqs, "in")
    mapping = lam.create_event_source_mapping(EventSourceArn=in_arn,
                                              FunctionName=arn(name) + ":live", BatchSize=1)
    check_equal(mapping["FunctionArn"], arn(name) + ":live", "mapping FunctionArn")
    sqs.send_message(QueueUrl=in_url, MessageBody=json.dumps({"queue": out_name}))
    sent = json.loads(receive_one(sqs, out_url)["Body"])
    check_equal((sent["arn"], sent["version"]), (arn(name) + ":live", "1"), "invoked through")
    lam.delete_event_source_mapping(UUID=mapping["UUID"])
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            lam.get_event_source_mapping(UUID=mapping["UUID"])
            time.sleep(0.1)
        except lam.exceptions.ResourceNotFoundException:
            break
    lam.delete_function(FunctionName=name)


if __name__ == "__main__":
    run(main)
