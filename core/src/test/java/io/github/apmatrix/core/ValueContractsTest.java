package io.github.apmatrix.core;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/**
 * guava-testlib contracts over every public value type: null arguments are refused with {@link
 * NullPointerException}, and {@code equals}/{@code hashCode} agree.
 */
class ValueContractsTest {

  private static NullPointerTester tester() {
    return new NullPointerTester()
        .setDefault(Bitmap256.class, Bitmap256.of(3, 64))
        .setDefault(Apqn.class, Apqn.of(1, 2))
        .setDefault(BitSet.class, new BitSet())
        .setDefault(long[].class, new long[4])
        .setDefault(byte[].class, new byte[32]);
  }

  @Test
  void staticMethodsAndConstructors_nullArgument_refusedWithNullPointer() {
    NullPointerTester tester = tester();
    for (Class<?> type :
        new Class<?>[] {Bitmap256.class, Apqn.class, Apcb.class, Apcb0.class, Errno.class}) {
      tester.testAllPublicStaticMethods(type);
      tester.testAllPublicConstructors(type);
    }
  }

  @Test
  void instanceMethods_nullArgument_refusedWithNullPointer() {
    NullPointerTester tester = tester();
    for (Object value :
        new Object[] {
          Bitmap256.empty(),
          Bitmap256.of(0),
          Bitmap256.all(),
          Apqn.of(0x14, 5),
          Apcb.empty(),
          Apcb.of(Bitmap256.of(1), Bitmap256.of(2), Bitmap256.of(3)),
          Apcb0.of(1L, (short) 2, (short) 3),
          Errno.EINVAL
        }) {
      tester.testAllPublicInstanceMethods(value);
    }
  }

  @Test
  void bitmap256_equalsAndHashCode_byIdsWhateverTheFactory() {
    BitSet threeAndTen = new BitSet();
    threeAndTen.set(3);
    threeAndTen.set(10);
    byte[] threeAndTenBytes = new byte[32];
    threeAndTenBytes[0] = 0x10;
    threeAndTenBytes[1] = 0x20;
    new EqualsTester()
        .addEqualityGroup(
            Bitmap256.empty(),
            Bitmap256.of(),
            Bitmap256.ofWords(0L, 0L, 0L, 0L),
            Bitmap256.firstN(0),
            Bitmap256.range(9, 8),
            Bitmap256.of(7).without(7))
        .addEqualityGroup(
            Bitmap256.all(),
            Bitmap256.firstN(256),
            Bitmap256.range(0, 255),
            Bitmap256.empty().complement(),
            Bitmap256.range(1, 255).with(0))
        .addEqualityGroup(
            Bitmap256.of(3, 10),
            Bitmap256.of(10, 3, 3),
            Bitmap256.ofWords(0x1020000000000000L, 0L, 0L, 0L),
            Bitmap256.fromBitSet(threeAndTen),
            Bitmap256.fromBytes(threeAndTenBytes),
            Bitmap256.of(3).with(10))
        .addEqualityGroup(Bitmap256.of(0))
        .addEqualityGroup(Bitmap256.of(63))
        .addEqualityGroup(Bitmap256.of(64))
        .addEqualityGroup(Bitmap256.of(128))
        .addEqualityGroup(Bitmap256.of(192))
        .addEqualityGroup(Bitmap256.of(255), Bitmap256.ofWords(0L, 0L, 0L, 1L))
        .addEqualityGroup(Bitmap256.all().without(255))
        .testEquals();
  }

  @Test
  void ids_equalsAndHashCode_byValue() {
    new EqualsTester()
        .addEqualityGroup(Apqn.of(0x14, 5), new Apqn(0x14, 5), Apqn.ofValue(0x1405))
        .addEqualityGroup(Apqn.of(5, 0x14))
        .addEqualityGroup(Apqn.of(0, 0), Apqn.ofValue(0))
        .testEquals();
  }

  @Test
  void apcbs_equalsAndHashCode_byMasks() {
    Bitmap256 a = Bitmap256.of(1);
    Bitmap256 b = Bitmap256.of(2);
    new EqualsTester()
        .addEqualityGroup(
            Apcb.empty(), Apcb.of(Bitmap256.empty(), Bitmap256.empty(), Bitmap256.empty()))
        .addEqualityGroup(Apcb.of(a, b, a), new Apcb(Bitmap256.of(1), Bitmap256.of(2), a))
        .addEqualityGroup(Apcb.of(b, a, a))
        .addEqualityGroup(Apcb.of(a, a, b))
        .addEqualityGroup(
            Apcb0.of(0x8000000000000000L, (short) 0x8000, (short) 1),
            Apcb.of(Bitmap256.of(0, 64), Bitmap256.of(0, 16), Bitmap256.of(15)).toApcb0())
        .addEqualityGroup(Apcb0.of(0L, (short) 0, (short) 0), Apcb.empty().toApcb0())
        .addEqualityGroup(Apcb0.of(0L, (short) 1, (short) 0))
        .testEquals();
  }
}
