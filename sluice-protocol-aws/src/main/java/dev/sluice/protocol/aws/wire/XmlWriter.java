package dev.sluice.protocol.aws.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes the small, namespace-light XML documents of AWS Query answers, element by element, with
 * the escaping AWS uses. Not thread-safe; one per response.
 */
public final class XmlWriter {

  private final StringBuilder out = new StringBuilder(256);
  private final Deque<String> open = new ArrayDeque<>();

  public XmlWriter() {
    out.append("<?xml version=\"1.0\"?>");
  }

  /** Opens the document element with its default namespace. */
  public XmlWriter startDocument(String name, String namespace) {
    out.append('<').append(name).append(" xmlns=\"").append(namespace).append("\">");
    open.push(name);
    return this;
  }

  public XmlWriter start(String name) {
    out.append('<').append(name).append('>');
    open.push(name);
    return this;
  }

  public XmlWriter end() {
    out.append("</").append(open.pop()).append('>');
    return this;
  }

  /** {@code <name>text</name>}; nothing when text is null. */
  public XmlWriter element(String name, String text) {
    if (text != null) {
      out.append('<').append(name).append('>');
      escape(text);
      out.append("</").append(name).append('>');
    }
    return this;
  }

  /** {@code <name/>}. */
  public XmlWriter empty(String name) {
    out.append('<').append(name).append("/>");
    return this;
  }

  public byte[] toBytes() {
    while (!open.isEmpty()) {
      end();
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  // Carriage returns are escaped because XML parsers turn a literal CR (or CRLF) into LF, which
  // would change message bodies and break the MD5 the SDKs check.
  private void escape(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        case '\r' -> out.append("&#xD;");
        default -> out.append(c);
      }
    }
  }
}
