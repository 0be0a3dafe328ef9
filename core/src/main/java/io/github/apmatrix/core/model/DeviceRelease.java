package io.github.apmatrix.core.model;

/**
 * What a guest's user space (QEMU) does when the kernel asks it to release its vfio_ap device
 * because the device is being removed (docs/model.md §7.1: {@code vfio_unregister_group_dev} calls
 * the driver's {@code request} callback, first at once and then every ten seconds, until the device
 * is closed).
 *
 * <pre>{@code
 * guest.setDeviceRelease(DeviceRelease.afterRequests(3)); // ignores #0..#2, releases at #3
 * guest.setDeviceRelease(DeviceRelease.never());          // the removal blocks until it stops
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param ignoredRequests how many requests the guest ignores before it releases the device, or
 *     {@code -1} for a guest that never releases it while it runs
 */
public record DeviceRelease(int ignoredRequests) {

  /**
   * The most requests a guest may ignore before releasing: 100,000 requests are about eleven days
   * of the vfio core asking every ten seconds; the model makes each request, so it is bounded.
   */
  public static final int MAX_IGNORED_REQUESTS = 100_000;

  private static final DeviceRelease FIRST = new DeviceRelease(0);
  private static final DeviceRelease NEVER = new DeviceRelease(-1);

  /**
   * Creates a policy.
   *
   * @throws IllegalArgumentException if {@code ignoredRequests} is below {@code -1} or above {@link
   *     #MAX_IGNORED_REQUESTS}
   */
  public DeviceRelease {
    if (ignoredRequests < -1 || ignoredRequests > MAX_IGNORED_REQUESTS) {
      throw new IllegalArgumentException(
          "ignoredRequests must be -1 (never) or 0.."
              + MAX_IGNORED_REQUESTS
              + ": "
              + ignoredRequests);
    }
  }

  /** The default: the guest releases the device at the first request. */
  public static DeviceRelease onFirstRequest() {
    return FIRST;
  }

  /**
   * The guest ignores {@code n} requests and releases the device at request number {@code n}.
   *
   * @throws IllegalArgumentException if {@code n} is negative or above {@link
   *     #MAX_IGNORED_REQUESTS}
   */
  public static DeviceRelease afterRequests(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    return new DeviceRelease(n);
  }

  /** The guest holds on to the device until it closes it or stops. */
  public static DeviceRelease never() {
    return NEVER;
  }

  /** Returns whether the guest releases the device when asked for the {@code count}-th time. */
  boolean releasesAt(int count) {
    return ignoredRequests >= 0 && count >= ignoredRequests;
  }

  /** Returns whether the guest ever releases the device while it runs. */
  public boolean releases() {
    return ignoredRequests >= 0;
  }
}
