"""The worker: does one job and records its result.

It is started in one of two ways, and handles both:
- by the consumer, with an Event invocation whose payload is one job plus the receipt handle of
  its message: the worker deletes the message itself once the result is recorded;
- by an SQS event-source mapping (the modern form of the pipeline), with an SQS event of up to 10
  `Records`: Lambda deletes the batch when the handler returns, except the records it names in
  `batchItemFailures` (the mapping has FunctionResponseTypes ReportBatchItemFailures).

The job itself is small but real: a SHA-256 over the payload, stretched with a few thousand rounds.
The result goes to the `results` queue with the job id, so whoever reads that queue can tell a job
done twice (SQS standard queues deliver at least once) from two jobs.
"""

import hashlib
import json
import os

import boto3

sqs = boto3.client("sqs")

RESULTS_QUEUE = os.environ.get("RESULTS_QUEUE", "results")
ROUNDS = 2000
_results_url = None


def results_url():
    global _results_url  # looked up once per execution environment
    if _results_url is None:
        _results_url = sqs.get_queue_url(QueueName=RESULTS_QUEUE)["QueueUrl"]
    return _results_url


def work(payload):
    digest = payload.encode("utf-8")
    for _ in range(ROUNDS):
        digest = hashlib.sha256(digest).digest()
    return digest.hex()


def record_result(job, message_id, receive_count, via):
    result = {
        "jobId": job["jobId"],
        "sha256": work(job["payload"]),
        "messageId": message_id,
        "receiveCount": receive_count,
        "via": via,
    }
    sqs.send_message(QueueUrl=results_url(), MessageBody=json.dumps(result))


def handle_sqs_event(event):
    failures = []
    for record in event["Records"]:
        try:
            record_result(json.loads(record["body"]), record["messageId"],
                          int(record["attributes"]["ApproximateReceiveCount"]), "mapping")
        except Exception as error:  # one bad job must not fail the others of its batch
            print(f"job in message {record['messageId']} failed: {error!r}")
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}


def handle_consumer_payload(event):
    record_result(event["job"], event["messageId"], event["receiveCount"], "consumer")
    # Deleted only once the result is recorded: a failure before this line leaves the message to
    # reappear after its visibility timeout and be tried again.
    sqs.delete_message(QueueUrl=event["queueUrl"], ReceiptHandle=event["receiptHandle"])
    return {"jobId": event["job"]["jobId"]}


def handler(event, context):
    if "Records" in event:
        return handle_sqs_event(event)
    return handle_consumer_payload(event)
