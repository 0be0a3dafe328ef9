package io.github.apmatrix.api.interop.libvirt;

/**
 * A libvirt XML document refused: the message is one line, libvirt's own where it has one (e.g.
 * {@code missing type id attribute for 'new device'}), else naming the line and what was expected.
 *
 * <p>Immutable and thread-safe.
 */
public final class LibvirtXmlException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the refusal; {@code message} is one line. */
  public LibvirtXmlException(String message) {
    super(message);
  }
}
