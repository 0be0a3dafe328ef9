package io.github.apmatrix.api.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.api.Toggler;
import io.github.apmatrix.api.text.ApMask;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostSpec;
import org.junit.jupiter.api.Test;

/**
 * Relative writes to {@code /sys/bus/ap/apmask} and {@code aqmask} from many threads: the kernel's
 * {@code apmask_store} parses the edit ({@code ap_parse_mask_str}) against the current mask under
 * {@code ap_attr_mutex}, so no thread's {@code +N}/{@code -N} is lost, and each thread reads its
 * own write back.
 */
class SysfsConcurrencyTest {

  static final String APMASK = "/sys/bus/ap/apmask";
  static final String AQMASK = "/sys/bus/ap/aqmask";

  @Test
  void relativeApmaskWrites_threadsTogglingTheirOwnAdapters_loseNoUpdate() throws Exception {
    Host host = HostSpec.builder().start();
    Sysfs sys = Sysfs.of(host);
    int missed =
        Toggler.run(
            (id, set) -> sys.write(APMASK, (set ? "-" : "+") + id + "\n"),
            id -> !ApMask.hex2bitmap(sys.read(APMASK)).contains(id));
    assertThat(missed).isZero();
    assertThat(host.apmask()).isEqualTo(Bitmap256.all());
  }

  @Test
  void relativeAqmaskWrites_threadsTogglingTheirOwnDomains_loseNoUpdate() throws Exception {
    Host host = HostSpec.builder().start();
    Sysfs sys = Sysfs.of(host);
    int missed =
        Toggler.run(
            (id, set) -> sys.write(AQMASK, (set ? "+" : "-") + "0x" + Integer.toHexString(id)),
            id -> ApMask.hex2bitmap(sys.read(AQMASK)).contains(id));
    assertThat(missed).isZero();
    assertThat(host.aqmask()).isEqualTo(Bitmap256.all().andNot(Bitmap256.range(0, 3)));
  }
}
