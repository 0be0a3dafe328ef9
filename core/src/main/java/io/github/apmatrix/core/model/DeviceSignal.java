package io.github.apmatrix.core.model;

/**
 * An eventfd signal a mediated device raises to the user space that opened it (QEMU).
 *
 * <p>Immutable and thread-safe.
 */
public enum DeviceSignal {
  /** The guest's AP configuration changed ({@code VFIO_AP_CFG_CHG_IRQ_INDEX}). */
  CONFIG_CHANGED,
  /** The device is being removed and user space is asked to release it ({@code REQ}). */
  REQUEST
}
