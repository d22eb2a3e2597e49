package dev.sluice.protocol.aws;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Reads Query protocol answers with XPath (namespace-unaware, so paths need no prefixes). */
public final class Xml {

  private final Document document;

  private Xml(Document document) {
    this.document = document;
  }

  public static Xml parse(byte[] body) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(false);
      return new Xml(factory.newDocumentBuilder().parse(new ByteArrayInputStream(body)));
    } catch (Exception e) {
      throw new AssertionError("Not XML: " + new String(body), e);
    }
  }

  public static Xml parse(AwsHttpResponse response) {
    return parse(response.body());
  }

  /** The text of the first match, or null. */
  public String text(String xpath) {
    List<String> all = texts(xpath);
    return all.isEmpty() ? null : all.get(0);
  }

  public List<String> texts(String xpath) {
    try {
      NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath()
          .evaluate(xpath, document, XPathConstants.NODESET);
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < nodes.getLength(); i++) {
        texts.add(nodes.item(i).getTextContent());
      }
      return texts;
    } catch (Exception e) {
      throw new AssertionError("Bad XPath " + xpath, e);
    }
  }

  public int count(String xpath) {
    return texts(xpath).size();
  }

  public String rootName() {
    return document.getDocumentElement().getNodeName();
  }

  public String namespace() {
    return document.getDocumentElement().getAttribute("xmlns");
  }
}
