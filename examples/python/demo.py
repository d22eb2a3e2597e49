"""Deploys the pipeline to Sluice, sends it jobs, and watches them flow through.

    python3 demo.py [--endpoint URL] [--messages N] [--mapping] [--wait] [--no-deploy]

Rule variant (default): the rule's consumer is started at once through Sluice's
`POST /_sluice/rules/NAME/run` (with --wait: at the rule's next real tick, up to a minute), it
hands the jobs to worker invocations, and the workers write results and delete the jobs.
Mapping variant (--mapping): an SQS event-source mapping feeds the jobs to the worker in batches.

One line of live counts refreshes until every job is processed, then a summary follows. Exits 0
only if every job was processed and deleted and none went to the dead-letter queue (2 if no
server answers). `--endpoint aws` runs it against AWS itself, waiting for the rule's tick.
"""

import argparse
import json
import os
import sys
import time
import urllib.request
import uuid
from collections import Counter

import boto3

from deploy import deploy
from pipeline import JOBS_DLQ, JOBS_QUEUE, RESULTS_QUEUE, RULE
from producer import produce

DEFAULT_ENDPOINT = "http://127.0.0.1:4566"
# While jobs wait visible this long with nobody taking them, the demo starts the consumer again,
# as the next tick of the rule would (a worker failed and its job reappeared, say).
RETRIGGER_AFTER = 15
# After the last job is done, results are read this much longer, so late duplicates are counted.
LINGER = 2


def configure_environment(endpoint):
    """boto3 reads everything from the environment; fill in what a local Sluice needs."""
    if endpoint:
        os.environ["AWS_ENDPOINT_URL"] = endpoint
    else:
        os.environ.pop("AWS_ENDPOINT_URL", None)
    session = boto3.session.Session()
    if not session.region_name:
        os.environ["AWS_DEFAULT_REGION"] = "us-east-1"
    if endpoint and session.get_credentials() is None:
        # Sluice accepts any credentials unless started with --credentials.
        os.environ["AWS_ACCESS_KEY_ID"] = "test"
        os.environ["AWS_SECRET_ACCESS_KEY"] = "test"


def sluice_answers(endpoint):
    try:
        with urllib.request.urlopen(f"{endpoint}/_sluice/health", timeout=5) as response:
            return response.status == 200
    except OSError:  # refused, unreachable, timed out, or an HTTP error
        return False


def run_rule_now(endpoint):
    request = urllib.request.Request(f"{endpoint}/_sluice/rules/{RULE}/run", method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.loads(response.read())
    refused = [t for t in answer["targets"] if not t["delivered"]]
    if refused:
        raise RuntimeError(f"run-now could not deliver to {refused}")
    return answer["eventId"]


class Tally:
    """What the results queue says about this run's jobs."""

    def __init__(self, run_id):
        self.prefix = run_id + "-"
        self.deliveries = Counter()
        self.stale = 0

    def add(self, result):
        if result["jobId"].startswith(self.prefix):
            self.deliveries[result["jobId"]] += 1
        else:
            self.stale += 1  # left by an earlier run that stopped half way

    @property
    def processed(self):
        return len(self.deliveries)

    @property
    def results(self):
        return sum(self.deliveries.values())

    @property
    def duplicates(self):
        return self.results - self.processed


def read_results(sqs, url, tally, wait_seconds):
    """Moves what the results queue holds into the tally; True if there was anything."""
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                   WaitTimeSeconds=wait_seconds).get("Messages", [])
    for message in messages:
        try:
            tally.add(json.loads(message["Body"]))
        except (ValueError, KeyError, TypeError, AttributeError):
            tally.stale += 1  # not a worker's result: someone else writes to this queue
    if messages:
        sqs.delete_message_batch(QueueUrl=url, Entries=[
            {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)])
    return bool(messages)


