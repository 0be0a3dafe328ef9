package io.github.apmatrix.api.interop.apcheck;

import java.util.Objects;

/**
 * The operands mdevctl passes a callout: {@code -t TYPE -e EVENT -a ACTION -s STATE -u UUID -p
 * PARENT}.
 *
 * <pre>{@code
 * ApCheckRequest r = ApCheckRequest.of("pre", "start", uuid);   // type vfio_ap-passthrough, matrix
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param type the mdev type ({@code -t})
 * @param event {@code pre}, {@code post}, {@code get}, {@code live} ({@code -e})
 * @param action {@code define}, {@code start}, ... ({@code -a})
 * @param state {@code none}, {@code success}, {@code failure} ({@code -s}; ignored)
 * @param uuid the device ({@code -u})
 * @param parent the parent device ({@code -p})
 */
public record ApCheckRequest(
    String type, String event, String action, String state, String uuid, String parent) {

  /** Checks the fields. */
  public ApCheckRequest {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(parent, "parent");
  }

  /** Returns the request mdevctl makes for a vfio_ap device under {@code matrix}. */
  public static ApCheckRequest of(String event, String action, String uuid) {
    return new ApCheckRequest("vfio_ap-passthrough", event, action, "none", uuid, "matrix");
  }
}
