"""A boto3 FIFO round trip: order within a group, the FIFO system attributes, de-duplication."""

from sluice_it import check, check_equal, client, receive_all, run, step, unique


def main():
    sqs = client("sqs")
    url = sqs.create_queue(QueueName=unique("orders") + ".fifo",
                           Attributes={"FifoQueue": "true",
                                       "ContentBasedDeduplication": "true"})["QueueUrl"]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    check_equal(attributes.get("FifoQueue"), "true", "FifoQueue")
    check_equal(attributes.get("ContentBasedDeduplication"), "true", "ContentBasedDeduplication")

    step("send three messages to one group, one of them twice")
    sent = [sqs.send_message(QueueUrl=url, MessageBody=f"step {i}", MessageGroupId="order-42")
            for i in range(3)]
    duplicate = sqs.send_message(QueueUrl=url, MessageBody="step 1", MessageGroupId="order-42")
    check_equal(duplicate["MessageId"], sent[1]["MessageId"],
                "a repeated body within 5 minutes is the same message")
    numbers = [int(s["SequenceNumber"]) for s in sent]
    check(numbers == sorted(numbers) and len(set(numbers)) == 3,
          "sequence numbers rise with each send", numbers)

    step("receive them in order with the FIFO system attributes")
    messages = receive_all(sqs, url, 3, MessageSystemAttributeNames=["All"],
                           VisibilityTimeout=30)
    check_equal([m["Body"] for m in messages], ["step 0", "step 1", "step 2"], "bodies in order")
    for message, s in zip(messages, sent):
        attrs = message["Attributes"]
        check_equal(attrs.get("MessageGroupId"), "order-42", "MessageGroupId")
        check_equal(attrs.get("SequenceNumber"), s["SequenceNumber"], "SequenceNumber")
        check(len(attrs.get("MessageDeduplicationId", "")) == 64,
              "content-based MessageDeduplicationId is the body's SHA-256", attrs)

    step("delete them; the queue is empty")
    result = sqs.delete_message_batch(QueueUrl=url, Entries=[
        {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)])
    check_equal(len(result.get("Successful", [])), 3, "deleted")
    check_equal(result.get("Failed", []), [], "failed deletes")
    check_equal(sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1).get("Messages", []), [],
                "messages left")


if __name__ == "__main__":
    run(main)
