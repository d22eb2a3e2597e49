package dev.sluice.server.it;

import static dev.sluice.server.it.support.Names.isUuid;
import static dev.sluice.server.it.support.Names.md5Hex;
import static dev.sluice.server.it.support.Names.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.it.support.AwsRecordings;
import dev.sluice.server.it.support.RawAws;
import dev.sluice.server.it.support.TestServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Query protocol end to end over HTTP. Every client on this machine (boto3 1.43, the AWS CLI
 * v1, the AWS SDKs for Java v1 1.12.797 and v2) now speaks the JSON protocol to SQS, so the
 * form-encoded requests and XML answers older clients use are made by hand here: a send with
 * attributes, a receive with every attribute, a delete, each answer read as AWS writes it.
 */
@DisplayName("The SQS Query protocol, form-encoded requests and XML answers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryProtocolTest {

  static final String NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";

  TestServer server;
  RawAws raw;

  @BeforeAll
  void startServer() {
    server = TestServer.start();
    raw = new RawAws(server.endpoint());
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  @Test
  void a_message_goes_through_create_send_receive_and_delete_in_xml() throws Exception {
    String name = unique("query");
    Document created = ok(raw.query(Map.of("Action", "CreateQueue", "QueueName", name,
        "Attribute.1.Name", "VisibilityTimeout", "Attribute.1.Value", "40")), "CreateQueue");
    String url = text(created, "QueueUrl");
    assertThat(url).isEqualTo(server.endpoint() + "/000000000000/" + name);

    Map<String, String> send = new LinkedHashMap<>();
    send.put("Action", "SendMessage");
    send.put("QueueUrl", url);
    send.put("MessageBody", "메시지 <xml> & \"quotes\"");
    String[][] attributes = {{"Help.Me", "Me"}, {"Hello", "There"}, {"General", "Kenobi"}};
    for (int i = 0; i < attributes.length; i++) {
      send.put("MessageAttribute." + (i + 1) + ".Name", attributes[i][0]);
      send.put("MessageAttribute." + (i + 1) + ".Value.DataType", "String");
      send.put("MessageAttribute." + (i + 1) + ".Value.StringValue", attributes[i][1]);
    }
    Document sent = ok(raw.query(send), "SendMessage");
    String recordedDigest = AwsRecordings.response("sqs-test_sqs.snapshot.json",
        "test_receive_message_message_attribute_names_filters[sqs]", "send_message_response")
        .path("MD5OfMessageAttributes").asText();
    assertThat(text(sent, "MD5OfMessageBody")).isEqualTo(md5Hex(send.get("MessageBody")));
    assertThat(text(sent, "MD5OfMessageAttributes")).isEqualTo(recordedDigest);
    assertThat(isUuid(text(sent, "MessageId"))).isTrue();

    Document received = ok(raw.queryAt("/000000000000/" + name, Map.of("Action", "ReceiveMessage",
        "AttributeName.1", "All", "MessageAttributeName.1", "All", "WaitTimeSeconds", "1")),
        "ReceiveMessage");
    NodeList messages = received.getElementsByTagNameNS(NAMESPACE, "Message");
    assertThat(messages.getLength()).isEqualTo(1);
    Element message = (Element) messages.item(0);
    assertThat(child(message, "MessageId")).isEqualTo(text(sent, "MessageId"));
    assertThat(child(message, "Body")).isEqualTo(send.get("MessageBody"));
    assertThat(child(message, "MD5OfBody")).isEqualTo(md5Hex(send.get("MessageBody")));
    assertThat(child(message, "MD5OfMessageAttributes")).isEqualTo(recordedDigest);
    assertThat(pairs(message, "Attribute", "Name", "Value")).containsKeys("SenderId",
        "SentTimestamp", "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp")
        .containsEntry("ApproximateReceiveCount", "1");
    assertThat(pairs(message, "MessageAttribute", "Name", "StringValue"))
        .containsOnly(Map.entry("Help.Me", "Me"), Map.entry("Hello", "There"),
            Map.entry("General", "Kenobi"));

    ok(raw.query(Map.of("Action", "DeleteMessage", "QueueUrl", url,
        "ReceiptHandle", child(message, "ReceiptHandle"))), "DeleteMessage");
    Document counts = ok(raw.query(Map.of("Action", "GetQueueAttributes", "QueueUrl", url,
        "AttributeName.1", "All")), "GetQueueAttributes");
    assertThat(pairs(counts.getDocumentElement(), "Attribute", "Name", "Value"))
        .containsEntry("ApproximateNumberOfMessages", "0")
        .containsEntry("ApproximateNumberOfMessagesNotVisible", "0")
        .containsEntry("VisibilityTimeout", "40");
  }

  /** A 200 whose root is {@code <ActionResponse>} in the SQS namespace, with a RequestId. */
  private static Document ok(RawAws.Reply reply, String action) throws Exception {
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document doc = factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(reply.body().getBytes(StandardCharsets.UTF_8)));
    Element root = doc.getDocumentElement();
    assertThat(root.getLocalName()).isEqualTo(action + "Response");
    assertThat(root.getNamespaceURI()).isEqualTo(NAMESPACE);
    assertThat(text(doc, "RequestId")).isNotBlank();
    return doc;
  }

  private static String text(Document doc, String tag) {
    NodeList nodes = doc.getElementsByTagNameNS(NAMESPACE, tag);
    assertThat(nodes.getLength()).as("<%s> elements", tag).isEqualTo(1);
    return nodes.item(0).getTextContent();
  }

  private static String child(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagNameNS(NAMESPACE, tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
  }

  /** {@code <Attribute><Name>n</Name><Value>v</Value></Attribute>} lists as a map. */
  private static Map<String, String> pairs(Element parent, String entry, String key,
      String value) {
    Map<String, String> map = new LinkedHashMap<>();
    NodeList entries = parent.getElementsByTagNameNS(NAMESPACE, entry);
    for (int i = 0; i < entries.getLength(); i++) {
      Element e = (Element) entries.item(i);
      map.put(child(e, key), child(e, value));
    }
    return map;
  }
}
