package example.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends N job messages to the {@code jobs} queue: {@code Producer [COUNT]} (default 10).
 *
 * <p>Plain SDK v2, as for AWS: region, credentials and endpoint come from the environment
 * ({@code AWS_ENDPOINT_URL} points the SDK at Sluice; unset, it talks to AWS).
 */
public final class Producer {

  private static final int BATCH = 10; // SendMessageBatch takes at most 10 entries
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws JsonProcessingException {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    String runId = UUID.randomUUID().toString().substring(0, 8);
    try (SqsClient sqs = SqsClient.create()) {
      List<String> ids = produce(sqs, count, runId);
      System.out.printf("sent %d jobs to %s (run %s)%n", ids.size(), Names.JOBS_QUEUE, runId);
    }
  }

  /** Sends count jobs with ids RUNID-00000, RUNID-00001, ...; returns the ids. */
  static List<String> produce(SqsClient sqs, int count, String runId)
      throws JsonProcessingException {
    String url = sqs.getQueueUrl(r -> r.queueName(Names.JOBS_QUEUE)).queueUrl();
    List<String> ids = new ArrayList<>();
    for (int start = 0; start < count; start += BATCH) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int n = start; n < Math.min(count, start + BATCH); n++) {
        String jobId = String.format("%s-%05d", runId, n);
        String body = JSON.writeValueAsString(
            Map.of("jobId", jobId, "payload", "job " + n + " of run " + runId));
        entries.add(SendMessageBatchRequestEntry.builder()
            .id(String.valueOf(n - start)).messageBody(body).build());
        ids.add(jobId);
      }
      SendMessageBatchResponse answer = sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries));
      if (!answer.failed().isEmpty()) {
        throw new IllegalStateException("SendMessageBatch refused entries: " + answer.failed());
      }
    }
    return ids;
  }

  private Producer() {}
}
