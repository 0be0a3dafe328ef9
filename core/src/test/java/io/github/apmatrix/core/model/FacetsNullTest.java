package io.github.apmatrix.core.model;

import com.google.common.testing.NullPointerTester;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The host's facets refuse a null argument with NullPointerException, before touching the host. */
class FacetsNullTest {

  @Test
  void mediatedDevicesAndKvm_rejectNullWithNullPointerException() {
    Host host = HostPreset.DEMO.spec().toBuilder().start();
    NullPointerTester tester =
        new NullPointerTester()
            .setDefault(UUID.class, new UUID(7, 7))
            .setDefault(Apqn.class, Apqn.of(1, 0))
            .setDefault(Apcb.class, Apcb.empty())
            .setDefault(Bitmap256.class, Bitmap256.of(1))
            .setDefault(Axis.class, Axis.ADAPTER)
            .setDefault(CrycbFormat.class, CrycbFormat.FORMAT2)
            .setDefault(DeviceSignal.class, DeviceSignal.CONFIG_CHANGED)
            .setDefault(String.class, "n")
            .setDefault(Guest.class, host.kvm().createGuest("g", CrycbFormat.FORMAT2));
    tester.testAllPublicInstanceMethods(host.mdevs());
    tester.testAllPublicInstanceMethods(host.kvm());
  }
}
