package io.github.apmatrix.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Bitmap256;
import org.junit.jupiter.api.Test;

/**
 * The maximum ids the AP bus and vfio_ap derive from the QCI data: ap_bus.c {@code
 * ap_init_qci_info} takes Na and Nd only with APXA and only when they are not 0 (else 63 and 15),
 * while vfio_ap.c {@code vfio_ap_matrix_init} takes them whenever APXA is on.
 */
class HostConfigTest {

  private static final Bitmap256 NONE = Bitmap256.empty();

  @Test
  void busMaxIds_naAndNdWithApxaUnlessZero() {
    HostConfig big = HostConfig.withApxa(0x7f, 0xff, NONE, NONE, NONE);
    assertThat(big.busMaxAdapterId()).isEqualTo(0x7f);
    assertThat(big.busMaxDomainId()).isEqualTo(0xff);
    HostConfig one = HostConfig.withApxa(1, 1, Bitmap256.of(1), Bitmap256.of(1), NONE);
    assertThat(one.busMaxAdapterId()).isEqualTo(1);
    assertThat(one.busMaxDomainId()).isEqualTo(1);

    HostConfig zero = HostConfig.withApxa(0, 0, Bitmap256.of(63), Bitmap256.of(15), NONE);
    assertThat(zero.busMaxAdapterId()).isEqualTo(HostConfig.DEFAULT_MAX_ADAPTER_ID);
    assertThat(zero.busMaxDomainId()).isEqualTo(HostConfig.DEFAULT_MAX_DOMAIN_ID);
    assertThat(zero.driverMaxAdapterId()).isZero();
    assertThat(zero.driverMaxDomainId()).isZero();

    HostConfig small = HostConfig.withoutApxa(NONE, NONE, NONE);
    assertThat(small.busMaxAdapterId()).isEqualTo(63);
    assertThat(small.busMaxDomainId()).isEqualTo(15);
  }

  @Test
  void toString_namesQciApxaAndTheMasks() {
    assertThat(HostConfig.withApxa(0xff, 0x7f, Bitmap256.of(3), Bitmap256.of(4), NONE))
        .hasToString(
            "HostConfig{APXA, Na=255, Nd=127, adapters=Bitmap256{0x03}, usage domains=Bitmap256{0x04},"
                + " control domains=Bitmap256{}}");
    assertThat(HostConfig.withoutQci(Bitmap256.of(3), NONE))
        .hasToString(
            "HostConfig{no QCI, no APXA, adapters=Bitmap256{0x03}, usage domains=Bitmap256{},"
                + " control domains=Bitmap256{}}");
  }
}
