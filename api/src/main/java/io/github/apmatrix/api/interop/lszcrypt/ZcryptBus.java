package io.github.apmatrix.api.interop.lszcrypt;

import java.util.Objects;
import java.util.Optional;

/**
 * The AP bus's attributes as lszcrypt reads them from {@code /sys/bus/ap}. Numbers read as lszcrypt
 * reads them: -1 when the file cannot be read.
 *
 * <p>Immutable and thread-safe.
 *
 * @param features the first line of {@code features}, if readable and not empty
 * @param defaultDomain {@code ap_domain}, -1 when none is set
 * @param maxDomainId {@code ap_max_domain_id}
 * @param interrupts {@code ap_interrupts}, if it is a regular file
 * @param configTime {@code config_time}, seconds
 * @param pollThread {@code poll_thread}
 * @param pollTimeout {@code poll_timeout}, if it is a regular file
 * @param usageDomainMask the first line of {@code ap_usage_domain_mask}, if readable
 * @param controlDomainMask the first line of {@code ap_control_domain_mask}, if readable
 */
public record ZcryptBus(
    Optional<String> features,
    long defaultDomain,
    long maxDomainId,
    Optional<Long> interrupts,
    long configTime,
    long pollThread,
    Optional<Long> pollTimeout,
    Optional<String> usageDomainMask,
    Optional<String> controlDomainMask) {

  /** Creates a bus record. */
  public ZcryptBus {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(interrupts, "interrupts");
    Objects.requireNonNull(pollTimeout, "pollTimeout");
    Objects.requireNonNull(usageDomainMask, "usageDomainMask");
    Objects.requireNonNull(controlDomainMask, "controlDomainMask");
  }

  /**
   * Returns whether domain {@code d} is set in {@code ap_usage_domain_mask} ({@code 0x} and 64 hex
   * digits, domain 0 the leftmost bit); false when the mask is unreadable or {@code not supported}.
   */
  public boolean usable(long d) {
    return bit(usageDomainMask, d);
  }

  /** Returns whether domain {@code d} is set in {@code ap_control_domain_mask}. */
  public boolean controllable(long d) {
    return bit(controlDomainMask, d);
  }

  private static boolean bit(Optional<String> mask, long d) {
    if (mask.isEmpty() || d < 0 || d > 255 || !mask.get().startsWith("0x")) {
      return false;
    }
    int index = 2 + (int) d / 4;
    if (index >= mask.get().length()) {
      return false;
    }
    int digit = Character.digit(mask.get().charAt(index), 16);
    return digit >= 0 && (digit & (8 >> (d % 4))) != 0;
  }
}
