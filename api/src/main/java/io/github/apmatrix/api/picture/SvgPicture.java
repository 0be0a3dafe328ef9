package io.github.apmatrix.api.picture;

import io.github.apmatrix.core.model.MediatedDevice;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders a {@link Grid} as SVG with the JDK's StAX writer (which escapes every text and
 * attribute): one square per queue coloured by its holder, a device's colour for its queues (pale
 * and crossed where its guest does not get them), a strip of control domains below, and a legend.
 * Each square carries {@code data-apqn}, {@code data-kind} and a {@code <title>} saying why, so a
 * browser shows the reason on hover and a test can read the picture by its DOM.
 *
 * <pre>{@code
 * SvgPicture.write(Grid.of(host), Path.of("host.svg"));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class SvgPicture {

  static final String NS = "http://www.w3.org/2000/svg";
  private static final String[] PALETTE = {
    "#a05bd0", "#20a9b6", "#d9573f", "#4a73d6", "#d3961f", "#2f9a50", "#c2407f", "#6b7d1f"
  };
  private static final int LEFT = 64;
  private static final int TOP = 44;

  private SvgPicture() {}

  /** Returns the SVG document of {@code grid}. */
  public static String render(Grid grid) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      write(grid, w);
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("the JDK's XML writer failed: " + e.getMessage(), e);
    }
    return out.toString();
  }

  /**
   * Writes the SVG document of {@code grid} to {@code file}.
   *
   * @throws IOException when writing fails
   */
  public static void write(Grid grid, Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    Files.writeString(file, render(grid), StandardCharsets.UTF_8);
  }

  /** Returns the size of one square for a grid of {@code columns} domains. */
  static int cellSize(int columns) {
    return Math.max(4, Math.min(16, 960 / Math.max(1, columns)));
  }

  /** Writes the {@code <svg>} element (not a document) to {@code w}. */
  static void write(Grid grid, XMLStreamWriter w) throws XMLStreamException {
    Objects.requireNonNull(grid, "grid");
    int[] adapters = grid.adapters();
    int[] domains = grid.domains();
    int s = cellSize(domains.length);
    int gridW = domains.length * s;
    int gridH = adapters.length * s;
    List<String> legend = grid.legend();
    int strip = TOP + gridH + 10;
    int legendTop = strip + s + 24;
    int width = Math.max(LEFT + gridW + 16, 720);
    int height = legendTop + legend.size() * 18 + 8;
    w.writeStartElement("svg");
    w.writeDefaultNamespace(NS);
    w.writeAttribute("width", String.valueOf(width));
    w.writeAttribute("height", String.valueOf(height));
    w.writeAttribute("viewBox", "0 0 " + width + " " + height);
    w.writeAttribute("class", "apmatrix-grid");
    w.writeAttribute("data-rows", String.valueOf(adapters.length));
    w.writeAttribute("data-columns", String.valueOf(domains.length));
    text(w, 4, 14, grid.title(), "title");
    rect(w, LEFT, TOP, gridW, gridH, "#f4f4f4", "background");
    axes(w, adapters, domains, s);
    for (int r = 0; r < adapters.length; r++) {
      for (int c = 0; c < domains.length; c++) {
        Cell cell = grid.cell(adapters[r], domains[c]);
        if (cell.kind().isPresent()) {
          cell(w, cell, LEFT + c * s, TOP + r * s, s);
        }
      }
    }
    controlStrip(w, grid, domains, s, strip);
    for (int i = 0; i < legend.size(); i++) {
      int y = legendTop + i * 18;
      String fill = i < 5 ? kindColour(i) : colour(i - 5, false);
      rect(w, 4, y - 10, 12, 12, fill, "legend");
      text(w, 22, y, legend.get(i), "legend");
    }
    w.writeEndElement();
  }

  private static String kindColour(int i) {
    return switch (i) {
      case 0 -> "#8aa4c8";
      case 1 -> "#9bd68b";
      case 2 -> "#f2d675";
      case 3 -> PALETTE[0];
      default -> "#e3d0ef";
    };
  }

  /** The fill of a device's queues: its colour, pale where no guest gets them. */
  static String colour(int device, boolean pale) {
    String c = PALETTE[device % PALETTE.length];
    return pale ? c + "55" : c;
  }

  static String fill(Cell cell) {
    return switch (cell.kind().orElseThrow()) {
      case HOST -> "#8aa4c8";
      case FREE -> "#9bd68b";
      case UNBOUND -> "#f2d675";
      case GUEST -> colour(cell.device(), false);
      case DEVICE -> colour(cell.device(), true);
    };
  }

  private static void cell(XMLStreamWriter w, Cell cell, int x, int y, int s)
      throws XMLStreamException {
    w.writeStartElement("rect");
    w.writeAttribute("x", String.valueOf(x));
    w.writeAttribute("y", String.valueOf(y));
    w.writeAttribute("width", String.valueOf(s - 1));
    w.writeAttribute("height", String.valueOf(s - 1));
    w.writeAttribute("fill", fill(cell));
    w.writeAttribute("class", "cell " + cell.css() + (cell.withheld() ? " withheld" : ""));
    w.writeAttribute("data-apqn", cell.apqn().toString());
    w.writeAttribute("data-kind", cell.css());
    if (cell.device() >= 0) {
      w.writeAttribute("data-device", String.valueOf(Grid.letter(cell.device())));
    }
    w.writeStartElement("title");
    w.writeCharacters(cell.apqn() + ": " + cell.why());
    w.writeEndElement();
    w.writeEndElement();
    if (cell.withheld()) {
      w.writeStartElement("path");
      w.writeAttribute(
          "d",
          String.format(
              Locale.ROOT,
              "M%d %dL%d %dM%d %dL%d %d",
              x,
              y,
              x + s - 1,
              y + s - 1,
              x + s - 1,
              y,
              x,
              y + s - 1));
      w.writeAttribute("stroke", "#b00020");
      w.writeAttribute("class", "withheld-mark");
      w.writeEndElement();
    }
  }

  private static void axes(XMLStreamWriter w, int[] adapters, int[] domains, int s)
      throws XMLStreamException {
    int every = s >= 12 ? 1 : (int) Math.ceil(12.0 / s);
    for (int c = 0; c < domains.length; c += every) {
      int x = LEFT + c * s;
      w.writeStartElement("text");
      w.writeAttribute("x", String.valueOf(x));
      w.writeAttribute("y", String.valueOf(TOP - 4));
      w.writeAttribute("font-size", "9");
      w.writeAttribute("font-family", "monospace");
      w.writeAttribute("transform", "rotate(-60 " + x + " " + (TOP - 4) + ")");
      w.writeAttribute("class", "domain-label");
      w.writeCharacters(String.format("%02x", domains[c]));
      w.writeEndElement();
    }
    for (int r = 0; r < adapters.length; r += every) {
      text(
          w,
          4,
          TOP + r * s + Math.min(s, 12) - 2,
          String.format("card%02x", adapters[r]),
          "adapter-label");
    }
  }

  private static void controlStrip(XMLStreamWriter w, Grid grid, int[] domains, int s, int y)
      throws XMLStreamException {
    text(w, 4, y + Math.min(s, 12) - 2, "control", "strip-label");
    List<MediatedDevice> devices = grid.devices();
    for (int c = 0; c < domains.length; c++) {
      int d = domains[c];
      String fill = grid.hostControlDomains().contains(d) ? "#c8c8c8" : "#f4f4f4";
      String owner = "host";
      for (int i = 0; i < devices.size(); i++) {
        if (devices.get(i).matrix().adm().contains(d)) {
          fill = colour(i, false);
          owner = grid.deviceName(i);
          break;
        }
      }
      w.writeStartElement("rect");
      w.writeAttribute("x", String.valueOf(LEFT + c * s));
      w.writeAttribute("y", String.valueOf(y));
      w.writeAttribute("width", String.valueOf(s - 1));
      w.writeAttribute("height", String.valueOf(s - 1));
      w.writeAttribute("fill", fill);
      w.writeAttribute("class", "control");
      w.writeAttribute("data-domain", String.format("%02x", d));
      w.writeStartElement("title");
      w.writeCharacters(String.format("control domain 0x%02x: %s", d, owner));
      w.writeEndElement();
      w.writeEndElement();
    }
  }

  private static void rect(
      XMLStreamWriter w, int x, int y, int width, int height, String fill, String css)
      throws XMLStreamException {
    w.writeEmptyElement("rect");
    w.writeAttribute("x", String.valueOf(x));
    w.writeAttribute("y", String.valueOf(y));
    w.writeAttribute("width", String.valueOf(width));
    w.writeAttribute("height", String.valueOf(height));
    w.writeAttribute("fill", fill);
    w.writeAttribute("class", css);
  }

  private static void text(XMLStreamWriter w, int x, int y, String s, String css)
      throws XMLStreamException {
    w.writeStartElement("text");
    w.writeAttribute("x", String.valueOf(x));
    w.writeAttribute("y", String.valueOf(y));
    w.writeAttribute("font-size", "12");
    w.writeAttribute("font-family", "sans-serif");
    w.writeAttribute("class", css);
    w.writeCharacters(s);
    w.writeEndElement();
  }
}
