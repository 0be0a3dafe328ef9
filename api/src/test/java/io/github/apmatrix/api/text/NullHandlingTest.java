package io.github.apmatrix.api.text;

import com.google.common.testing.NullPointerTester;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NullHandlingTest {

  private static NullPointerTester tester() {
    return new NullPointerTester()
        .setDefault(Bitmap256.class, Bitmap256.of(1))
        .setDefault(Apcb.class, Apcb.empty())
        .setDefault(Errno.class, Errno.EINVAL)
        .setDefault(Optional.class, Optional.empty())
        .setDefault(String.class, "");
  }

  @Test
  void everyPublicMethod_rejectsNullWithNullPointerException() {
    NullPointerTester tester = tester();
    for (Class<?> type :
        new Class<?>[] {
          KernelNumber.class, ApMask.class, ApConfigText.class, MatrixText.class, ChzdevList.class
        }) {
      tester.testAllPublicStaticMethods(type);
    }
    tester.testAllPublicConstructors(MatrixText.Parsed.class);
    tester.testAllPublicConstructors(SyntaxException.class);
  }
}
