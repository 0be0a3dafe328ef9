package io.github.apmatrix.api.interop.boot;

import io.github.apmatrix.api.text.ApMask;
import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.core.Bitmap256;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The AP bus's parameters of a kernel command line ({@code /proc/cmdline}): {@code ap.apmask=} and
 * {@code ap.aqmask=}, each read as the AP bus reads its mask parameters ({@code ap_parse_mask_str}:
 * a mask, or a list of {@code +}/{@code -} ids and ranges applied to the default mask, where every
 * id is the host's). The words are separated by blanks; a later word overrides an earlier one; a
 * value that does not parse is ignored with a note, as the kernel ignores it with a message. Every
 * other word is left alone.
 *
 * <pre>{@code
 * KernelCommandLine k = KernelCommandLine.read("root=/dev/dasda1 ap.apmask=-0x3\n");
 * k.apmask();   // every adapter but 3
 * k.notes();    // [kernel parameter ap.apmask=-0x3 applied]
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param apmask the adapter mask the AP bus starts with, if the line sets one
 * @param aqmask the usage domain mask the AP bus starts with, if the line sets one
 * @param notes one line per AP bus parameter: applied, or ignored and why
 */
public record KernelCommandLine(
    Optional<Bitmap256> apmask, Optional<Bitmap256> aqmask, List<String> notes) {

  private static final String APMASK = "ap.apmask=";
  private static final String AQMASK = "ap.aqmask=";

  /** Checks the fields and copies the notes. */
  public KernelCommandLine {
    Objects.requireNonNull(apmask, "apmask");
    Objects.requireNonNull(aqmask, "aqmask");
    notes = List.copyOf(notes);
  }

  /** Reads the AP bus's parameters of the command line {@code text}; any text reads. */
  public static KernelCommandLine read(String text) {
    Optional<Bitmap256> ap = Optional.empty();
    Optional<Bitmap256> aq = Optional.empty();
    List<String> notes = new ArrayList<>();
    for (String word : text.strip().split("\\s+", -1)) {
      boolean isAp = word.startsWith(APMASK);
      if (!isAp && !word.startsWith(AQMASK)) {
        continue;
      }
      String value = word.substring(isAp ? APMASK.length() : AQMASK.length());
      try {
        Bitmap256 m = ApMask.write(Bitmap256.all(), value);
        if (isAp) {
          ap = Optional.of(m);
        } else {
          aq = Optional.of(m);
        }
        notes.add("kernel parameter " + bounded(word) + " applied");
      } catch (SyntaxException e) {
        notes.add("kernel parameter " + bounded(word) + " ignored: " + e.getMessage());
      }
    }
    return new KernelCommandLine(ap, aq, notes);
  }

  /** A word cut to 120 characters, so that a note stays one bounded line. */
  private static String bounded(String word) {
    return word.length() <= 120 ? word : word.substring(0, 117) + "...";
  }
}
