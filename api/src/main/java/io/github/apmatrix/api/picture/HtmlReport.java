package io.github.apmatrix.api.picture;

import io.github.apmatrix.api.plan.FreeApqns;
import io.github.apmatrix.api.plan.Queries;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.Guest;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.MediatedDevice;
import io.github.apmatrix.core.model.Withheld;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an HTML report of a whole host into a directory: {@code index.html} (the host, its cards
 * and masks, the mediated devices with what each guest gets and why not, the guests, the free
 * APQNs, and the picture inline) and {@code host.svg} (the picture alone). Self-contained: no
 * server, no scripts or styles from elsewhere. Written with the JDK's StAX writer, which escapes
 * every text and attribute.
 *
 * <pre>{@code
 * HtmlReport.write(host, Path.of("report"));   // open report/index.html in a browser
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class HtmlReport {

  /**
   * Records script errors on the root element ({@code data-errors}) and marks a finished load
   * ({@code data-loaded}), so a headless browser's DOM dump shows both. Free of the characters the
   * XML writer would escape, as a script's text is not unescaped by HTML.
   */
  private static final String PROBE =
      "window.addEventListener('error', function (e) {"
          + " var r = document.documentElement;"
          + " r.setAttribute('data-errors', (r.getAttribute('data-errors') || '') + e.message + ';');"
          + " });"
          + " window.addEventListener('load', function () {"
          + " document.documentElement.setAttribute('data-loaded', 'yes'); });";

  private static final String STYLE =
      "body{font-family:sans-serif;margin:1.5em;color:#222}"
          + "table{border-collapse:collapse;margin:.5em 0 1.5em}"
          + "td,th{border:1px solid #bbb;padding:2px 8px;text-align:left;font-size:90%}"
          + "code{font-size:95%}.withheld{color:#b00020}";

  private HtmlReport() {}

  /**
   * Writes the report of {@code host} into {@code dir} (created if missing).
   *
   * @throws IOException when writing fails
   */
  public static void write(Host host, Path dir) throws IOException {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(dir, "dir");
    Grid grid = Grid.of(host);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("index.html"), render(host, grid), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("host.svg"), SvgPicture.render(grid), StandardCharsets.UTF_8);
  }

  /** Returns the report's {@code index.html}. */
  public static String render(Host host) {
    return render(host, Grid.of(host));
  }

  private static String render(Host host, Grid grid) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
      w.writeDTD("<!DOCTYPE html>\n");
      w.writeStartElement("html");
      w.writeAttribute("lang", "en");
      head(w);
      w.writeStartElement("body");
      element(w, "h1", "apmatrix report");
      hostSection(w, host);
      element(w, "h2", "Who holds each queue");
      SvgPicture.write(grid, w);
      devices(w, host, grid);
      guests(w, host);
      free(w, Queries.free(host));
      w.writeEndElement();
      w.writeEndElement();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("the JDK's XML writer failed: " + e.getMessage(), e);
    }
    return out + "\n";
  }

  private static void head(XMLStreamWriter w) throws XMLStreamException {
    w.writeStartElement("head");
    w.writeEmptyElement("meta");
    w.writeAttribute("charset", "utf-8");
    w.writeStartElement("script");
    w.writeCharacters(PROBE);
    w.writeEndElement();
    element(w, "title", "apmatrix report");
    w.writeStartElement("style");
    w.writeCharacters(STYLE);
    w.writeEndElement();
    w.writeEndElement();
  }

  private static void hostSection(XMLStreamWriter w, Host host) throws XMLStreamException {
    HostConfig c = host.config();
    element(w, "h2", "Host");
    w.writeStartElement("table");
    w.writeAttribute("id", "host");
    row(w, "configuration", c.toString());
    row(w, "apmask", host.apmask().toHex());
    row(w, "aqmask", host.aqmask().toHex());
    row(w, "queues", String.valueOf(host.queues().size()));
    row(w, "vfio_ap", host.vfioAp().isLoaded() ? "loaded" : "not loaded");
    for (Card card : host.cards()) {
      row(w, String.format("card%02x", card.adapter()), card.typeName());
    }
    w.writeEndElement();
  }

  private static void devices(XMLStreamWriter w, Host host, Grid grid) throws XMLStreamException {
    element(w, "h2", "Mediated devices");
    if (grid.devices().isEmpty()) {
      element(w, "p", "none");
      return;
    }
    w.writeStartElement("table");
    w.writeAttribute("id", "devices");
    w.writeStartElement("tr");
    for (String h : List.of("device", "UUID", "matrix", "guest_matrix", "withheld")) {
      element(w, "th", h);
    }
    w.writeEndElement();
    for (int i = 0; i < grid.devices().size(); i++) {
      MediatedDevice m = grid.devices().get(i);
      w.writeStartElement("tr");
      element(w, "td", grid.deviceName(i));
      element(w, "td", m.uuid().toString());
      element(w, "td", m.matrix().apqns().toString());
      element(w, "td", m.shadow().apqns().toString());
      w.writeStartElement("td");
      w.writeAttribute("class", "withheld");
      List<Withheld> why = host.mdevs().explain(m.uuid());
      w.writeCharacters(why.isEmpty() ? "nothing" : why.toString());
      w.writeEndElement();
      w.writeEndElement();
    }
    w.writeEndElement();
  }

  private static void guests(XMLStreamWriter w, Host host) throws XMLStreamException {
    element(w, "h2", "Guests");
    List<Guest> guests = host.guests();
    if (guests.isEmpty()) {
      element(w, "p", "none");
      return;
    }
    w.writeStartElement("table");
    w.writeAttribute("id", "guests");
    for (Guest g : guests) {
      row(
          w,
          g.name(),
          "CRYCB format "
              + g.format().number()
              + ", device "
              + g.device().map(Object::toString).orElse("none")
              + ", queues "
              + g.crycb().masks().apqns()
              + ", control domains "
              + g.crycb().masks().adm()
              + ", commits "
              + g.commits());
    }
    w.writeEndElement();
  }

  private static void free(XMLStreamWriter w, FreeApqns free) throws XMLStreamException {
    element(w, "h2", "Free queues");
    w.writeStartElement("table");
    w.writeAttribute("id", "free");
    row(w, "ready for vfio_ap", free.ready().size() + " queues");
    row(w, "takeable from the host", free.takeable().size() + " queues");
    for (int a = 0; a < 256; a++) {
      if (!free.ready().domainsOf(a).isEmpty()) {
        row(w, String.format("card%02x ready", a), free.ready().domainsOf(a).toString());
      }
    }
    w.writeEndElement();
  }

  private static void row(XMLStreamWriter w, String key, String value) throws XMLStreamException {
    w.writeStartElement("tr");
    element(w, "th", key);
    element(w, "td", value);
    w.writeEndElement();
  }

  private static void element(XMLStreamWriter w, String name, String text)
      throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(text);
    w.writeEndElement();
  }
}
