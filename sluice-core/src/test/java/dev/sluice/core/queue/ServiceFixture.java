package dev.sluice.core.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.engine.InMemoryQueueStore;
import dev.sluice.core.queue.model.ReceiveMessageRequest;
import dev.sluice.core.queue.model.ReceivedMessage;
import dev.sluice.core.queue.model.SendMessageRequest;
import dev.sluice.core.queue.model.SendMessageResult;
import dev.sluice.core.time.ManualTimeSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/** A queue service over the in-memory store, with a clock that moves only when told. */
public abstract class ServiceFixture {

  public static final String ACCOUNT = "000000000000";
  public static final String REGION = "us-east-1";

  protected final ManualTimeSource time = new ManualTimeSource();
  protected final InMemoryQueueStore store = new InMemoryQueueStore(time);
  protected final QueueService service = new QueueService(store, time, ACCOUNT, REGION);

  @AfterEach
  void closeService() {
    service.close();
    store.close();
  }

  /**
   * The future's value; it must already be complete (the in-memory store answers at once). A
   * refusal is thrown as it is, for assertions on it.
   */
  protected static <T> T join(CompletableFuture<T> future) {
    assertThat(future).as("answered without waiting").isDone();
    try {
      return future.get(0, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException refused) {
        throw refused;
      }
      throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The refusal the future failed with; it must already be complete. */
  protected static SqsException refusal(CompletableFuture<?> future) {
    assertThat(future).as("answered without waiting").isDone();
    Throwable error = future.handle((value, e) -> e).join();
    assertThat(error).as("refused, not answered").isNotNull();
    assertThat(error).isNotInstanceOf(CompletionException.class);
    assertThat(error).isInstanceOf(SqsException.class);
    return (SqsException) error;
  }

  protected String createStandard(String name, Map<String, String> attributes) {
    return join(service.createQueue(name, attributes, Map.of()));
  }

  protected String createStandard(String name) {
    return createStandard(name, Map.of());
  }

  protected String createFifo(String name, Map<String, String> attributes) {
    var all = new java.util.HashMap<>(attributes);
    all.put("FifoQueue", "true");
    return join(service.createQueue(name, all, Map.of()));
  }

  protected SendMessageResult send(String queue, String body) {
    return join(service.sendMessage(queue, SendMessageRequest.of(body)));
  }

  protected SendMessageResult sendFifo(String queue, String body, String group, String dedupId) {
    return join(service.sendMessage(queue,
        new SendMessageRequest(body, null, null, null, dedupId, group, null)));
  }

  protected List<ReceivedMessage> receive(String queue, int max) {
    return join(service.receiveMessage(queue, ReceiveMessageRequest.of(max)));
  }

  protected static ReceiveMessageRequest receiveRequest(
      Integer max, Integer visibility, Integer wait) {
    return new ReceiveMessageRequest(max, visibility, wait, null, null, null, null);
  }

  protected String arn(String queue) {
    return service.queueArn(queue);
  }
}
