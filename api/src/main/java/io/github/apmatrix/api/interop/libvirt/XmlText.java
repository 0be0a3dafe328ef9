package io.github.apmatrix.api.interop.libvirt;

/**
 * Writes XML the way libvirt's {@code virBuffer} formatters do: two spaces per level, attributes in
 * single quotes, one element per line, escaping {@code & < > ' "} as libvirt's {@code
 * virBufferEscapeString} does (and, in attributes, tab and line ends). (The JDK's serializers quote
 * attributes with double quotes, which would not match libvirt's output byte for byte.)
 *
 * <p>Not thread-safe; one document.
 */
final class XmlText {

  private final StringBuilder out = new StringBuilder();
  private int depth;

  /** Opens an element with attribute name/value pairs. */
  void open(String element, String... attributes) {
    start(element, attributes);
    out.append(">\n");
    depth++;
  }

  /** Writes an empty element with attribute name/value pairs. */
  void empty(String element, String... attributes) {
    start(element, attributes);
    out.append("/>\n");
  }

  /** Writes an element holding only text. */
  void text(String element, String text) {
    start(element);
    out.append('>').append(escape(text, false)).append("</").append(element).append(">\n");
  }

  /** Closes the innermost open element. */
  void close(String element) {
    depth--;
    out.append("  ".repeat(depth)).append("</").append(element).append(">\n");
  }

  private void start(String element, String... attributes) {
    out.append("  ".repeat(depth)).append('<').append(element);
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      out.append(' ').append(attributes[i]).append("='");
      out.append(escape(attributes[i + 1], true));
      out.append('\'');
    }
  }

  /**
   * Escapes markup characters; in an attribute also tab, newline and carriage return, which a
   * reader would otherwise normalise to spaces.
   */
  private static String escape(String s, boolean attribute) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '\'' -> b.append("&apos;");
        case '"' -> b.append("&quot;");
        case '\t', '\n', '\r' -> b.append(attribute ? "&#" + (int) c + ";" : String.valueOf(c));
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
