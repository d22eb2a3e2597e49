package example.pipeline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The worker: does one job and records its result. Started in one of two ways, it handles both:
 *
 * <ul>
 *   <li>by the consumer, with an Event invocation whose payload is one job plus the receipt handle
 *       of its message: the worker deletes the message once the result is recorded;
 *   <li>by an SQS event-source mapping, with an SQS event of up to 10 {@code Records}: Lambda
 *       deletes the batch when the handler returns, except the records named in {@code
 *       batchItemFailures} (the mapping has FunctionResponseTypes ReportBatchItemFailures).
 * </ul>
 *
 * <p>The job is small but real: a SHA-256 over the payload, stretched over 2000 rounds. The result
 * goes to the {@code results} queue with the job id, so a reader of that queue can tell a job done
 * twice (standard queues deliver at least once) from two jobs.
 */
public class WorkerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  private static final SqsClient SQS =
      SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROUNDS = 2000;

  private final String resultsQueue =
      Names.fromEnvironment("RESULTS_QUEUE", Names.RESULTS_QUEUE);
  private String resultsUrl; // looked up once per execution environment

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    if (event.containsKey("Records")) {
      return handleSqsEvent(event, context);
    }
    return handleConsumerPayload(event);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> handleSqsEvent(Map<String, Object> event, Context context) {
    List<Map<String, String>> failures = new ArrayList<>();
    for (Map<String, Object> record : (List<Map<String, Object>>) event.get("Records")) {
      String messageId = (String) record.get("messageId");
      try {
        Map<String, Object> attributes = (Map<String, Object>) record.get("attributes");
        recordResult(JSON.readValue((String) record.get("body"), Map.class), messageId,
            Integer.parseInt(String.valueOf(attributes.get("ApproximateReceiveCount"))),
            "mapping");
      } catch (RuntimeException | JsonProcessingException e) {
        // One bad job must not fail the others of its batch.
        context.getLogger().log("job in message " + messageId + " failed: " + e);
        failures.add(Map.of("itemIdentifier", messageId));
      }
    }
    return Map.of("batchItemFailures", failures);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> handleConsumerPayload(Map<String, Object> event) {
    Map<String, Object> job = (Map<String, Object>) event.get("job");
    recordResult(job, (String) event.get("messageId"),
        ((Number) event.get("receiveCount")).intValue(), "consumer");
    // Deleted only once the result is recorded: a failure before this line leaves the message to
    // reappear after its visibility timeout and be tried again.
    SQS.deleteMessage(r -> r.queueUrl((String) event.get("queueUrl"))
        .receiptHandle((String) event.get("receiptHandle")));
    return Map.of("jobId", job.get("jobId"));
  }

  private void recordResult(Map<String, Object> job, String messageId, int receiveCount,
      String via) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("jobId", job.get("jobId"));
    result.put("sha256", work((String) job.get("payload")));
    result.put("messageId", messageId);
    result.put("receiveCount", receiveCount);
    result.put("via", via);
    try {
      String body = JSON.writeValueAsString(result);
      SQS.sendMessage(r -> r.queueUrl(resultsUrl()).messageBody(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String resultsUrl() {
    if (resultsUrl == null) {
      resultsUrl = SQS.getQueueUrl(r -> r.queueName(resultsQueue)).queueUrl();
    }
    return resultsUrl;
  }

  static String work(String payload) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] digest = payload.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < ROUNDS; i++) {
        digest = sha256.digest(digest);
      }
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
