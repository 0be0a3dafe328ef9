package io.github.apmatrix.testkit;

import io.github.apmatrix.api.ApDevice;
import io.github.apmatrix.api.ApHost;
import io.github.apmatrix.api.Hosts;
import io.github.apmatrix.core.model.ApHardware;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.HostSpecBuilder;
import java.util.Objects;
import java.util.UUID;

/**
 * Fake hosts for tests: the presets of {@link Hosts}, documented here for test authors, and seeded
 * random hosts. Every call returns a new, independent host; vary one with {@link
 * ApHost#toBuilder()}, e.g. to inject {@link FaultyHardware}.
 *
 * <pre>{@code
 * ApHost host = FakeHosts.z16();
 * ApHost faulty = Hosts.start(FakeHosts.small().toBuilder().hardware(new FaultyHardware()).build());
 * ApHost any = FakeHosts.random(42);   // the same host for the same seed, every run
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class FakeHosts {

  private FakeHosts() {}

  /**
   * Returns the {@code demo} host of the worked examples: adapters 0x03 (CEX7) and 0x0a (CEX8),
   * usage and control domains 0x01, 0x02, 0x20, every queue still owned by the host. See {@link
   * Hosts#demo()}.
   */
  public static ApHost demo() {
    return Hosts.demo();
  }

  /**
   * Returns a small host ready for passthrough: adapters 0x01 (CEX8 CCA) and 0x02 (CEX8 EP11),
   * domains 0x00..0x03, all eight queues bound to vfio_ap. See {@link Hosts#small()}.
   */
  public static ApHost small() {
    return Hosts.small();
  }

  /**
   * Returns a z15-like LPAR: Na 63, Nd 84, six CEX7 adapters in mixed modes, 85 domains, domains
   * 0x10..0x54 freed for guests. See {@link Hosts#z15()}.
   */
  public static ApHost z15() {
    return Hosts.z15();
  }

  /**
   * Returns a z16-like LPAR: Na 63, Nd 84, CEX8 adapters 0x00..0x03 kept by the host and CEX7
   * adapters 0x04 and 0x05 freed for guests, 85 domains. See {@link Hosts#z16()}.
   */
  public static ApHost z16() {
    return Hosts.z16();
  }

  /**
   * Returns the {@code lpar85} host: Na 63, Nd 84, six cards in mixed modes, 85 domains, masks all
   * ones. See {@link Hosts#lpar85()}.
   */
  public static ApHost lpar85() {
    return Hosts.lpar85();
  }

  /**
   * Returns the {@code noapxa} host: no APXA (CRYCB format 1), card01 CEX5 and card02 CEX6, domains
   * 0x00..0x0f. See {@link Hosts#noapxa()}.
   */
  public static ApHost noapxa() {
    return Hosts.noapxa();
  }

  /**
   * Returns the full host: 256 CEX8 adapters × 256 domains, all 65,536 queues bound to vfio_ap. See
   * {@link Hosts#full()}.
   */
  public static ApHost full() {
    return Hosts.full();
  }

  /** The UUID of the started device of {@link #sysfsExample()}. */
  public static final UUID SYSFS_EXAMPLE_DEVICE_A =
      UUID.fromString("62177883-f1bb-47f0-914d-32a22e3a8804");

  /** The UUID of the idle device of {@link #sysfsExample()}. */
  public static final UUID SYSFS_EXAMPLE_DEVICE_B =
      UUID.fromString("cef03c3c-903d-4ecc-9a83-40694cb8aee4");

  /**
   * Returns a small host with one guest running and one device idle, the tree a tool that reads a
   * real host's sysfs meets: adapters 0x04 (CEX8 CCA) and 0x05 (CEX8 EP11); usage domains 0x06,
   * 0x47, 0xab and control domains 0x06, 0x10, 0x47, 0xab; domains 0x47 and 0xab freed through
   * {@code aqmask}. Device {@link #SYSFS_EXAMPLE_DEVICE_A} holds adapter 0x04, domains and control
   * domains 0x47 and 0xab, and is used by the running guest {@code guest-a}; device {@link
   * #SYSFS_EXAMPLE_DEVICE_B} holds adapter 0x05 and domain 0x47 and is not started; queue 05.00ab
   * is free but unassigned. APXA, with maximum ids 255 (domain 0xab needs more than 84).
   *
   * <pre>{@code
   * SysfsTrees.write(FakeHosts.sysfsExample(), dir);
   * }</pre>
   */
  public static ApHost sysfsExample() {
    ApHost host =
        Hosts.start(
            Hosts.builder()
                .apxa(255, 255)
                .card(0x04, CardType.CEX8, CardMode.CCA)
                .card(0x05, CardType.CEX8, CardMode.EP11)
                .usageDomains(0x06, 0x47, 0xab)
                .controlDomains(0x06, 0x10, 0x47, 0xab)
                .freeDomains(0x47, 0xab)
                .build());
    ApDevice a =
        host.createDevice(SYSFS_EXAMPLE_DEVICE_A)
            .assignAdapter(0x04)
            .assignDomains(0x47, 0xab)
            .assignControlDomains(0x47, 0xab);
    host.createDevice(SYSFS_EXAMPLE_DEVICE_B).assignAdapter(0x05).assignDomain(0x47);
    host.startGuest("guest-a", a);
    return host;
  }

  /**
   * Returns a random but reproducible host: APXA on or off, random maximum ids, one to six cards of
   * random types and modes (some standby), a few usage and control domains, and some adapters or
   * domains freed for passthrough. The same seed gives the same host.
   *
   * <pre>{@code
   * for (long seed = 0; seed < 100; seed++) {
   *   ApHost host = FakeHosts.random(seed);
   *   ...
   * }
   * }</pre>
   */
  public static ApHost random(long seed) {
    return new SeededGenerators(seed).host();
  }

  /**
   * Returns a new host of the given preset; {@code seed} matters only for {@link
   * HostPreset#RANDOM}.
   */
  public static ApHost of(HostPreset preset, long seed) {
    return Hosts.start(spec(preset, seed).build());
  }

  /**
   * Returns a new host of the given preset on {@code hardware}, e.g. {@link FaultyHardware} a test
   * scripts; {@code seed} matters only for {@link HostPreset#RANDOM}.
   *
   * <pre>{@code
   * FaultyHardware hw = new FaultyHardware().checkstop(1);
   * ApHost host = FakeHosts.of(HostPreset.SMALL, 0, hw);
   * }</pre>
   */
  public static ApHost of(HostPreset preset, long seed, ApHardware hardware) {
    Objects.requireNonNull(hardware, "hardware");
    return Hosts.start(spec(preset, seed).hardware(hardware).build());
  }

  private static HostSpecBuilder spec(HostPreset preset, long seed) {
    Objects.requireNonNull(preset, "preset");
    if (preset == HostPreset.RANDOM) {
      return new SeededGenerators(seed).hostSpec();
    }
    io.github.apmatrix.core.model.HostPreset catalog =
        switch (preset) {
          case DEMO -> io.github.apmatrix.core.model.HostPreset.DEMO;
          case SMALL -> io.github.apmatrix.core.model.HostPreset.SMALL;
          case Z15 -> io.github.apmatrix.core.model.HostPreset.Z15;
          case Z16 -> io.github.apmatrix.core.model.HostPreset.Z16;
          case LPAR85 -> io.github.apmatrix.core.model.HostPreset.LPAR85;
          case NOAPXA -> io.github.apmatrix.core.model.HostPreset.NOAPXA;
          case FULL -> io.github.apmatrix.core.model.HostPreset.FULL;
          case RANDOM -> throw new AssertionError("handled above");
        };
    return catalog.spec().toBuilder();
  }
}
