"""Sends N job messages to the `jobs` queue.

    python3 producer.py --count 100

Plain boto3, as for AWS: the endpoint, region and credentials come from the environment
(AWS_ENDPOINT_URL points boto3 at Sluice; unset, it talks to AWS).
"""

import argparse
import json
import uuid

import boto3

from pipeline import JOBS_QUEUE

BATCH = 10  # SendMessageBatch takes at most 10 entries


def jobs(count, run_id):
    """count job bodies; each has an id unique to this run and a payload to work on."""
    for n in range(count):
        yield {"jobId": f"{run_id}-{n:05d}", "payload": f"job {n} of run {run_id}"}


def produce(sqs, count, run_id=None):
    """Sends count jobs to the jobs queue; returns their ids."""
    run_id = run_id or uuid.uuid4().hex[:8]
    url = sqs.get_queue_url(QueueName=JOBS_QUEUE)["QueueUrl"]
    ids = []
    pending = list(jobs(count, run_id))
    for start in range(0, len(pending), BATCH):
        batch = pending[start:start + BATCH]
        entries = [{"Id": str(i), "MessageBody": json.dumps(job)} for i, job in enumerate(batch)]
        answer = sqs.send_message_batch(QueueUrl=url, Entries=entries)
        if answer.get("Failed"):
            raise RuntimeError(f"SendMessageBatch refused entries: {answer['Failed']}")
        ids.extend(job["jobId"] for job in batch)
    return ids


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10, help="how many jobs (default 10)")
    args = parser.parse_args()
    ids = produce(boto3.client("sqs"), args.count)
    print(f"sent {len(ids)} jobs to {JOBS_QUEUE}: {ids[0]} .. {ids[-1]}" if ids else "sent 0 jobs")


if __name__ == "__main__":
    main()
