package io.github.apmatrix.api;

import com.google.common.testing.NullPointerTester;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.ApHardware;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.CrycbFormat;
import io.github.apmatrix.core.model.DriverName;
import io.github.apmatrix.core.model.ResetClock;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NullHandlingTest {

  @Test
  void everyPublicMethod_rejectsNullWithNullPointerException() {
    ApHost host = Hosts.small();
    ApDevice device = host.createDevice();
    NullPointerTester tester =
        new NullPointerTester()
            .setDefault(Bitmap256.class, Bitmap256.of(1))
            .setDefault(Apqn.class, Apqn.of(1, 0))
            .setDefault(DriverName.class, DriverName.VFIO_AP)
            .setDefault(Apcb.class, Apcb.empty())
            .setDefault(CardType.class, CardType.CEX8)
            .setDefault(CardMode.class, CardMode.CCA)
            .setDefault(CrycbFormat.class, CrycbFormat.FORMAT2)
            .setDefault(ApHardware.class, ApHardware.normal())
            .setDefault(ResetClock.class, ResetClock.virtual())
            .setDefault(UUID.class, new UUID(7, 7))
            .setDefault(ApDevice.class, device)
            .setDefault(String.class, "n");
    tester.testAllPublicStaticMethods(Hosts.class);
    tester.testAllPublicInstanceMethods(host);
    tester.testAllPublicInstanceMethods(host.toBuilder());
    tester.testAllPublicInstanceMethods(device);
    tester.testAllPublicInstanceMethods(Hosts.small().startGuest("g"));
    tester.testAllPublicInstanceMethods(host.queue(Apqn.of(1, 0)));
    tester.testAllPublicInstanceMethods(host.adapter(1));
  }
}
