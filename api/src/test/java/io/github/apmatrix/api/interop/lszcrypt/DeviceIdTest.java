package io.github.apmatrix.api.interop.lszcrypt;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.api.interop.lszcrypt.DeviceId.Kind;
import org.junit.jupiter.api.Test;

/** lszcrypt's IDS arguments as {@code show_devices_argv} scans them with {@code sscanf}. */
class DeviceIdTest {

  @Test
  void cardAndQueue_areHexNumbers_asPercentXReadsThem() {
    assertThat(DeviceId.parse("05")).isEqualTo(new DeviceId(Kind.CARD, 5, -1));
    assertThat(DeviceId.parse("0x1f")).isEqualTo(new DeviceId(Kind.CARD, 0x1f, -1));
    assertThat(DeviceId.parse(" +A")).isEqualTo(new DeviceId(Kind.CARD, 10, -1));
    assertThat(DeviceId.parse("05.0004")).isEqualTo(new DeviceId(Kind.QUEUE, 5, 4));
    assertThat(DeviceId.parse("5. 0x47trailing")).isEqualTo(new DeviceId(Kind.QUEUE, 5, 0x47));
    // "%x.%x" stops at a missing dot or second number: a card
    assertThat(DeviceId.parse("05:0004")).isEqualTo(new DeviceId(Kind.CARD, 5, -1));
    assertThat(DeviceId.parse("05.zz")).isEqualTo(new DeviceId(Kind.CARD, 5, -1));
    // "0x" without a hex digit after it reads the 0 alone
    assertThat(DeviceId.parse("0x")).isEqualTo(new DeviceId(Kind.CARD, 0, -1));
  }

  @Test
  void negativeOrHugeNumbers_wrapTo32Bits() {
    assertThat(DeviceId.parse("-1")).isEqualTo(new DeviceId(Kind.CARD, -1, -1));
    assertThat(DeviceId.parse("5.-1")).isEqualTo(new DeviceId(Kind.CARD, 5, -1));
    assertThat(DeviceId.parse("123456789abcdef01")).isEqualTo(new DeviceId(Kind.CARD, -1, -1));
    assertThat(DeviceId.parse("100000001")).isEqualTo(new DeviceId(Kind.CARD, 1, -1));
  }

  @Test
  void leadingCharacterThenNumber_isADomain_elseInvalid() {
    assertThat(DeviceId.parse(".0004")).isEqualTo(new DeviceId(Kind.DOMAIN, -1, 4));
    assertThat(DeviceId.parse("x47")).isEqualTo(new DeviceId(Kind.DOMAIN, -1, 0x47));
    assertThat(DeviceId.parse("zz")).isEqualTo(new DeviceId(Kind.INVALID, -1, -1));
    assertThat(DeviceId.parse("")).isEqualTo(new DeviceId(Kind.INVALID, -1, -1));
    assertThat(DeviceId.parse(".")).isEqualTo(new DeviceId(Kind.INVALID, -1, -1));
  }
}
