package io.github.apmatrix.api.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class SvgPictureTest {

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  @Test
  void svg_hasACellPerQueue_withItsHolderAndReason() throws Exception {
    Document d = parse(SvgPicture.render(Grid.of(PictureHosts.demo())));
    Element svg = d.getDocumentElement();
    assertThat(svg.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
    assertThat(svg.getAttribute("data-rows")).isEqualTo("2");
    NodeList rects = d.getElementsByTagName("rect");
    int cells = 0;
    for (int i = 0; i < rects.getLength(); i++) {
      Element r = (Element) rects.item(i);
      if (r.getAttribute("class").startsWith("cell")) {
        cells++;
        if (r.getAttribute("data-apqn").equals("0a.0002")) {
          assertThat(r.getAttribute("class")).isEqualTo("cell device withheld");
          assertThat(r.getTextContent()).contains("not bound to any driver");
          assertThat(r.getAttribute("data-device")).isEqualTo("A");
        }
      }
    }
    assertThat(cells).isEqualTo(6);
    assertThat(d.getElementsByTagName("path").getLength()).isEqualTo(2);
  }

  @Test
  void svg_escapesWhatItWrites_onAFullHost(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("full.svg");
    SvgPicture.write(Grid.of(PictureHosts.full()), file);
    Document d = parse(Files.readString(file));
    assertThat(d.getDocumentElement().getAttribute("data-columns")).isEqualTo("256");
    assertThat(d.getDocumentElement().getTextContent()).contains("guest g<200>&\"x\"");
    assertThat(SvgPicture.cellSize(256)).isEqualTo(4);
    assertThat(SvgPicture.cellSize(3)).isEqualTo(16);
  }
}
