"""An event-source mapping survives a restart: run with phase "before" against a server, restart
it on the same data directory, run with phase "after" (environment variable SLUICE_ESM_PHASE). Run by
Boto3EventSourceMappingTest.
"""

import os

from esm_common import count, create_recorder, queue_arn, records_of, seen_events, wait_until
from sluice_it import check_equal, client, run, step

FUNCTION = "durable-consumer"
SEEN = "durable-seen"
SOURCE = "durable-orders"


def before():
    lam, sqs = client("lambda"), client("sqs")
    step("before the restart: a queue, a function and an enabled mapping")
    sqs.create_queue(QueueName=SEEN)
    sqs.create_queue(QueueName=SOURCE)
    create_recorder(lam, FUNCTION, SEEN)
    lam.create_event_source_mapping(EventSourceArn=queue_arn(SOURCE), FunctionName=FUNCTION,
                                    BatchSize=5, ScalingConfig={"MaximumConcurrency": 3})


def after():
    lam, sqs = client("lambda"), client("sqs")
    step("after the restart: the mapping is there and delivers")
    mappings = lam.list_event_source_mappings(EventSourceArn=queue_arn(SOURCE))[
        "EventSourceMappings"]
    check_equal(len(mappings), 1, "mappings after the restart")
    check_equal((mappings[0]["State"], mappings[0]["BatchSize"], mappings[0]["ScalingConfig"]),
                ("Enabled", 5, {"MaximumConcurrency": 3}), "the mapping's settings")
    source_url = sqs.get_queue_url(QueueName=SOURCE)["QueueUrl"]
    seen_url = sqs.get_queue_url(QueueName=SEEN)["QueueUrl"]
    sqs.send_message(QueueUrl=source_url, MessageBody="after the restart")
    check_equal([r["body"] for r in records_of(seen_events(sqs, seen_url, 1))],
                ["after the restart"], "delivered")
    wait_until(lambda: count(sqs, source_url) == 0, "the message is deleted")


if __name__ == "__main__":
    run(before if os.environ["SLUICE_ESM_PHASE"] == "before" else after)
