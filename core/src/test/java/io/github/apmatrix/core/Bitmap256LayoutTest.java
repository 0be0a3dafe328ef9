package io.github.apmatrix.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Table tests of the MSB-0 layout, hex, bytes and text of {@link Bitmap256}, with the expected
 * values written out by hand (docs/model.md §1.3, §1.4).
 */
class Bitmap256LayoutTest {

  private static final String ZEROS_64 = "0".repeat(64);

  @ParameterizedTest(name = "ids {0} -> words {1} {2} {3} {4}")
  @CsvSource({
    // the bit order of the architecture, id by id (docs/model.md §1.3)
    "0,       8000000000000000, 0000000000000000, 0000000000000000, 0000000000000000",
    "5,       0400000000000000, 0000000000000000, 0000000000000000, 0000000000000000",
    "5 6,     0600000000000000, 0000000000000000, 0000000000000000, 0000000000000000",
    "64,      0000000000000000, 8000000000000000, 0000000000000000, 0000000000000000",
    // word edges
    "63,      0000000000000001, 0000000000000000, 0000000000000000, 0000000000000000",
    "127 128, 0000000000000000, 0000000000000001, 8000000000000000, 0000000000000000",
    "191 192, 0000000000000000, 0000000000000000, 0000000000000001, 8000000000000000",
    "255,     0000000000000000, 0000000000000000, 0000000000000000, 0000000000000001",
    "3 10,    1020000000000000, 0000000000000000, 0000000000000000, 0000000000000000",
  })
  void of_ids_layWordsOutMsb0(String ids, String w0, String w1, String w2, String w3) {
    Bitmap256 bitmap = Bitmap256.of(parseIds(ids));
    long[] expected = {
      Long.parseUnsignedLong(w0, 16),
      Long.parseUnsignedLong(w1, 16),
      Long.parseUnsignedLong(w2, 16),
      Long.parseUnsignedLong(w3, 16)
    };
    assertThat(bitmap.toWords()).containsExactly(expected);
    for (int i = 0; i < 4; i++) {
      assertThat(bitmap.word(i)).isEqualTo(expected[i]);
    }
    assertThat(bitmap.toHex()).isEqualTo("0x" + w0 + w1 + w2 + w3);
  }

  @ParameterizedTest(name = "ids {0} -> {1}")
  @CsvSource({
    "'',      0x0000000000000000000000000000000000000000000000000000000000000000",
    "0,       0x8000000000000000000000000000000000000000000000000000000000000000",
    "3 10,    0x1020000000000000000000000000000000000000000000000000000000000000",
    // an AQM with domains 0x02 and 0x20: id 2 -> digit 0 = 2, id 32 -> digit 8 = 8
    "2 32,    0x2000000080000000000000000000000000000000000000000000000000000000",
    "0 1 2 3, 0xf000000000000000000000000000000000000000000000000000000000000000",
    "252 255, 0x0000000000000000000000000000000000000000000000000000000000000009",
  })
  void toHex_ids_giveTheKernelsCanonicalHex(String ids, String hex) {
    assertThat(Bitmap256.of(parseIds(ids)).toHex()).isEqualTo(hex);
  }

  @Test
  void toHex_emptyAndAll_areAllZerosAndAllFs() {
    assertThat(Bitmap256.empty().toHex()).isEqualTo("0x" + ZEROS_64);
    assertThat(Bitmap256.all().toHex()).isEqualTo("0x" + "f".repeat(64));
  }

  @ParameterizedTest(name = "id {0} -> byte {1} = {2}")
  @CsvSource({
    "0, 0, 0x80",
    "7, 0, 0x01",
    "8, 1, 0x80",
    "10, 1, 0x20",
    "64, 8, 0x80",
    "255, 31, 0x01"
  })
  void toBytes_oneId_setsBitSevenMinusIdMod8OfByteIdDiv8(int id, int index, String value) {
    byte[] expected = new byte[32];
    expected[index] = (byte) Integer.parseInt(value.substring(2), 16);
    assertThat(Bitmap256.of(id).toBytes()).containsExactly(expected);
    assertThat(Bitmap256.fromBytes(expected)).isEqualTo(Bitmap256.of(id));
  }

  @Test
  void toBytes_byteZeroHoldsIdsZeroToSeven_idZeroInItsTopBit() {
    byte[] bytes = Bitmap256.range(0, 7).toBytes();
    assertThat(bytes[0]).isEqualTo((byte) 0xff);
    assertThat(Arrays.copyOfRange(bytes, 1, 32)).containsOnly((byte) 0);
  }

  @Test
  void toBytes_returnsAFreshArray() {
    Bitmap256 bitmap = Bitmap256.of(0);
    bitmap.toBytes()[0] = 0;
    assertThat(bitmap.toBytes()[0]).isEqualTo((byte) 0x80);
  }

  @ParameterizedTest(name = "ids {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''           | Bitmap256{}",
        "5            | Bitmap256{0x05}",
        "5 6          | Bitmap256{0x05-0x06}",
        "3 10 11 12   | Bitmap256{0x03, 0x0a-0x0c}",
        "0 63 64 255  | Bitmap256{0x00, 0x3f-0x40, 0xff}",
        "254 255      | Bitmap256{0xfe-0xff}",
      })
  void toString_ids_hexWithRunsCollapsed(String ids, String text) {
    assertThat(Bitmap256.of(parseIds(ids))).hasToString(text);
  }

  @Test
  void toString_all_isOneRun() {
    assertThat(Bitmap256.all()).hasToString("Bitmap256{0x00-0xff}");
  }

  @Test
  void emptyAndAll_holdNothingAndEverything() {
    assertThat(Bitmap256.empty().isEmpty()).isTrue();
    assertThat(Bitmap256.empty().cardinality()).isZero();
    assertThat(Bitmap256.all().cardinality()).isEqualTo(Bitmap256.SIZE);
    assertThat(Bitmap256.all().toWords()).containsOnly(-1L);
    assertThat(Bitmap256.of()).isEqualTo(Bitmap256.empty());
    assertThat(Bitmap256.range(0, 255)).isEqualTo(Bitmap256.all());
    assertThat(Bitmap256.SIZE).isEqualTo(256);
    assertThat(Bitmap256.MAX_ID).isEqualTo(255);
  }

  @Test
  void word_indexOutside0To3_refusedWithIndexOutOfBounds() {
    for (int i : new int[] {-1, 4}) {
      assertThatThrownBy(() -> Bitmap256.all().word(i))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessageContaining(String.valueOf(i));
    }
  }

  @Test
  void fromBitSet_spaceForAllIds_refusesOnlyAnId256() {
    BitSet bits = new BitSet(1024);
    bits.set(255);
    assertThat(Bitmap256.fromBitSet(bits)).isEqualTo(Bitmap256.of(255));
    bits.set(256);
    assertThatThrownBy(() -> Bitmap256.fromBitSet(bits))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("256");
  }

  @Test
  void withAndWithout_noChange_returnEqualBitmaps() {
    Bitmap256 bitmap = Bitmap256.of(0, 64, 128, 192);
    for (int id : new int[] {0, 64, 128, 192}) {
      assertThat(bitmap.with(id)).isEqualTo(bitmap);
      assertThat(bitmap.without(id + 1)).isEqualTo(bitmap);
    }
  }

  private static int[] parseIds(String ids) {
    return ids.isBlank()
        ? new int[0]
        : Arrays.stream(ids.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
  }
}
