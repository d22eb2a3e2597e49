package dev.sluice.bench.ceiling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.bench.load.SendBatches;
import dev.sluice.bench.load.SqsApi;
import dev.sluice.bench.load.SqsCallException;
import dev.sluice.bench.load.SqsClient;
import dev.sluice.bench.load.SqsConnection;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ceiling gives answers the load generator's checks accept, and rejects garbage sanely. */
class CeilingServerTest {

  @Test
  void ceiling_answers_the_calls_the_scenarios_make_with_well_formed_sqs_json() throws Exception {
    try (CeilingServer server = CeilingServer.start(0);
        SqsClient client = new SqsClient(URI.create("http://127.0.0.1:" + server.port()));
        SqsConnection connection = client.connect()) {
      String queueUrl = SqsApi.createQueue(connection, "orders", Map.of()).get();
      assertThat(queueUrl).endsWith("/orders");

      SendBatches batches = new SendBatches(queueUrl, 7, 100);
      assertThat(SqsApi.sendBatch(connection, batches.standard(), 7).get()).isEqualTo(7);
      assertThat(SqsApi.sendBatch(connection, batches.fifo(3), 7).get()).isEqualTo(7);

      List<String> handles = SqsApi.receive(connection, queueUrl, 4, 0, 30).get();
      assertThat(handles).hasSize(4).doesNotHaveDuplicates();
      assertThat(SqsApi.deleteBatch(connection, queueUrl, handles).get()).isEqualTo(4);
    }
  }

  @Test
  void ceiling_answers_malformed_json_with_400_and_keeps_the_connection_usable() throws Exception {
    try (CeilingServer server = CeilingServer.start(0);
        SqsClient client = new SqsClient(URI.create("http://127.0.0.1:" + server.port()));
        SqsConnection connection = client.connect()) {
      var answer = connection.call("SendMessageBatch", "{\"Entries\":[".getBytes()).get();
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.bodyText()).contains("InvalidParameterValue");

      assertThat(SqsApi.createQueue(connection, "after", Map.of()).get()).endsWith("/after");
    }
  }

  @Test
  void a_batch_answer_with_the_wrong_entry_count_fails_the_call() throws Exception {
    try (CeilingServer server = CeilingServer.start(0);
        SqsClient client = new SqsClient(URI.create("http://127.0.0.1:" + server.port()));
        SqsConnection connection = client.connect()) {
      byte[] threeEntries = new SendBatches("http://127.0.0.1/0/q", 3, 10).standard();

      var call = SqsApi.sendBatch(connection, threeEntries, 10);

      org.assertj.core.api.Assertions.assertThatThrownBy(call::get)
          .hasCauseInstanceOf(SqsCallException.class)
          .hasMessageContaining("3 successful entries of 10");
    }
  }
}
