package example.pipeline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The consumer: an EventBridge rule starts it once a minute ({@code rate(1 minute)}).
 *
 * <p>It receives jobs, up to 10 at a time, while they keep coming and it has time left, and hands
 * each to the worker function with an asynchronous (Event) invocation. The message stays in the
 * queue, hidden for the visibility timeout: the worker deletes it when the job is done, so a job
 * whose worker fails reappears and is tried again, up to the queue's maxReceiveCount.
 *
 * <p>Unchanged AWS code: the SDK finds region, credentials and (on Sluice) {@code
 * AWS_ENDPOINT_URL} in the Lambda environment.
 */
public class ConsumerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

  // Created once per execution environment, reused by every invocation it serves.
  private static final SqsClient SQS =
      SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
  private static final LambdaClient LAMBDA =
      LambdaClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
  private static final ExecutorService HAND_OVERS = Executors.newFixedThreadPool(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Stop receiving while there is time to hand over what was received. */
  private static final int SAFETY_MARGIN_MILLIS = 5000;

  private final String jobsQueue = Names.fromEnvironment("JOBS_QUEUE", Names.JOBS_QUEUE);
  private final String worker = Names.fromEnvironment("WORKER_FUNCTION", Names.WORKER_FUNCTION);

  @Override
  public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
    String queueUrl = SQS.getQueueUrl(r -> r.queueName(jobsQueue)).queueUrl();
    int dispatched = 0;
    while (context.getRemainingTimeInMillis() > SAFETY_MARGIN_MILLIS) {
      List<Message> messages = SQS.receiveMessage(r -> r.queueUrl(queueUrl)
          .maxNumberOfMessages(10)
          .waitTimeSeconds(1)
          .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
          .messages();
      if (messages.isEmpty()) {
        break;
      }
      handOver(messages, queueUrl);
      dispatched += messages.size();
    }
    context.getLogger().log("dispatched " + dispatched + " jobs (scheduled event "
        + event.getId() + ")");
    return Map.of("dispatched", dispatched);
  }

  /** The hand-overs are independent, so they run in parallel (SDK clients are thread-safe). */
  private void handOver(List<Message> messages, String queueUrl) {
    List<Callable<Object>> calls = new ArrayList<>();
    for (Message message : messages) {
      calls.add(() -> {
        SdkBytes payload = SdkBytes.fromUtf8String(payload(message, queueUrl));
        return LAMBDA.invoke(r -> r.functionName(worker).invocationType(InvocationType.EVENT)
            .payload(payload));
      });
    }
    try {
      for (Future<Object> call : HAND_OVERS.invokeAll(calls)) {
        call.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not hand a job over", e.getCause());
    }
  }

  private static String payload(Message message, String queueUrl) throws JsonProcessingException {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("job", JSON.readValue(message.body(), Map.class));
    payload.put("messageId", message.messageId());
    payload.put("receiveCount", Integer.parseInt(
        message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)));
    payload.put("queueUrl", queueUrl);
    payload.put("receiptHandle", message.receiptHandle());
    return JSON.writeValueAsString(payload);
  }
}
