"""With SigV4 verification on, boto3 with the right key works and a wrong secret is refused."""

import os

from botocore.exceptions import ClientError

from sluice_it import check, check_equal, client, run, step, unique


def main():
    step("the right key")
    sqs = client("sqs")
    url = sqs.create_queue(QueueName=unique("signed"))["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="signed")
    check_equal([m["Body"] for m in sqs.receive_message(QueueUrl=url,
                                                       WaitTimeSeconds=1).get("Messages", [])],
                ["signed"], "received")
    check_equal(client("sts").get_caller_identity()["Account"], "000000000000", "STS account")

    step("a wrong secret")
    forged = client("sqs", aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
                    aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"] + "x")
    try:
        forged.list_queues()
        raise AssertionError("a request signed with the wrong secret was accepted")
    except ClientError as e:
        check_equal(e.response["Error"]["Code"], "SignatureDoesNotMatch", "error code")
        check_equal(e.response["ResponseMetadata"]["HTTPStatusCode"], 403, "HTTP status")


if __name__ == "__main__":
    run(main)
