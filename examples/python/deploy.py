"""Deploys the pipeline: queues, both functions, and what starts the work.

    python3 deploy.py              # rule variant: rate(1 minute) rule -> consumer -> worker
    python3 deploy.py --mapping    # mapping variant: jobs -> event-source mapping -> worker

Idempotent: run it again after changing a handler and it updates what exists. Switching variants
turns the other one off (the rule is disabled, or the mapping deleted), so the two never compete
for the jobs.

Plain boto3, as for AWS: AWS_ENDPOINT_URL points it at Sluice. On AWS, pass --role with the ARN of
an execution role that may use SQS and invoke Lambda functions.
"""

import argparse
import io
import json
import os
import sys
import time
import zipfile

import boto3
from botocore.exceptions import ClientError

from pipeline import (CONSUMER_FUNCTION, CONSUMER_TIMEOUT, JOBS_DLQ, JOBS_QUEUE,
                      JOBS_VISIBILITY_TIMEOUT, MAX_RECEIVE_COUNT, RESULTS_QUEUE, RULE,
                      WORKER_CONCURRENCY, WORKER_FUNCTION, WORKER_TIMEOUT)

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_RUNTIME = "python3.%d" % sys.version_info.minor
PERMISSION_ID = "invoke-from-" + RULE


def error_code(error):
    return error.response["Error"]["Code"]


def log(message):
    print(f"deploy: {message}", flush=True)


# --- queues ------------------------------------------------------------------------------------

def ensure_queue(sqs, name, attributes=None):
    """The queue's URL and ARN, creating it if needed and (re)applying the attributes."""
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    if attributes:
        sqs.set_queue_attributes(QueueUrl=url, Attributes=attributes)
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"]
    return url, arn


def deploy_queues(sqs):
    _, dlq_arn = ensure_queue(sqs, JOBS_DLQ)
    _, jobs_arn = ensure_queue(sqs, JOBS_QUEUE, {
        "VisibilityTimeout": str(JOBS_VISIBILITY_TIMEOUT),
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn,
                                     "maxReceiveCount": str(MAX_RECEIVE_COUNT)}),
    })
    ensure_queue(sqs, RESULTS_QUEUE)
    log(f"queues {JOBS_QUEUE} (dead letters to {JOBS_DLQ} after {MAX_RECEIVE_COUNT} receives), "
        f"{RESULTS_QUEUE}")
    return jobs_arn


# --- functions ---------------------------------------------------------------------------------

def zipped(folder):
    """The folder's files in a zip, as Lambda takes code: paths relative to the folder."""
    buffer = io.BytesIO()
    root = os.path.join(HERE, folder)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for directory, subdirectories, files in os.walk(root):
            subdirectories[:] = [d for d in subdirectories if d != "__pycache__"]
            for name in sorted(files):
                path = os.path.join(directory, name)
                archive.write(path, os.path.relpath(path, root))
    return buffer.getvalue()


def ensure_function(lam, name, folder, runtime, role, timeout, variables):
    """Creates the function, or updates its code and configuration; returns its ARN."""
    code = zipped(folder)
    settings = dict(Runtime=runtime, Role=role, Handler="handler.handler", Timeout=timeout,
                    MemorySize=256, Environment={"Variables": variables})
    try:
        arn = lam.create_function(FunctionName=name, Code={"ZipFile": code}, **settings)[
            "FunctionArn"]
        lam.get_waiter("function_active_v2").wait(FunctionName=name)
        log(f"function {name} created ({runtime})")
        return arn
    except ClientError as error:
        if error_code(error) != "ResourceConflictException":
            raise
    lam.update_function_code(FunctionName=name, ZipFile=code)
    lam.get_waiter("function_updated_v2").wait(FunctionName=name)
    arn = lam.update_function_configuration(FunctionName=name, **settings)["FunctionArn"]
    lam.get_waiter("function_updated_v2").wait(FunctionName=name)
    log(f"function {name} updated ({runtime})")
    return arn


def reserve_worker_concurrency(lam):
    try:
        lam.put_function_concurrency(FunctionName=WORKER_FUNCTION,
                                     ReservedConcurrentExecutions=WORKER_CONCURRENCY)
    except ClientError as error:
        # A new AWS account's concurrency quota (10) leaves nothing to reserve: run unreserved.
        if error_code(error) != "InvalidParameterValueException":
            raise
        log(f"worker concurrency not reserved: {error.response['Error']['Message']}")


