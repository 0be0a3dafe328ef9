package io.github.apmatrix.api.text;

import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The listings a mediated device shows in {@code matrix}, {@code guest_matrix} and {@code
 * control_domains}, and strict parsers back from them for loading snapshots.
 *
 * <p>{@code matrix} and {@code guest_matrix} (the kernel's {@code vfio_ap_mdev_matrix_show}) list
 * only ids up to the host's maximum, ascending: one {@code aa.dddd} line per queue of APM × AQM
 * when both masks have ids, else one {@code aa.} line per adapter, else one {@code .dddd} line per
 * domain, else nothing. {@code control_domains} lists one {@code dddd} line per control domain.
 *
 * <pre>{@code
 * MatrixText.format(Bitmap256.of(5, 6), Bitmap256.of(4, 0xab), 255, 255);
 * // "05.0004\n05.00ab\n06.0004\n06.00ab\n"
 * MatrixText.parse("05.\n06.\n");  // Parsed[adapters=Bitmap256{0x05-0x06}, domains=Bitmap256{}]
 * MatrixText.formatControlDomains(Bitmap256.of(0xab), 255);  // "00ab\n"
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class MatrixText {

  private MatrixText() {}

  /**
   * The adapters and domains a {@code matrix} listing shows.
   *
   * <p>Immutable and thread-safe.
   *
   * @param adapters the adapters; empty for a listing of {@code .dddd} lines or no lines
   * @param domains the domains; empty for a listing of {@code aa.} lines or no lines
   */
  public record Parsed(Bitmap256 adapters, Bitmap256 domains) {

    /** Creates the result; both masks must be non-null. */
    public Parsed {
      Objects.requireNonNull(adapters, "adapters");
      Objects.requireNonNull(domains, "domains");
    }
  }

  /**
   * Returns the {@code matrix} (or {@code guest_matrix}) listing of the given masks.
   *
   * @param apm the adapters
   * @param aqm the usage domains
   * @param apmMax the host's largest adapter id; larger ids are not listed
   * @param aqmMax the host's largest domain id; larger ids are not listed
   * @throws IllegalArgumentException if {@code apmMax} or {@code aqmMax} is outside 0..255
   */
  public static String format(Bitmap256 apm, Bitmap256 aqm, int apmMax, int aqmMax) {
    Bitmap256 adapters = apm.limit(count(apmMax, "apmMax"));
    Bitmap256 domains = aqm.limit(count(aqmMax, "aqmMax"));
    StringBuilder sb = new StringBuilder();
    if (!adapters.isEmpty() && !domains.isEmpty()) {
      adapters.forEach(
          a ->
              domains.forEach(
                  d -> sb.append(hex(a, 2)).append('.').append(hex(d, 4)).append('\n')));
    } else if (!adapters.isEmpty()) {
      adapters.forEach(a -> sb.append(hex(a, 2)).append(".\n"));
    } else {
      domains.forEach(d -> sb.append('.').append(hex(d, 4)).append('\n'));
    }
    return sb.toString();
  }

  /**
   * Returns the {@code control_domains} listing: one {@code %04x} line per control domain up to
   * {@code admMax}, ascending; the empty text when there is none.
   *
   * @param adm the control domains
   * @param admMax the host's largest domain id; larger ids are not listed
   * @throws IllegalArgumentException if {@code admMax} is outside 0..255
   */
  public static String formatControlDomains(Bitmap256 adm, int admMax) {
    StringBuilder sb = new StringBuilder();
    adm.limit(count(admMax, "admMax")).forEach(d -> sb.append(hex(d, 4)).append('\n'));
    return sb.toString();
  }

  /**
   * Parses a {@code matrix} or {@code guest_matrix} listing, strictly: the text must be exactly
   * what {@link #format(Bitmap256, Bitmap256, int, int)} prints for the masks it names, so every
   * line is lower-case hex ending in {@code \n}, all lines have the same form, ids are at most 255,
   * and {@code aa.dddd} lines are the full cross product of the adapters and domains they name, in
   * ascending order.
   *
   * <p>{@link SyntaxException} is the only exception this method throws for any input string.
   *
   * @param text the listing
   * @return the adapters and domains the listing shows
   * @throws SyntaxException with {@code ERANGE} for a domain above 255; with {@code EINVAL} for a
   *     malformed line, a line of another form than the first, a missing final {@code \n}, or a
   *     listing that is not APM × AQM in order (the message names the line)
   */
  public static Parsed parse(String text) {
    List<Line> lines = new ArrayList<>();
    Bitmap256 adapters = Bitmap256.empty();
    Bitmap256 domains = Bitmap256.empty();
    for (int start = 0, number = 1; start < text.length(); number++) {
      int end = lineEnd(text, start, number);
      Line line = Line.parse(text, start, end, number);
      if (!lines.isEmpty() && line.form() != lines.get(0).form()) {
        throw Texts.invalid(
            text,
            start,
            "line "
                + number
                + " "
                + Texts.quote(text.substring(start, end))
                + " has another form than line 1; a listing has one form throughout");
      }
      lines.add(line);
      adapters = line.adapter() >= 0 ? adapters.with(line.adapter()) : adapters;
      domains = line.domain() >= 0 ? domains.with(line.domain()) : domains;
      start = end + 1;
    }
    String expected = format(adapters, domains, Bitmap256.MAX_ID, Bitmap256.MAX_ID);
    if (!expected.equals(text)) {
      throw notCrossProduct(text, lines, expected);
    }
    return new Parsed(adapters, domains);
  }

  private static SyntaxException notCrossProduct(String text, List<Line> lines, String expected) {
    String[] want = expected.split("\n", -1);
    for (int k = 0; k < lines.size(); k++) {
      Line line = lines.get(k);
      String got = text.substring(line.start(), line.end());
      if (k >= want.length - 1 || !want[k].equals(got)) {
        String instead =
            k >= want.length - 1 ? "a repeated line" : "expected \"" + want[k] + "\" there";
        throw Texts.invalid(
            text,
            line.start(),
            "line "
                + line.number()
                + " "
                + Texts.quote(got)
                + " is out of place ("
                + instead
                + "): a matrix listing is every adapter × every domain it names, ascending");
      }
    }
    throw Texts.invalid(
        text,
        text.length(),
        "line "
            + (lines.size() + 1)
            + " \""
            + want[lines.size()]
            + "\" is missing: a matrix listing is every adapter × every domain it names");
  }

  /**
   * Parses a {@code control_domains} listing, strictly: one {@code %04x} line per domain, each
   * ending in {@code \n}, ids at most 255 and strictly ascending; the empty text is no domain.
   *
   * <p>{@link SyntaxException} is the only exception this method throws for any input string.
   *
   * @param text the listing, e.g. {@code "0004\n00ab\n"}
   * @return the control domains
   * @throws SyntaxException with {@code ERANGE} for an id above 255; with {@code EINVAL} for a
   *     malformed line, a missing final {@code \n}, or ids not strictly ascending
   */
  public static Bitmap256 parseControlDomains(String text) {
    Bitmap256 domains = Bitmap256.empty();
    int previous = -1;
    for (int start = 0, number = 1; start < text.length(); number++) {
      int end = lineEnd(text, start, number);
      if (end - start != 4) {
        throw Texts.invalid(
            text,
            start,
            "line "
                + number
                + " "
                + Texts.quote(text.substring(start, end))
                + " is not 4 hex digits");
      }
      int id = hexId(text, start, end, number);
      if (id <= previous) {
        throw Texts.invalid(
            text,
            start,
            "line "
                + number
                + " "
                + Texts.quote(text.substring(start, end))
                + " is not above line "
                + (number - 1)
                + "; domains are listed ascending, once each");
      }
      domains = domains.with(id);
      previous = id;
      start = end + 1;
    }
    return domains;
  }

  /** The forms of a matrix line. */
  private enum Form {
    QUEUE,
    ADAPTER,
    DOMAIN
  }

  /** One parsed line of a matrix listing; -1 for an id the line does not have. */
  private record Line(Form form, int adapter, int domain, int start, int end, int number) {

    static Line parse(String text, int start, int end, int number) {
      int length = end - start;
      int dot = length >= 3 && text.charAt(start + 2) == '.' ? start + 2 : -1;
      if (length >= 1 && text.charAt(start) == '.') {
        dot = start;
      }
      if (dot == start + 2 && length == 7) {
        return new Line(
            Form.QUEUE,
            hexId(text, start, dot, number),
            hexId(text, dot + 1, end, number),
            start,
            end,
            number);
      }
      if (dot == start + 2 && length == 3) {
        return new Line(Form.ADAPTER, hexId(text, start, dot, number), -1, start, end, number);
      }
      if (dot == start && length == 5) {
        return new Line(Form.DOMAIN, -1, hexId(text, dot + 1, end, number), start, end, number);
      }
      throw Texts.invalid(
          text,
          start,
          "line "
              + number
              + " "
              + Texts.quote(text.substring(start, end))
              + " is not of the form \"aa.dddd\", \"aa.\" or \".dddd\"");
    }
  }

  /** Returns the index of the {@code \n} ending the line at {@code start}. */
  private static int lineEnd(String text, int start, int number) {
    int end = text.indexOf('\n', start);
    if (end < 0) {
      throw Texts.invalid(text, text.length(), "line " + number + " does not end with \\n");
    }
    return end;
  }

  /** Parses {@code text[from, to)} as lower-case hex digits naming an id 0..255. */
  private static int hexId(String text, int from, int to, int number) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        throw Texts.invalid(
            text, i, Texts.at(text, i) + " on line " + number + " is not a lower-case hex digit");
      }
      value = value * 16 + Texts.hexValue(c);
    }
    if (value > Bitmap256.MAX_ID) {
      throw new SyntaxException(
          Errno.ERANGE,
          text,
          from,
          "id 0x"
              + MessageText.bare(text.substring(from, to))
              + " on line "
              + number
              + " is above 255");
    }
    return value;
  }

  private static int count(int max, String name) {
    if (max < 0 || max > Bitmap256.MAX_ID) {
      throw new IllegalArgumentException(name + " must be in 0..255: " + max);
    }
    return max + 1;
  }

  private static String hex(int id, int width) {
    String digits = Integer.toHexString(id);
    return "0".repeat(width - digits.length()) + digits;
  }
}
