"""Node.js functions and CloudWatch Logs on Sluice through unchanged boto3 and the AWS CLI.

Run by Boto3NodeAndLogsTest against a fresh server (see ../sluice_it.py for the environment).
Deploys Node functions (CommonJS, an ES module, a callback handler), invokes them, then reads their
logs through the Logs API (describe_log_streams, get_log_events, filter_log_events) and `aws logs
describe-log-groups`; then drives the Logs API directly and checks its errors against the
recordings in shared/aws-reference.
"""

import io
import json
import os
import re
import subprocess
import sys
import time
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from sluice_it import (ACCOUNT, check, check_equal, client, endpoint,  # noqa: E402
                       expect_client_error, recording, run, step, unique)

ROLE = "arn:aws:iam::%s:role/lambda-role" % ACCOUNT
GROUPS = "logs-test_logs_groups.snapshot.json"
STREAMS = "logs-test_logs_streams.snapshot.json"
EVENTS = "logs-test_logs_events.snapshot.json"

COMMON_JS = """
let counter = 0;
exports.handler = async (event, context) => {
  counter++;
  console.log("marker", event.marker, "from", context.functionName);
  if (event.fail) throw new RangeError("out of range: " + event.fail);
  return { counter, requestId: context.awsRequestId, stream: context.logStreamName };
};
"""

ES_MODULE = """
export const handler = async (event) => ({ module: "esm", doubled: event.n * 2 });
"""

CALLBACK = """
exports.handler = (event, context, callback) => {
  setTimeout(() => callback(null, { via: "callback", left: context.getRemainingTimeInMillis() > 0 }), 10);
};
"""

STREAM_NAME = re.compile(r"^\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32}$")


