package dev.sluice.protocol.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.queue.QueueService;
import dev.sluice.core.queue.engine.InMemoryQueueStore;
import dev.sluice.core.time.ManualTimeSource;
import dev.sluice.protocol.aws.auth.RequestAuthenticator;
import dev.sluice.protocol.aws.sqs.SqsService;
import dev.sluice.protocol.aws.sqs.SqsSettings;
import dev.sluice.protocol.aws.sts.StsService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The protocol layer over a real queue service on the in-memory store, with a clock the test
 * moves. Requests go through the router exactly as the HTTP server sends them.
 */
public final class Harness implements AutoCloseable {

  public static final String ACCOUNT = "000000000000";
  public static final String REGION = "us-east-1";
  public static final String BASE_URL = "http://" + Requests.HOST;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public final ManualTimeSource time = new ManualTimeSource();
  public final InMemoryQueueStore store = new InMemoryQueueStore(time);
  public final QueueService queues = new QueueService(store, time, ACCOUNT, REGION);
  public final AwsRouter router;

  public Harness() {
    this(RequestAuthenticator.disabled());
  }

  public Harness(RequestAuthenticator authenticator) {
    router = new AwsRouter(
        List.of(new StsService(ACCOUNT), new SqsService(queues, SqsSettings.defaults())),
        authenticator);
  }

  public static String queueUrl(String name) {
    return BASE_URL + "/" + ACCOUNT + "/" + name;
  }

  public CompletableFuture<AwsHttpResponse> send(AwsHttpRequest request) {
    return router.handle(request);
  }

  /** Sends and waits for the answer (the in-memory store answers at once). */
  public AwsHttpResponse call(AwsHttpRequest request) {
    try {
      return send(request).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("No answer to " + request.method() + " " + request.path(), e);
    }
  }

  /** An SQS JSON call: {@code action} without the AmazonSQS. prefix. */
  public AwsHttpResponse sqsJson(String action, String body) {
    return call(Requests.json("AmazonSQS." + action, body));
  }

  /** An SQS JSON call that must succeed; its body. */
  public JsonNode sqsJsonOk(String action, String body) {
    AwsHttpResponse response = sqsJson(action, body);
    assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
    return json(response);
  }

  /** An SQS Query call posted to {@code /}; {@code form} without Action and Version. */
  public AwsHttpResponse sqsQuery(String action, String form) {
    String body = "Action=" + action + "&Version=2012-11-05" + (form.isEmpty() ? "" : "&" + form);
    return call(Requests.form("/", body));
  }

  public Xml sqsQueryOk(String action, String form) {
    AwsHttpResponse response = sqsQuery(action, form);
    assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
    return Xml.parse(response);
  }

  /** Creates a queue (JSON protocol) and returns its URL. */
  public String createQueue(String name, String attributesJson) {
    String body = "{\"QueueName\":\"" + name + "\""
        + (attributesJson == null ? "" : ",\"Attributes\":" + attributesJson) + "}";
    return sqsJsonOk("CreateQueue", body).path("QueueUrl").asText();
  }

  public static JsonNode json(AwsHttpResponse response) {
    try {
      return MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("Not JSON: " + response.bodyText(), e);
    }
  }

  @Override
  public void close() {
    queues.close();
  }
}
