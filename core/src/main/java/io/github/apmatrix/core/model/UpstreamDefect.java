package io.github.apmatrix.core.model;

/**
 * Defects still present in the newest upstream vfio_ap driver (docs/model.md §9.28), where this
 * model deliberately does what the kernel intends rather than what it does. Each constant says
 * both, so a user comparing the model with a real host knows where they may differ.
 *
 * <pre>{@code
 * for (UpstreamDefect d : UpstreamDefect.values()) {
 *   System.out.println(d.section() + ": " + d.upstream() + " / model: " + d.model());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum UpstreamDefect {
  /** §5.5: removed control domains are computed as {@code cd_remove AND NOT M.adm}. */
  CONTROL_DOMAIN_REMOVAL_SET(
      "§5.5",
      "control domains leaving the host configuration stay in the shadow until the next"
          + " filter_cdoms",
      "they leave every shadow at once (removed ∩ assigned), with one commit to a running guest"),
  /** §5.5: the configuration-change paths lock the KVM of devices that have none. */
  CONFIG_CHANGE_UNATTACHED_DEVICE(
      "§5.5",
      "the configuration-change callbacks dereference the KVM of devices no guest uses",
      "the shadows of unattached devices are updated too; only the commit is skipped"),
  /** §5.6: with only control domains added, the reset list is an uninitialised bitmap. */
  SCAN_COMPLETE_UNINITIALISED_FILTER(
      "§5.6",
      "on_scan_complete resets the queues of an uninitialised bitmap when only control domains"
          + " were added",
      "nothing is reset when filter_matrix did not run"),
  /** §4.6: queues unlinked but not reset keep a pointer to their old device. */
  STALE_QUEUE_DEVICE_POINTER(
      "§4.6",
      "a queue unlinked by unassignment without a reset keeps its matrix_mdev pointer",
      "linked queues are derived from the matrix, so an unassigned queue belongs to no device"
          + " (its status reads unassigned)"),
  /** §7.1: the PQAP hook is installed before the EPERM check of a second device. */
  PQAP_HOOK_BEFORE_EPERM(
      "§7.1",
      "a failed second open leaves the guest's PQAP hook pointing at the refused device, so the"
          + " guest's AQIC answers response code 01",
      "the hook is installed only when the open succeeds; the guest's AQIC keeps working"),
  /**
   * §5.5: {@code vfio_ap_mdev_hot_unplug_cfg} commits when {@code bitmap_andnot} says the remaining
   * shadow mask is not empty, not when something was removed from it.
   */
  HOT_UNPLUG_CFG_COMMIT_CONDITION(
      "§5.5",
      "vfio_ap_mdev_hot_unplug_cfg commits if what is left of a shadow mask is not empty: when a"
          + " guest's only adapter (or domain) leaves the host configuration it does not commit and"
          + " the guest keeps the stale bit; when an adapter already withheld leaves, it commits"
          + " although nothing changed",
      "a device whose shadow lost an id commits once, and one whose shadow did not change does not"
          + " commit");

  private final String section;
  private final String upstream;
  private final String model;

  UpstreamDefect(String section, String upstream, String model) {
    this.section = section;
    this.upstream = upstream;
    this.model = model;
  }

  /** Returns the section of docs/model.md that describes the defect. */
  public String section() {
    return section;
  }

  /** Returns what the upstream kernel does. */
  public String upstream() {
    return upstream;
  }

  /** Returns what the model does instead (the intended behaviour). */
  public String model() {
    return model;
  }
}