def package(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, source in files.items():
            archive.writestr(name, source)
    return buffer.getvalue()


def deploy(lam, name, runtime, handler, files):
    lam.create_function(FunctionName=name, Runtime=runtime, Role=ROLE, Handler=handler,
                        Code={"ZipFile": package(files)}, Timeout=5)
    lam.get_waiter("function_active_v2").wait(FunctionName=name)


def invoke(lam, name, payload):
    response = lam.invoke(FunctionName=name, Payload=json.dumps(payload).encode())
    return response, json.loads(response["Payload"].read())


def aws(*args):
    command = ["aws", "--endpoint-url", endpoint(), "--output", "json", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(command)} exited {result.returncode}:\n"
                             f"{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout) if result.stdout.strip() else {}


def node_functions(lam, logs):
    cjs, esm, callback = unique("node-cjs"), unique("node-esm"), unique("node-cb")
    marker = unique("marker")

    step("Node.js functions deploy: CommonJS (nodejs20.x), ESM (nodejs22.x), callback (nodejs18.x)")
    deploy(lam, cjs, "nodejs20.x", "index.handler", {"index.js": COMMON_JS})
    deploy(lam, esm, "nodejs22.x", "app.handler", {"app.mjs": ES_MODULE})
    deploy(lam, callback, "nodejs18.x", "cb.handler",
           {"cb.js": CALLBACK, "package.json": '{"type": "commonjs"}'})

    step("each answers through its own handler style")
    _, first = invoke(lam, cjs, {"marker": marker})
    _, second = invoke(lam, cjs, {"marker": marker})
    check_equal(second["counter"], 2, "counter of a warm CommonJS environment")
    check(STREAM_NAME.match(first["stream"]), "AWS's stream name", first)
    check_equal(invoke(lam, esm, {"n": 21})[1], {"module": "esm", "doubled": 42}, "ESM answer")
    check_equal(invoke(lam, callback, {})[1], {"via": "callback", "left": True}, "callback answer")

    step("a thrown error comes back in AWS's Node shape")
    response, error = invoke(lam, cjs, {"fail": 7})
    check_equal(response.get("FunctionError"), "Unhandled", "FunctionError")
    check_equal((error["errorType"], error["errorMessage"]), ("RangeError", "out of range: 7"),
                "error")
    check(error["trace"][0] == "RangeError: out of range: 7", "trace", error)

    step("describe_log_streams finds the environment's stream in /aws/lambda/NAME")
    group = "/aws/lambda/" + cjs
    streams = logs.describe_log_streams(logGroupName=group, orderBy="LastEventTime",
                                        descending=True)["logStreams"]
    check_equal([s["logStreamName"] for s in streams], [first["stream"]], "streams")
    check(streams[0]["arn"].endswith(":log-group:%s:log-stream:%s" % (group, first["stream"])),
          "stream ARN", streams[0])

    step("get_log_events returns the invocations framed by START/END/REPORT")
    events = logs.get_log_events(logGroupName=group, logStreamName=first["stream"],
                                 startFromHead=True)
    messages = [e["message"] for e in events["events"]]
    check(messages[0].startswith("START RequestId: %s Version: $LATEST" % first["requestId"]),
          "the first event is START", messages)
    check(any(("INFO\tmarker %s from %s" % (marker, cjs)) in m for m in messages),
          "the console.log line is an event", messages)
    check(any(m.startswith("END RequestId: %s" % first["requestId"]) for m in messages),
          "END", messages)
    check(sum(1 for m in messages if m.startswith("REPORT RequestId: ")) == 3,
          "one REPORT per invocation", messages)
    again = logs.get_log_events(logGroupName=group, logStreamName=first["stream"],
                                nextToken=events["nextForwardToken"], startFromHead=True)
    check_equal(again["events"], [], "events after the end")
    check_equal(again["nextForwardToken"], events["nextForwardToken"], "token at the end")

    step("filter_log_events finds the marker in the group (paginated)")
    found = []
    for page in logs.get_paginator("filter_log_events").paginate(
            logGroupName=group, filterPattern='"%s"' % marker, PaginationConfig={"PageSize": 1}):
        found.extend(page["events"])
    check_equal(len(found), 2, "events with the marker")
    check(all(e["logStreamName"] == first["stream"] and e["eventId"] for e in found),
          "filtered events name their stream", found)

    step("aws logs describe-log-groups lists the function's group")
    listed = aws("logs", "describe-log-groups", "--log-group-name-prefix", "/aws/lambda/node-")
    names = [g["logGroupName"] for g in listed["logGroups"]]
    check(group in names and "/aws/lambda/" + esm in names, "function log groups", names)

    for name in (cjs, esm, callback):
        lam.delete_function(FunctionName=name)


def logs_api(logs):
    group, stream = unique("/sluice/app"), unique("stream")

    step("CreateLogGroup / CreateLogStream, duplicates refused as AWS does")
    logs.create_log_group(logGroupName=group)
    expect_client_error(lambda: logs.create_log_group(logGroupName=group),
                        recording(GROUPS, "test_create_log_group_duplicate_error")
                        ["error-duplicate-log-group"])
    expect_client_error(lambda: logs.create_log_group(logGroupName="g" * 513),
                        recording(GROUPS, "test_create_log_group_invalid_name_length")
                        ["error-invalid-name-length"])
    logs.create_log_stream(logGroupName=group, logStreamName=stream)
    expect_client_error(lambda: logs.create_log_stream(logGroupName=group, logStreamName=stream),
                        recording(STREAMS, "test_create_log_stream_duplicate_error")
                        ["error-duplicate-log-stream"])

    step("PutLogEvents, then GetLogEvents pages backwards from the newest")
    now = int(time.time() * 1000)
    put = logs.put_log_events(logGroupName=group, logStreamName=stream, logEvents=[
        {"timestamp": now + i, "message": "line %d" % i} for i in range(5)])
    check("nextSequenceToken" in put and "rejectedLogEventsInfo" not in put, "put answer", put)
    newest = logs.get_log_events(logGroupName=group, logStreamName=stream, limit=2)
    check_equal([e["message"] for e in newest["events"]], ["line 3", "line 4"], "newest page")
    older = logs.get_log_events(logGroupName=group, logStreamName=stream, limit=2,
                                nextToken=newest["nextBackwardToken"])
    check_equal([e["message"] for e in older["events"]], ["line 1", "line 2"], "older page")
    expect_client_error(lambda: logs.put_log_events(
        logGroupName=group, logStreamName=stream,
        logEvents=[{"timestamp": now, "message": "b"}, {"timestamp": now - 1, "message": "a"}]),
        recording(EVENTS, "test_put_log_events_wrong_order")["error-wrong-order"])
    expect_client_error(lambda: logs.put_log_events(
        logGroupName=group, logStreamName="missing", logEvents=[{"timestamp": now, "message": "x"}]),
        recording(EVENTS, "test_put_log_events_to_invalid_stream")["error-invalid-stream"])
    expect_client_error(lambda: logs.get_log_events(logGroupName=group, logStreamName=stream,
                                                    nextToken="not-a-token"),
                        recording(EVENTS, "test_get_log_events_invalid_token")
                        ["error-invalid-token"])
    expect_client_error(lambda: logs.get_log_events(logGroupName=group, logStreamName=stream,
                                                    limit=10001),
                        recording(EVENTS, "test_get_log_events_limit_validation")
                        ["error-limit-exceeded"])

    step("PutRetentionPolicy shows in DescribeLogGroups")
    logs.put_retention_policy(logGroupName=group, retentionInDays=7)
    described = logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"]
    check_equal([(g["logGroupName"], g.get("retentionInDays")) for g in described],
                [(group, 7)], "groups")
    check_equal(described[0]["arn"], "arn:aws:logs:us-east-1:%s:log-group:%s:*" % (ACCOUNT, group),
                "group ARN")

    step("DeleteLogGroup, then the group does not exist")
    logs.delete_log_group(logGroupName=group)
    recorded = recording(EVENTS, "test_resource_does_not_exist")
    expect_client_error(lambda: logs.put_log_events(
        logGroupName=group, logStreamName=stream, logEvents=[{"timestamp": now, "message": "x"}]),
        recorded["error-log-group-does-not-exist"])


def main():
    lam, logs = client("lambda"), client("logs")
    node_functions(lam, logs)
    logs_api(logs)


if __name__ == "__main__":
    run(main)
