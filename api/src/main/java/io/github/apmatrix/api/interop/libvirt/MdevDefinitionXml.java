package io.github.apmatrix.api.interop.libvirt;

import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import io.github.apmatrix.api.interop.mdevctl.StartPolicy;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the XML given to {@code virsh nodedev-define} (or {@code nodedev-create}) for a mediated
 * device into a {@link MdevDefinition}, as libvirt's {@code virNodeDeviceDefParseXML} and {@code
 * virNodeDevCapMdevParseXML} do: the device is called {@code new device} in messages; the first
 * {@code <capability type='mdev'>} counts; {@code type/@id} is required; {@code uuid} is optional
 * but must parse as libvirt's {@code virUUIDParse} parses (32 hex digits, dashes anywhere, spaces
 * around); each {@code <attr>} needs a non-empty {@code name} and {@code value} and keeps its
 * place; {@code <start type='auto'/>} asks for autostart. {@code <name>}, {@code <path>}, {@code
 * parent_addr} and {@code iommuGroup} are ignored, as for a new device.
 *
 * <pre>{@code
 * MdevDefinition d = MdevDefinitionXml.read(Files.readString(file));
 * String json = MdevctlJson.compact(d.config());   // what libvirt pipes to mdevctl define
 * }</pre>
 *
 * <p>Parsed by the JDK's DOM parser with DTDs refused (no entity expansion, no external access).
 * Stateless and thread-safe.
 */
public final class MdevDefinitionXml {

  /** The name libvirt gives a device being defined, used in its messages. */
  public static final String NEW_DEVICE = "new device";

  private static final int MAX_MESSAGE = 200;

  private MdevDefinitionXml() {}

  /**
   * Reads a definition.
   *
   * @throws LibvirtXmlException if the text is not well-formed XML, its root is not {@code device},
   *     it has no capability or no mdev capability, or libvirt would refuse the mdev capability
   *     (the message is libvirt's)
   */
  public static MdevDefinition read(String xml) throws LibvirtXmlException {
    Element root = parse(xml).getDocumentElement();
    if (!root.getTagName().equals("device")) {
      throw new LibvirtXmlException(
          "expected root element <device>, found <" + bounded(root.getTagName()) + ">");
    }
    List<Element> caps = children(root, "capability");
    if (caps.isEmpty()) {
      throw new LibvirtXmlException("no device capabilities for '" + NEW_DEVICE + "'");
    }
    Element mdev =
        caps.stream()
            .filter(c -> c.getAttribute("type").equals("mdev"))
            .findFirst()
            .orElseThrow(
                () -> new LibvirtXmlException("expected <capability type='mdev'> in <device>"));
    String type = first(mdev, "type").map(t -> t.getAttribute("id")).orElse("");
    if (type.isEmpty()) {
      throw new LibvirtXmlException("missing type id attribute for '" + NEW_DEVICE + "'");
    }
    Optional<UUID> uuid = Optional.empty();
    String uuidText = first(mdev, "uuid").map(Node::getTextContent).orElse("");
    if (!uuidText.isEmpty()) {
      uuid = Optional.of(uuid(uuidText));
    }
    DeviceConfig config = new DeviceConfig(type, start(mdev), List.of());
    for (Element attr : children(mdev, "attr")) {
      String name = attr.getAttribute("name");
      String value = attr.getAttribute("value");
      if (name.isEmpty() || value.isEmpty()) {
        throw new LibvirtXmlException("mdev attribute missing name or value");
      }
      config = config.with(name, value);
    }
    Optional<String> parent =
        first(root, "parent").map(Node::getTextContent).filter(p -> !p.isEmpty());
    return new MdevDefinition(parent, uuid, config);
  }

  private static StartPolicy start(Element mdev) throws LibvirtXmlException {
    Optional<Element> start = first(mdev, "start");
    if (start.isEmpty()) {
      return StartPolicy.MANUAL;
    }
    String type = start.get().getAttribute("type");
    return switch (type) {
      case "auto" -> StartPolicy.AUTO;
      case "manual" -> StartPolicy.MANUAL;
      default ->
          throw new LibvirtXmlException(
              "expected <start type='auto'> or 'manual', found '" + bounded(type) + "'");
    };
  }

  /** Parses a UUID as {@code virUUIDParse}: spaces around, 32 hex digits, dashes between any. */
  static UUID uuid(String text) throws LibvirtXmlException {
    String s = text.strip();
    StringBuilder hex = new StringBuilder(32);
    int i = 0;
    while (hex.length() < 32) {
      while (i < s.length() && s.charAt(i) == '-') {
        i++;
      }
      if (i + 1 >= s.length()
          || Character.digit(s.charAt(i), 16) < 0
          || Character.digit(s.charAt(i + 1), 16) < 0) {
        throw invalidUuid(text);
      }
      hex.append(s, i, i + 2);
      i += 2;
    }
    if (i != s.length()) {
      throw invalidUuid(text);
    }
    long hi = Long.parseUnsignedLong(hex.substring(0, 16), 16);
    long lo = Long.parseUnsignedLong(hex.substring(16), 16);
    return new UUID(hi, lo);
  }

  private static LibvirtXmlException invalidUuid(String text) {
    return new LibvirtXmlException("Invalid uuid '" + bounded(text) + "' for new mdev device");
  }

  private static Document parse(String xml) throws LibvirtXmlException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      f.setXIncludeAware(false);
      f.setNamespaceAware(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(new DefaultHandler());
      return b.parse(new InputSource(new StringReader(xml)));
    } catch (SAXParseException e) {
      throw new LibvirtXmlException(
          "XML error at line "
              + e.getLineNumber()
              + ": expected a well-formed <device> document: "
              + bounded(String.valueOf(e.getMessage())));
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw new LibvirtXmlException(
          "XML error: expected a well-formed <device> document: "
              + bounded(String.valueOf(e.getMessage())));
    }
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        out.add(e);
      }
    }
    return out;
  }

  private static Optional<Element> first(Element parent, String tag) {
    List<Element> all = children(parent, tag);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  private static String bounded(@Nullable String s) {
    String one = String.valueOf(s).replaceAll("\\s+", " ").strip();
    return one.length() <= MAX_MESSAGE ? one : one.substring(0, MAX_MESSAGE) + "...";
  }
}
