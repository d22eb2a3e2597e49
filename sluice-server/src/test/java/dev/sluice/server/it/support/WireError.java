package dev.sluice.server.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An error answer read off the wire, in the vocabulary boto3 uses when it parses one (and the
 * recordings in shared/aws-reference keep): {@code code} is what clients report as the error
 * code, {@code queryErrorCode} the JSON protocol's {@code __type} shape name (null for the Query
 * protocol).
 */
public record WireError(
    int status, String code, String message, String type, String queryErrorCode) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A JSON-protocol error: body {@code {"__type":"com.amazonaws.sqs#Shape","message":"..."}},
   * and the awsQueryCompatible header {@code x-amzn-query-error: Code;Sender}, which clients
   * prefer as the code.
   */
  public static WireError fromJson(RawAws.Reply reply) {
    try {
      JsonNode body = JSON.readTree(reply.body());
      String shape = text(body, "__type");
      if (shape != null && shape.contains("#")) {
        shape = shape.substring(shape.indexOf('#') + 1);
      }
      String message =
          text(body, "message") != null ? text(body, "message") : text(body, "Message");
      String code = shape;
      String type = null;
      String queryHeader = reply.header("x-amzn-query-error");
      if (queryHeader != null && queryHeader.contains(";")) {
        code = queryHeader.substring(0, queryHeader.indexOf(';'));
        type = queryHeader.substring(queryHeader.indexOf(';') + 1);
      }
      return new WireError(reply.status(), code, message, type, shape);
    } catch (Exception e) {
      throw new AssertionError("not a JSON error answer: " + reply, e);
    }
  }

  /** A Query-protocol error: {@code <ErrorResponse><Error><Type/><Code/><Message/></Error>...}. */
  public static WireError fromXml(RawAws.Reply reply) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(false);
      Document doc = factory.newDocumentBuilder()
          .parse(new ByteArrayInputStream(reply.body().getBytes(StandardCharsets.UTF_8)));
      Element root = doc.getDocumentElement();
      if (!root.getTagName().equals("ErrorResponse")) {
        throw new AssertionError("root element is " + root.getTagName());
      }
      Element error = (Element) root.getElementsByTagName("Error").item(0);
      return new WireError(reply.status(), child(error, "Code"), child(error, "Message"),
          child(error, "Type"), null);
    } catch (AssertionError e) {
      throw new AssertionError("not a Query error answer: " + reply, e);
    } catch (Exception e) {
      throw new AssertionError("not a Query error answer: " + reply, e);
    }
  }

  /** The first element's text, or null. */
  public static String xmlText(String xml, String tag) {
    try {
      Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      NodeList nodes = doc.getElementsByTagName(tag);
      return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    } catch (Exception e) {
      throw new AssertionError("not XML: " + xml, e);
    }
  }

  private static String child(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }
}
