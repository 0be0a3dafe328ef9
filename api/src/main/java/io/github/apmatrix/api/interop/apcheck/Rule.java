package io.github.apmatrix.api.interop.apcheck;

/**
 * The checks of ap-check, named as in the interop specification (§2.4), in the order the tool makes
 * them. Immutable.
 */
public enum Rule {
  /** An unknown option, or an option without its argument: {@code Unknown operand}. */
  R1,
  /** An option missing or given twice: {@code Duplicate or missing operand}. */
  R2,
  /** {@code -u} is not a UUID: {@code Invalid UUID specified}. */
  R3,
  /** {@code -t} is not {@code vfio_ap-passthrough} (exit 2, silent). */
  R4A,
  /** {@code -p} is not {@code matrix}: {@code Invalid parent specified}. */
  R4B,
  /** pre define: the config file exists already. */
  R5,
  /** pre modify: the config file does not exist. */
  R6,
  /** pre start: the vfio_ap module is not loaded. */
  R7,
  /** The configuration lock could not be taken. */
  L,
  /** The config on standard input does not read. */
  C1,
  /** The config file does not read (undefine). */
  C2,
  /** The config's {@code mdev_type} differs from {@code -t}. */
  T,
  /** live modify: the device has no readable {@code ap_config}. */
  R8,
  /** Control domains without a usage domain. */
  R9,
  /** An APQN already in use by another active device. */
  R10,
  /** An APQN owned by the host's default drivers under the active masks. */
  R11,
  /** An APQN defined for autostart by another config. */
  R12,
  /** An APQN owned by the host under the persistent masks of {@code 41-ap.rules}. */
  R13,
  /** get capabilities: the provided capabilities do not read. */
  R14,
  /** live modify: writing {@code ap_config} failed. */
  R15,
  /** get attributes: the configuration lock could not be taken. */
  R16,
  /** The real tool crashes here (an assertion, or a NULL dereference); the status says which. */
  CRASH
}
