package io.github.apmatrix.api.interop.libvirt;

import io.github.apmatrix.api.interop.mdevctl.DeviceConfig;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A mediated device definition as {@code virsh nodedev-define} reads it: the parent node device,
 * the UUID if given, and the device config libvirt hands to mdevctl (type, start policy, attributes
 * in document order).
 *
 * <p>Immutable and thread-safe.
 *
 * @param parent the {@code <parent>} text, if any (e.g. {@code ap_matrix})
 * @param uuid the {@code <uuid>}, if any (mdevctl then picks one)
 * @param config the config, as {@link io.github.apmatrix.api.interop.mdevctl.MdevctlJson} reads and
 *     writes it
 */
public record MdevDefinition(Optional<String> parent, Optional<UUID> uuid, DeviceConfig config) {

  /** Checks the parts. */
  public MdevDefinition {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(config, "config");
  }
}
