"""Lambda versions, aliases, concurrency and destinations on Sluice through unchanged boto3.

Run by Boto3VersionsConcurrencyTest against a fresh server (see ../sluice_it.py). Publishes
versions and invokes them through qualifiers and aliases, throttles with reserved concurrency 0,
and reads an on-failure SQS destination's invocation record with boto3.
"""

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

HANDLER = '''
def handler(event, context):
    if event.get("fail"):
        raise ValueError("cannot process " + str(event["fail"]))
    return {"tag": "%s", "version": context.function_version,
            "arn": context.invoked_function_arn}
'''


def package(tag):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", HANDLER % tag)
    return buffer.getvalue()


def arn(name):
    return "arn:aws:lambda:%s:%s:function:%s" % (REGION, ACCOUNT, name)


def invoke(lam, **kwargs):
    response = lam.invoke(**kwargs)
    return response, json.loads(response["Payload"].read())


def main():
    lam = client("lambda")
    sqs = client("sqs")
    name = unique("versioned")

    step("create_function with Publish answers version 1")
    created = lam.create_function(FunctionName=name, Runtime=RUNTIME, Role=ROLE,
                                  Handler="handler.handler", Code={"ZipFile": package("one")},
                                  Publish=True)
    check_equal(created["Version"], "1", "Version")
    check_equal(created["FunctionArn"], arn(name), "FunctionArn")

    step("publish_version after an update makes version 2; versions are listed")
    lam.update_function_code(FunctionName=name, ZipFile=package("two"))
    published = lam.publish_version(FunctionName=name, Description="second")
    check_equal(published["ResponseMetadata"]["HTTPStatusCode"], 201, "status")
    check_equal((published["Version"], published["FunctionArn"], published["Description"]),
                ("2", arn(name) + ":2", "second"), "published version")
    pages = lam.get_paginator("list_versions_by_function").paginate(
        FunctionName=name, PaginationConfig={"PageSize": 1})
    versions = [v["Version"] for page in pages for v in page["Versions"]]
    check_equal(versions, ["$LATEST", "1", "2"], "versions")
    recorded = recording(API_SNAPSHOT, "TestLambdaVersions::test_publish_with_wrong_sha256")
    expect_client_error(
        lambda: lam.publish_version(FunctionName=name, CodeSha256="somenonexistentsha256"),
        recorded["publish_wrong_sha256_exc"],
        {"<code-sha256:1>": lam.get_function(FunctionName=name)["Configuration"]["CodeSha256"]})
    # (the recorded message's hash is $LATEST's, which the substitution fills in)

    step("qualified invokes run the version's own code and say which version ran")
    lam.update_function_code(FunctionName=name, ZipFile=package("three"))
    response, result = invoke(lam, FunctionName=name, Qualifier="1")
    check_equal(response["ExecutedVersion"], "1", "ExecutedVersion")
    check_equal(result, {"tag": "one", "version": "1", "arn": arn(name) + ":1"}, "version 1")
    response, result = invoke(lam, FunctionName=name)
    check_equal((response["ExecutedVersion"], result["tag"]), ("$LATEST", "three"), "$LATEST")

    step("an alias routes to its version; get_function through the alias")
    alias = lam.create_alias(FunctionName=name, Name="live", FunctionVersion="2")
    check_equal((alias["AliasArn"], alias["FunctionVersion"]), (arn(name) + ":live", "2"),
                "alias")
    response, result = invoke(lam, FunctionName=name + ":live")
    check_equal((response["ExecutedVersion"], result["tag"], result["arn"]),
                ("2", "two", arn(name) + ":live"), "alias invoke")
    configuration = lam.get_function_configuration(FunctionName=name, Qualifier="live")
    check_equal((configuration["Version"], configuration["FunctionArn"]),
                ("2", arn(name) + ":live"), "configuration through the alias")
    updated = lam.update_alias(FunctionName=name, Name="live", FunctionVersion="1",
                               RoutingConfig={"AdditionalVersionWeights": {"2": 0.5}})
    check_equal(updated["RoutingConfig"], {"AdditionalVersionWeights": {"2": 0.5}}, "routing")
    check_equal([a["Name"] for a in lam.list_aliases(FunctionName=name)["Aliases"]], ["live"],
                "aliases")
    recorded = recording(API_SNAPSHOT, "TestLambdaAlias::test_alias_lifecycle")
    expect_client_error(
        lambda: lam.get_function(FunctionName=name, Qualifier="aliasdoesnotexist"),
        recorded["get_function_alias_notfound_exc"],
        {"arn:<partition>:lambda:<region>:111111111111:function:<function-name:1>": arn(name)})
    lam.delete_alias(FunctionName=name, Name="live")

    step("reserved concurrency 0 throttles invokes with AWS's 429 and Reason")
    lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=0)
    check_equal(lam.get_function_concurrency(FunctionName=name)["ReservedConcurrentExecutions"],
                0, "reserved")
    try:
        lam.invoke(FunctionName=name, Payload=b"{}")
        raise AssertionError("a function with reserved concurrency 0 ran")
    except lam.exceptions.TooManyRequestsException as e:
        check_equal((e.response["Error"]["Code"], e.response["Error"]["Message"],
                     e.response.get("Reason"), e.response["ResponseMetadata"]["HTTPStatusCode"]),
                    ("TooManyRequestsException", "Rate Exceeded.",
                     "ReservedFunctionConcurrentInvocationLimitExceeded", 429), "throttle")
        print("    throttled as AWS does")
    settings = lam.get_account_settings()
    check(settings["AccountLimit"]["ConcurrentExecutions"] > 0, "a concurrency limit",
          settings["AccountLimit"])
    lam.delete_function_concurrency(FunctionName=name)
    response, _ = invoke(lam, FunctionName=name)
    check_equal(response["StatusCode"], 200, "runs again once the reservation is gone")

    step("a failed event ends in the on-failure SQS destination with AWS's record")
    queue_url = sqs.create_queue(QueueName=unique("failures"))["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(
        QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    config = lam.put_function_event_invoke_config(
        FunctionName=name, MaximumRetryAttempts=0,
        DestinationConfig={"OnFailure": {"Destination": queue_arn}})
    check_equal((config["FunctionArn"], config["MaximumRetryAttempts"],
                 config["DestinationConfig"]), (arn(name) + ":$LATEST", 0,
                {"OnSuccess": {}, "OnFailure": {"Destination": queue_arn}}), "config")
    queued = lam.invoke(FunctionName=name, InvocationType="Event",
                        Payload=json.dumps({"fail": "on purpose"}))
    check_equal(queued["StatusCode"], 202, "StatusCode")
    messages = sqs.receive_message(QueueUrl=queue_url, WaitTimeSeconds=20).get("Messages", [])
    check_equal(len(messages), 1, "records on the failure queue")
    record = json.loads(messages[0]["Body"])
    check_equal(record["version"], "1.0", "record version")
    context = record["requestContext"]
    check_equal((context["functionArn"], context["condition"], context["approximateInvokeCount"]),
                (arn(name) + ":$LATEST", "RetriesExhausted", 1), "requestContext")
    check_equal(record["requestPayload"], {"fail": "on purpose"}, "requestPayload")
    check_equal(record["responseContext"], {"statusCode": 200, "executedVersion": "$LATEST",
                                            "functionError": "Unhandled"}, "responseContext")
    check_equal(record["responsePayload"]["errorType"], "ValueError", "responsePayload")
    lam.delete_function_event_invoke_config(FunctionName=name)

    step("tags are set, listed and removed")
    lam.tag_resource(Resource=arn(name), Tags={"team": "sluice", "tier": "test"})
    lam.untag_resource(Resource=arn(name), TagKeys=["tier"])
    check_equal(lam.list_tags(Resource=arn(name))["Tags"], {"team": "sluice"}, "tags")

    step("deleting a version, then the function")
    lam.delete_function(FunctionName=name, Qualifier="1")
    versions = [v["Version"] for v in lam.list_versions_by_function(FunctionName=name)["Versions"]]
    check_equal(versions, ["$LATEST", "2"], "versions after deleting 1")
    lam.delete_function(FunctionName=name)


if __name__ == "__main__":
    run(main)
