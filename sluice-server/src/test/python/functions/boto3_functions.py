"""Lambda on Sluice through unchanged boto3: deploy Python functions and invoke them.

Run by Boto3FunctionsTest against a fresh server (see ../sluice_it.py for the environment).
Checks the shapes AWS answers with (CreateFunction, GetFunction, Invoke, errors) against the
recordings in shared/aws-reference, and a function whose own boto3 code sends to a Sluice queue.
"""

import base64
import hashlib
import io
import json
import os
import sys
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from sluice_it import (ACCOUNT, REGION, check, check_equal, client, expect_client_error,  # noqa: E402
                       recording, run, step, unique)

RUNTIME = "python3.%d" % sys.version_info.minor
ROLE = "arn:aws:iam::%s:role/lambda-role" % ACCOUNT
API_SNAPSHOT = "lambda-test_lambda_api.snapshot.json"

WORKER = '''
import os, time
counter = 0

def handler(event, context):
    global counter
    counter += 1
    print("worker got", event, flush=True)
    if event.get("fail"):
        raise ValueError("cannot process " + str(event["fail"]))
    if event.get("sleep"):
        time.sleep(event["sleep"])
    return {"counter": counter, "request_id": context.aws_request_id,
            "greeting": os.environ.get("GREETING"), "echo": event}
'''

SENDER = '''
import boto3

def handler(event, context):
    sqs = boto3.client("sqs")  # no endpoint, no credentials: the environment says where
    url = sqs.get_queue_url(QueueName=event["queue"])["QueueUrl"]
    sent = sqs.send_message(QueueUrl=url, MessageBody=event["body"])
    return {"MessageId": sent["MessageId"], "QueueUrl": url}
'''


