package io.github.apmatrix.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RefusedExceptionSerializationTest {

  private static final UUID OTHER = UUID.fromString("9c1d7e55-0f7a-4f35-8d2b-77a0c3b1e001");

  @Test
  void refusedException_roundTrip_keepsErrnoMessageApqnsAndOtherDevice() throws Exception {
    Refusal r =
        new Refusal(
            Errno.EADDRINUSE,
            "queue 03.0002 is in mediated device " + OTHER,
            List.of(Apqn.of(0, 0), Apqn.of(3, 2), Apqn.of(0xff, 0xff)),
            Optional.of(OTHER));
    RefusedException back = (RefusedException) roundTrip(new RefusedException(r));
    assertThat(back.refusal()).isEqualTo(r);
    assertThat(back.errno()).isEqualTo(Errno.EADDRINUSE);
    assertThat(back.getMessage()).isEqualTo(r.toString());
    assertThat(back.refusal().apqns())
        .containsExactly(Apqn.of(0, 0), Apqn.of(3, 2), Apqn.of(255, 255)); // the edge ids too
  }

  @Test
  void refusal_withoutApqnsOrOtherDevice_roundTrips() throws Exception {
    Refusal r = Refusal.of(Errno.ENOENT, "no mediated device " + OTHER);
    assertThat(roundTrip(r)).isEqualTo(r);
    assertThat(roundTrip(Outcome.refused(r).refusal().orElseThrow())).isEqualTo(r);
  }

  @Test
  void refusal_serialFormIsNotTheRecord() throws Exception {
    // Optional is not serializable: the record itself could not be written
    byte[] bytes = bytes(Refusal.of(Errno.EBUSY, "busy"));
    assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
        .contains("SerialForm");
  }

  @Test
  void refusal_forgedWithoutErrno_isRefusedWhenRead() throws Exception {
    byte[] forged = forgedWithoutErrno();
    assertThatThrownBy(() -> read(forged))
        .isInstanceOf(InvalidObjectException.class)
        .hasMessageStartingWith("not a refusal: errno");
  }

  private static Object roundTrip(Object o) throws IOException, ClassNotFoundException {
    return read(bytes(o));
  }

  private static byte[] bytes(Object o) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(b)) {
      out.writeObject(o);
    }
    return b.toByteArray();
  }

  private static Object read(byte[] bytes) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    }
  }

  /** Writes the serial form with its errno field null, as a damaged or forged stream could. */
  private static byte[] forgedWithoutErrno() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out =
        new ObjectOutputStream(b) {
          {
            enableReplaceObject(true);
          }

          @Override
          protected @Nullable Object replaceObject(Object obj) {
            return obj instanceof Errno ? null : obj;
          }
        }) {
      out.writeObject(Refusal.of(Errno.EBUSY, "busy"));
    }
    return b.toByteArray();
  }
}