def queue_counts(sqs, url):
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=[
        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed"])["Attributes"]
    visible = int(attributes["ApproximateNumberOfMessages"])
    delayed = int(attributes["ApproximateNumberOfMessagesDelayed"])
    return visible + delayed, int(attributes["ApproximateNumberOfMessagesNotVisible"])


class Display:
    """One refreshing line on a terminal; a line per change (at most one a second) otherwise."""

    def __init__(self, stream=sys.stdout):
        self.stream = stream
        self.live = stream.isatty()
        self.last = None
        self.last_time = 0.0

    def show(self, line):
        if self.live:
            self.stream.write("\r\033[K" + line)
            self.stream.flush()
        elif line != self.last and time.time() - self.last_time >= 1:
            print(line, file=self.stream, flush=True)
            self.last, self.last_time = line, time.time()

    def done(self):
        if self.live:
            self.stream.write("\n")


def watch(args, sqs, tally, dlq_before, started):
    jobs_url = sqs.get_queue_url(QueueName=JOBS_QUEUE)["QueueUrl"]
    results_url = sqs.get_queue_url(QueueName=RESULTS_QUEUE)["QueueUrl"]
    dlq_url = sqs.get_queue_url(QueueName=JOBS_DLQ)["QueueUrl"]
    display = Display()
    triggered = time.time()
    waiting_since = None
    finished_at = None
    while True:
        while read_results(sqs, results_url, tally, wait_seconds=0):
            pass
        queued, in_flight = queue_counts(sqs, jobs_url)
        dead = sum(queue_counts(sqs, dlq_url)) - dlq_before
        elapsed = time.time() - started
        display.show(f"[{elapsed:5.1f}s] queued {queued:4d} | in flight {in_flight:4d} | "
                     f"processed {tally.processed:4d}/{args.messages} | results "
                     f"{tally.results:4d} | duplicates {tally.duplicates:3d} | DLQ {dead:3d}")
        if tally.processed >= args.messages and queued == 0 and in_flight == 0:
            finished_at = finished_at or time.time()
            if time.time() - finished_at >= LINGER:
                display.done()
                return True, queued, in_flight, dead
        elif elapsed > args.timeout:
            display.done()
            return False, queued, in_flight, dead
        if not args.mapping and not args.wait:
            waiting_since = (waiting_since or time.time()) if queued else None
            if waiting_since and time.time() - max(waiting_since, triggered) > RETRIGGER_AFTER:
                run_rule_now(args.endpoint)
                triggered = time.time()
        # A short long poll paces the loop and returns as soon as a result arrives.
        read_results(sqs, results_url, tally, wait_seconds=1)


def main():
    # ./sluice demo names itself in the usage text.
    parser = argparse.ArgumentParser(prog=os.environ.get("SLUICE_DEMO_PROG"),
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", default=os.environ.get("AWS_ENDPOINT_URL",
                                                             DEFAULT_ENDPOINT),
                        help=f"Sluice's address (default $AWS_ENDPOINT_URL or {DEFAULT_ENDPOINT});"
                             " 'aws' for AWS itself (implies --wait)")
    parser.add_argument("--messages", type=int, default=100, help="jobs to send (default 100)")
    parser.add_argument("--mapping", action="store_true",
                        help="the event-source-mapping variant instead of rule + consumer")
    parser.add_argument("--wait", action="store_true",
                        help="wait for the rule's real tick instead of running it now")
    parser.add_argument("--no-deploy", action="store_true",
                        help="use the pipeline as deployed already (say, by examples/java's "
                             "Deploy; give --mapping if that was the mapping variant)")
    parser.add_argument("--timeout", type=float, default=300,
                        help="give up after this many seconds (default 300)")
    args = parser.parse_args()
    args.endpoint = args.endpoint.rstrip("/")
    on_aws = args.endpoint == "aws"
    args.wait = args.wait or on_aws  # run-now is Sluice's; on AWS the rule's tick starts the work
    configure_environment(None if on_aws else args.endpoint)
    if not on_aws and not sluice_answers(args.endpoint):
        print(f"demo: no Sluice server answers at {args.endpoint}: start one with "
              f"`./sluice server`, or give its address with --endpoint", file=sys.stderr)
        return 2

    started = time.time()
    variant = "event-source mapping" if args.mapping else "rule + consumer"
    if args.no_deploy:
        print(f"demo: using the pipeline ({variant}) deployed at {args.endpoint}", flush=True)
    else:
        print(f"demo: deploying the pipeline ({variant}) to {args.endpoint}", flush=True)
        deploy(mapping=args.mapping)
    sqs = boto3.client("sqs")
    dlq_url = sqs.get_queue_url(QueueName=JOBS_DLQ)["QueueUrl"]
    dlq_before = sum(queue_counts(sqs, dlq_url))
    run_id = uuid.uuid4().hex[:8]
    tally = Tally(run_id)
    produce(sqs, args.messages, run_id)
    print(f"demo: sent {args.messages} jobs (run {run_id})", flush=True)
    if not args.mapping:
        if args.wait:
            print(f"demo: waiting for the next tick of {RULE} (up to a minute)", flush=True)
        else:
            event_id = run_rule_now(args.endpoint)
            print(f"demo: ran rule {RULE} now (event {event_id})", flush=True)

    ok, queued, in_flight, dead = watch(args, sqs, tally, dlq_before, started)
    elapsed = time.time() - started
    repeated = sorted(job for job, n in tally.deliveries.items() if n > 1)
    if ok:
        print(f"demo: done after {elapsed:.1f}s: all {args.messages} jobs processed, "
              f"{tally.duplicates} done twice, {dead} in the dead-letter queue")
    else:
        print(f"demo: gave up after {elapsed:.1f}s with {tally.processed} of {args.messages} "
              f"jobs processed")
    print(f"summary: variant={'mapping' if args.mapping else 'rule'} "
          f"processed={tally.processed}/{args.messages} results={tally.results} "
          f"duplicates={tally.duplicates} queued={queued} in_flight={in_flight} dlq={dead}")
    if repeated:
        print(f"demo: jobs done more than once (standard queues deliver at least once): "
              f"{', '.join(repeated[:10])}{' ...' if len(repeated) > 10 else ''}")
    if tally.stale:
        print(f"demo: {tally.stale} results of earlier runs (or not results) were read and "
              f"dropped")
    success = ok and dead == 0
    if not success:
        print("demo: FAILED: not every job was processed and deleted"
              + (f" ({dead} in the dead-letter queue {JOBS_DLQ})" if dead else ""))
    return 0 if success else 1


if __name__ == "__main__":
    sys.exit(main())