def package(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, source in files.items():
            archive.writestr(name, source)
    return buffer.getvalue()


def arn(name):
    return "arn:aws:lambda:%s:%s:function:%s" % (REGION, ACCOUNT, name)


def payload_of(response):
    return json.loads(response["Payload"].read())


def main():
    lam = client("lambda")
    name = unique("worker")
    code = package({"handler.py": WORKER})

    step("create_function answers as AWS does")
    created = lam.create_function(FunctionName=name, Runtime=RUNTIME, Role=ROLE,
                                  Handler="handler.handler", Code={"ZipFile": code}, Timeout=2,
                                  MemorySize=256)
    check_equal(created["ResponseMetadata"]["HTTPStatusCode"], 201, "status")
    check_equal(created["FunctionArn"], arn(name), "FunctionArn")
    check_equal(created["CodeSha256"], base64.b64encode(hashlib.sha256(code).digest()).decode(),
                "CodeSha256")
    check_equal(created["CodeSize"], len(code), "CodeSize")
    check_equal((created["State"], created["Version"], created["PackageType"]),
                ("Pending", "$LATEST", "Zip"), "state")
    recorded = recording(API_SNAPSHOT, "TestLambdaFunction::test_function_lifecycle")
    check_equal(sorted(k for k in created if k != "ResponseMetadata"),
                sorted(k for k in recorded["create_response"]["CreateFunctionResponse"]
                       if k != "ResponseMetadata"), "CreateFunction fields")

    step("get_function reports it Active with AWS's fields")
    lam.get_waiter("function_active_v2").wait(FunctionName=name)
    got = lam.get_function(FunctionName=name)
    check_equal((got["Configuration"]["State"], got["Configuration"]["LastUpdateStatus"]),
                ("Active", "Successful"), "state")
    check_equal(sorted(got["Configuration"]),
                sorted(recorded["get_function_response"]["Configuration"]), "Configuration fields")

    step("invoke returns the handler's result")
    response = lam.invoke(FunctionName=name, Payload=json.dumps({"n": 1}))
    check_equal(response["StatusCode"], 200, "StatusCode")
    check_equal(response["ExecutedVersion"], "$LATEST", "ExecutedVersion")
    check("FunctionError" not in response, "no function error", response)
    first = payload_of(response)
    check_equal(first["echo"], {"n": 1}, "echo")

    step("a warm environment is reused: module state survives")
    second = payload_of(lam.invoke(FunctionName=name, Payload=b"{}"))
    third = payload_of(lam.invoke(FunctionName=name, Payload=b"{}"))
    check_equal((first["counter"], second["counter"], third["counter"]), (1, 2, 3), "counter")

    step("a handler exception comes back as Unhandled with AWS's error JSON")
    failed = lam.invoke(FunctionName=name, Payload=json.dumps({"fail": "order-7"}))
    check_equal(failed["FunctionError"], "Unhandled", "FunctionError")
    error = payload_of(failed)
    check_equal((error["errorType"], error["errorMessage"]),
                ("ValueError", "cannot process order-7"), "error")
    check(isinstance(error["stackTrace"], list) and error["stackTrace"], "a stack trace", error)

    step("LogType Tail returns the invocation's log")
    tailed = lam.invoke(FunctionName=name, Payload=json.dumps({"tail": "me"}), LogType="Tail")
    log = base64.b64decode(tailed["LogResult"]).decode()
    check("worker got {'tail': 'me'}" in log and "REPORT RequestId:" in log
          and "START RequestId:" in log, "log framed by START and REPORT", log)

    step("a timeout ends the invocation with AWS's message")
    timed_out = lam.invoke(FunctionName=name, Payload=json.dumps({"sleep": 10}))
    check_equal(timed_out["FunctionError"], "Unhandled", "FunctionError")
    check("Task timed out after 2.00 seconds" in payload_of(timed_out)["errorMessage"],
          "timeout message")
    check_equal(payload_of(lam.invoke(FunctionName=name, Payload=b"{}"))["counter"], 1,
                "a fresh environment after the timeout")

    step("DryRun runs nothing and answers 204")
    dry = lam.invoke(FunctionName=name, InvocationType="DryRun", Payload=b"{}")
    check_equal(dry["StatusCode"], 204, "StatusCode")

    step("a configuration change replaces the environment")
    updated = lam.update_function_configuration(
        FunctionName=name, Environment={"Variables": {"GREETING": "hello"}})
    check_equal(updated["LastUpdateStatus"], "InProgress", "LastUpdateStatus")
    lam.get_waiter("function_updated_v2").wait(FunctionName=name)
    after = payload_of(lam.invoke(FunctionName=name, Payload=b"{}"))
    check_equal((after["greeting"], after["counter"]), ("hello", 1), "new environment")

    step("errors are AWS's")
    expect_client_error(
        lambda: lam.get_function(FunctionName="no-such-fn"),
        recording(API_SNAPSHOT, "test_ops_on_nonexisting_fn[get_function]")["not_found_exception"],
        {"arn:<partition>:lambda:<region>:111111111111:function:<nonexisting-fn-name>":
         arn("no-such-fn")})
    exceptions = recording(API_SNAPSHOT, "test_create_lambda_exceptions")
    expect_client_error(
        lambda: lam.create_function(FunctionName=unique("f"), Runtime="non-existent-runtime",
                                    Role=ROLE, Handler="h.h", Code={"ZipFile": code}),
        exceptions["invalid_runtime_exc"])
    expect_client_error(
        lambda: lam.create_function(FunctionName=unique("f"), Runtime=RUNTIME, Role=ROLE,
                                    Handler="h.h", Code={"ZipFile": b"this is not a zip"}),
        exceptions["invalid_zip_exc"])
    try:
        lam.create_function(FunctionName=name, Runtime=RUNTIME, Role=ROLE,
                            Handler="handler.handler", Code={"ZipFile": code})
        raise AssertionError("a second create succeeded")
    except lam.exceptions.ResourceConflictException as e:
        check_equal(e.response["Error"]["Message"], "Function already exist: " + name, "message")
    evil = package({"handler.py": WORKER, "../../escape.py": "x = 1"})
    try:
        lam.create_function(FunctionName=unique("evil"), Runtime=RUNTIME, Role=ROLE,
                            Handler="handler.handler", Code={"ZipFile": evil})
        raise AssertionError("a zip climbing out of its folder was accepted")
    except lam.exceptions.InvalidParameterValueException as e:
        check("'../../escape.py' is refused" in e.response["Error"]["Message"], "refused", e)

    step("a function's unchanged boto3 code reaches a Sluice queue")
    sqs = client("sqs")
    queue = unique("from-lambda")
    queue_url = sqs.create_queue(QueueName=queue)["QueueUrl"]
    sender = unique("sender")
    lam.create_function(FunctionName=sender, Runtime=RUNTIME, Role=ROLE,
                        Handler="handler.handler", Timeout=30,
                        Code={"ZipFile": package({"handler.py": SENDER})})
    sent = lam.invoke(FunctionName=sender, Payload=json.dumps({"queue": queue, "body": "hi"}))
    check("FunctionError" not in sent, "sender succeeded", sent.get("FunctionError"))
    result = payload_of(sent)
    messages = sqs.receive_message(QueueUrl=queue_url, WaitTimeSeconds=5).get("Messages", [])
    check_equal([(m["MessageId"], m["Body"]) for m in messages], [(result["MessageId"], "hi")],
                "the message the function sent")

    step("an Event invocation is accepted with 202 and runs in the background")
    queued = lam.invoke(FunctionName=sender, InvocationType="Event",
                        Payload=json.dumps({"queue": queue, "body": "async"}))
    check_equal(queued["StatusCode"], 202, "StatusCode")
    messages = sqs.receive_message(QueueUrl=queue_url, WaitTimeSeconds=10).get("Messages", [])
    check_equal([m["Body"] for m in messages], ["async"], "the message the event sent")

    step("list_functions pages through every function")
    pages = lam.get_paginator("list_functions").paginate(PaginationConfig={"PageSize": 1})
    names = [f["FunctionName"] for page in pages for f in page["Functions"]]
    check_equal(sorted(names), sorted([name, sender]), "names")

    step("delete_function removes it")
    check_equal(lam.delete_function(FunctionName=name)["ResponseMetadata"]["HTTPStatusCode"],
                204, "status")
    try:
        lam.get_function(FunctionName=name)
        raise AssertionError("the deleted function is still there")
    except lam.exceptions.ResourceNotFoundException:
        pass
    lam.delete_function(FunctionName=sender)


if __name__ == "__main__":
    run(main)
