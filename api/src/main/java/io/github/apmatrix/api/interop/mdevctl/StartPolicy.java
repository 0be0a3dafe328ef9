package io.github.apmatrix.api.interop.mdevctl;

/**
 * The {@code start} member of an mdevctl config: whether mdevctl starts the device with its parent
 * ({@code start-parent-mdevs}, at boot) or only on request.
 *
 * <pre>{@code
 * DeviceConfig c = DeviceConfig.manual(DeviceConfig.VFIO_AP).withStart(StartPolicy.AUTO);
 * c.start().text();   // "auto"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum StartPolicy {
  /** {@code "auto"}: started with its parent. */
  AUTO("auto"),
  /** {@code "manual"} (or any other text, as mdevctl reads it): started only on request. */
  MANUAL("manual");

  private final String text;

  StartPolicy(String text) {
    this.text = text;
  }

  /** Returns the text of the JSON member: {@code auto} or {@code manual}. */
  public String text() {
    return text;
  }
}
