package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The mutable state of one mediated device ({@code struct ap_matrix_mdev}). Guarded by the host
 * lock. Linked queues are not stored: they are, by the driver's invariant, exactly the queues bound
 * to vfio_ap whose APQN is in the matrix.
 */
final class Mdev {

  final UUID uuid;
  final int maxAdapterId;
  final int maxDomainId;

  Bitmap256 apm = Bitmap256.empty();
  Bitmap256 aqm = Bitmap256.empty();
  Bitmap256 adm = Bitmap256.empty();

  Bitmap256 shadowApm = Bitmap256.empty();
  Bitmap256 shadowAqm = Bitmap256.empty();
  Bitmap256 shadowAdm = Bitmap256.empty();

  Bitmap256 apmAdd = Bitmap256.empty();
  Bitmap256 aqmAdd = Bitmap256.empty();
  Bitmap256 admAdd = Bitmap256.empty();

  @Nullable Guest guest;
  @Nullable Apcb lastCommitted;
  boolean configChangeTrigger;
  boolean requestTrigger;

  /**
   * Why the last filter withheld each adapter it withheld: the queue behind it, and what was wrong
   * with it then (kept so that an explanation given after the queue recovered still names it).
   */
  final Map<Integer, WithheldCause> withheldCause = new HashMap<>();

  /** The number of the device's IOMMU group, given by {@link DeviceTable#add}. */
  int iommuGroup = -1;

  /** Set while the device is being removed and its guest has not released it yet. */
  boolean removing;

  final List<DeviceSignal> signals = new ArrayList<>();

  Mdev(UUID uuid, int maxAdapterId, int maxDomainId) {
    this.uuid = uuid;
    this.maxAdapterId = maxAdapterId;
    this.maxDomainId = maxDomainId;
  }

  Apcb matrix() {
    return Apcb.of(apm, aqm, adm);
  }

  Apcb shadow() {
    return Apcb.of(shadowApm, shadowAqm, shadowAdm);
  }

  boolean hasPendingAdd() {
    return !apmAdd.isEmpty() || !aqmAdd.isEmpty();
  }

  boolean contains(int adapter, int domain) {
    return apm.contains(adapter) && aqm.contains(domain);
  }

  boolean inShadow(int adapter, int domain) {
    return shadowApm.contains(adapter) && shadowAqm.contains(domain);
  }

  /** Registers or unregisters user space's eventfd of a signal. */
  void trigger(DeviceSignal s, boolean registered) {
    if (s == DeviceSignal.CONFIG_CHANGED) {
      configChangeTrigger = registered;
    } else {
      requestTrigger = registered;
    }
  }

  /** Raises a signal's eventfd if user space registered one, for the device and its guest. */
  void signal(DeviceSignal s) {
    boolean registered = s == DeviceSignal.CONFIG_CHANGED ? configChangeTrigger : requestTrigger;
    if (registered) {
      signals.add(s);
      Guest g = guest;
      if (g != null) {
        g.signals.add(s);
      }
    }
  }

  MediatedDevice snapshot() {
    Guest g = guest;
    return new MediatedDevice(
        uuid,
        matrix(),
        shadow(),
        maxAdapterId,
        maxDomainId,
        g == null ? Optional.empty() : Optional.of(g.name()),
        signals);
  }

  @Override
  public String toString() {
    return "Mdev{" + uuid + "}";
  }
}