def deploy_functions(lam, runtime, role):
    ensure_function(lam, WORKER_FUNCTION, "worker", runtime, role, WORKER_TIMEOUT,
                    {"RESULTS_QUEUE": RESULTS_QUEUE})
    reserve_worker_concurrency(lam)
    return ensure_function(lam, CONSUMER_FUNCTION, "consumer", runtime, role, CONSUMER_TIMEOUT,
                           {"JOBS_QUEUE": JOBS_QUEUE, "WORKER_FUNCTION": WORKER_FUNCTION})


# --- what starts the work ----------------------------------------------------------------------

def deploy_rule(events, lam, consumer_arn):
    rule_arn = events.put_rule(Name=RULE, ScheduleExpression="rate(1 minute)", State="ENABLED",
                               Description="Starts the consumer, which hands jobs to workers")[
        "RuleArn"]
    # As on AWS, EventBridge may invoke the function only with the function's permission.
    try:
        lam.add_permission(FunctionName=CONSUMER_FUNCTION, StatementId=PERMISSION_ID,
                           Action="lambda:InvokeFunction", Principal="events.amazonaws.com",
                           SourceArn=rule_arn)
    except ClientError as error:
        if error_code(error) != "ResourceConflictException":  # granted by an earlier run
            raise
    answer = events.put_targets(Rule=RULE, Targets=[{"Id": "consumer", "Arn": consumer_arn}])
    if answer.get("FailedEntryCount"):
        raise RuntimeError(f"PutTargets refused the consumer: {answer['FailedEntries']}")
    log(f"rule {RULE} (rate(1 minute)) -> {CONSUMER_FUNCTION}")
    return rule_arn


def disable_rule(events):
    try:
        events.disable_rule(Name=RULE)
        log(f"rule {RULE} disabled")
    except ClientError as error:
        if error_code(error) != "ResourceNotFoundException":
            raise


def mappings(lam, jobs_arn):
    return lam.list_event_source_mappings(EventSourceArn=jobs_arn,
                                          FunctionName=WORKER_FUNCTION)["EventSourceMappings"]


def deploy_mapping(lam, jobs_arn):
    settings = dict(BatchSize=10, FunctionResponseTypes=["ReportBatchItemFailures"], Enabled=True,
                    ScalingConfig={"MaximumConcurrency": max(2, WORKER_CONCURRENCY)})
    existing = mappings(lam, jobs_arn)
    if existing:
        uuid = existing[0]["UUID"]
        lam.update_event_source_mapping(UUID=uuid, **settings)
    else:
        uuid = lam.create_event_source_mapping(EventSourceArn=jobs_arn,
                                               FunctionName=WORKER_FUNCTION, **settings)["UUID"]
    wait_for(lambda: lam.get_event_source_mapping(UUID=uuid)["State"] == "Enabled",
             "the event-source mapping is enabled")
    log(f"event-source mapping {JOBS_QUEUE} -> {WORKER_FUNCTION} (batches of 10)")
    return uuid


def delete_mappings(lam, jobs_arn):
    for mapping in mappings(lam, jobs_arn):
        lam.delete_event_source_mapping(UUID=mapping["UUID"])
        wait_for(lambda: not mappings(lam, jobs_arn), "the event-source mapping is deleted")
        log(f"event-source mapping {mapping['UUID']} deleted")


def wait_for(condition, what, timeout=60):
    deadline = time.time() + timeout
    while not condition():
        if time.time() > deadline:
            raise RuntimeError(f"timed out waiting until {what}")
        time.sleep(0.5)


def default_role():
    account = boto3.client("sts").get_caller_identity()["Account"]
    return f"arn:aws:iam::{account}:role/sluice-pipeline"


def deploy(mapping=False, runtime=DEFAULT_RUNTIME, role=None):
    """Deploys the chosen variant; returns the jobs queue's ARN."""
    sqs, lam, events = boto3.client("sqs"), boto3.client("lambda"), boto3.client("events")
    jobs_arn = deploy_queues(sqs)
    consumer_arn = deploy_functions(lam, runtime, role or default_role())
    if mapping:
        disable_rule(events)
        deploy_mapping(lam, jobs_arn)
    else:
        delete_mappings(lam, jobs_arn)
        deploy_rule(events, lam, consumer_arn)
    return jobs_arn


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mapping", action="store_true",
                        help="feed the worker with an SQS event-source mapping instead of the "
                             "scheduled consumer")
    parser.add_argument("--runtime", default=DEFAULT_RUNTIME,
                        help=f"Lambda runtime of both functions (default {DEFAULT_RUNTIME})")
    parser.add_argument("--role", help="execution role ARN (default: role/sluice-pipeline in the "
                                       "caller's account)")
    args = parser.parse_args()
    deploy(args.mapping, args.runtime, args.role)


if __name__ == "__main__":
    main()
