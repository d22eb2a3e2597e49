"""Names the pipeline's pieces share: deploy.py, producer.py and demo.py import them.

The functions do not: they get the names they need from their environment variables, which
deploy.py sets, so their code stays a single file each.
"""

JOBS_QUEUE = "jobs"
JOBS_DLQ = "jobs-dlq"
RESULTS_QUEUE = "results"
CONSUMER_FUNCTION = "consumer"
WORKER_FUNCTION = "worker"
RULE = "consume-jobs-every-minute"

# A job is tried this many times before SQS moves it to the dead-letter queue.
MAX_RECEIVE_COUNT = 5
# Longer than the worker's timeout: AWS refuses an event-source mapping otherwise, and in the
# rule variant a job must stay hidden while its asynchronous worker invocation waits and runs.
JOBS_VISIBILITY_TIMEOUT = 60
WORKER_TIMEOUT = 30
# The consumer is started once a minute; it stops receiving well before its own timeout.
CONSUMER_TIMEOUT = 55
# At most this many workers run at once (reserved concurrency, and the mapping's maximum): the
# worker's downstream (here the results queue) sees a bounded load, and on a small machine running
# Sluice the Python cold starts do not all compete for the CPU at once.
WORKER_CONCURRENCY = 3
