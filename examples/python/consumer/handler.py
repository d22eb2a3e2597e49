"""The consumer: an EventBridge rule starts it once a minute (`rate(1 minute)`).

It receives jobs, up to 10 at a time, for as long as they keep coming and it has time left, and
hands each to the worker function with an asynchronous (Event) invocation. The message stays in
the queue, hidden for the queue's visibility timeout: the worker deletes it when the job is done,
so a job whose worker fails reappears and is tried again (up to the queue's maxReceiveCount, then
it goes to the dead-letter queue).

Unchanged AWS code: boto3 finds the region, credentials and (on Sluice) AWS_ENDPOINT_URL in the
Lambda environment.
"""

import json
import os
from concurrent.futures import ThreadPoolExecutor

import boto3

sqs = boto3.client("sqs")
lambda_client = boto3.client("lambda")

JOBS_QUEUE = os.environ.get("JOBS_QUEUE", "jobs")
WORKER_FUNCTION = os.environ.get("WORKER_FUNCTION", "worker")
# Stop receiving while there is still time to hand over what was received: one long poll (1 s)
# plus ten Event invocations fit in this margin with room to spare.
SAFETY_MARGIN_MILLIS = 5000


def hand_over(message, queue_url):
    """Starts one worker for the message's job; it deletes the message when the job is done."""
    lambda_client.invoke(
        FunctionName=WORKER_FUNCTION,
        InvocationType="Event",
        Payload=json.dumps({
            "job": json.loads(message["Body"]),
            "messageId": message["MessageId"],
            "receiveCount": int(message["Attributes"]["ApproximateReceiveCount"]),
            "queueUrl": queue_url,
            "receiptHandle": message["ReceiptHandle"],
        }),
    )


def handler(event, context):
    queue_url = sqs.get_queue_url(QueueName=JOBS_QUEUE)["QueueUrl"]
    dispatched = 0
    while context.get_remaining_time_in_millis() > SAFETY_MARGIN_MILLIS:
        messages = sqs.receive_message(
            QueueUrl=queue_url,
            MaxNumberOfMessages=10,
            WaitTimeSeconds=1,
            AttributeNames=["ApproximateReceiveCount"],
        ).get("Messages", [])
        if not messages:
            break
        # The ten hand-overs are independent: made in parallel (boto3 clients are thread-safe).
        with ThreadPoolExecutor(max_workers=len(messages)) as pool:
            list(pool.map(lambda message: hand_over(message, queue_url), messages))
        dispatched += len(messages)
    print(f"dispatched {dispatched} jobs (scheduled event {event.get('id')})")
    return {"dispatched": dispatched}
