package dev.sluice.protocol.aws.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XmlWriterTest {

  @Test
  void escapes_markup_quotes_and_carriage_returns() {
    byte[] xml = new XmlWriter().startDocument("R", "urn:x")
        .element("Body", "<a href=\"x\">&'</a>\r\n").toBytes();

    assertThat(new String(xml, StandardCharsets.UTF_8)).isEqualTo("<?xml version=\"1.0\"?>"
        + "<R xmlns=\"urn:x\"><Body>&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;&#xD;\n"
        + "</Body></R>");
  }

  @Test
  void leaves_out_null_elements_and_closes_what_is_open() {
    byte[] xml = new XmlWriter().start("A").start("B").element("C", null).toBytes();

    assertThat(new String(xml, StandardCharsets.UTF_8))
        .isEqualTo("<?xml version=\"1.0\"?><A><B></B></A>");
  }
}
