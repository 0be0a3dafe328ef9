package io.github.apmatrix.api.picture;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class HtmlReportTest {

  @Test
  void report_isOneWellFormedPage_withTheHostDevicesGuestsAndPicture(@TempDir Path dir)
      throws Exception {
    HtmlReport.write(PictureHosts.demo(), dir);
    String html = Files.readString(dir.resolve("index.html"));
    assertThat(html).startsWith("<!DOCTYPE html>");
    // self-contained: nothing is loaded from elsewhere
    assertThat(html).doesNotContain("src=", "href=", "<link", "@import");
    Document d = SvgPictureTest.parse(html.substring(html.indexOf("<html")));
    assertThat(html)
        .contains("<table id=\"host\">", "<table id=\"devices\">", "<table id=\"guests\">")
        .contains("adapter 0x0a withheld: queue 0a.0020 is not bound to any driver")
        .contains("ready for vfio_ap</th><td>2 queues");
    assertThat(d.getElementsByTagName("svg").getLength()).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("host.svg"))).contains("data-apqn=\"03.0002\"");
  }

  @Test
  void report_ofAHostWithoutDevices_saysNone() {
    String html = HtmlReport.render(Host.start(HostPreset.named("noapxa").spec()));
    assertThat(html).contains("<h2>Mediated devices</h2><p>none</p>", "<h2>Guests</h2><p>none</p>");
  }
}
