package io.github.apmatrix.api.interop.chzdev;

import io.github.apmatrix.api.text.ApMask;
import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.core.Bitmap256;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The persistent AP masks of {@code /etc/udev/rules.d/41-ap.rules}.
 *
 * <p>{@link #read(String)} reads the file as s390-tools' {@code ap_read_udev_masks} and {@code
 * util_udev_read_file} do: each line is split on commas outside quotes into {@code key op value}
 * entries; only the first entry of a line counts; an {@code ATTR{...}} key containing {@code
 * apmask} (else {@code aqmask}) sets that mask to the value (one pair of quotes stripped, at most
 * 66 characters); a later line wins. Lines that are not udev rules are collected, not fatal.
 *
 * <p>{@link #write(Bitmap256, Bitmap256)}, {@link #writeApmask} and {@link #writeAqmask} write the
 * file as chzdev ({@code ap_write_type_udev}) writes it for the persistent masks that are set, with
 * the masks as {@code 0x} and 64 lower-case hex digits; with neither mask set chzdev writes no
 * file.
 *
 * <pre>{@code
 * ApRules r = ApRules.read(Files.readString(Path.of("/etc/udev/rules.d/41-ap.rules")));
 * r.apmask();                       // Optional<String>, the text as ap-check sees it
 * r.apmaskBits();                   // Optional<Bitmap256>
 * String file = ApRules.writeApmask(apmask);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ApRules {

  /** The path of the file. */
  public static final String PATH = "/etc/udev/rules.d/41-ap.rules";

  private static final int MAX_VALUE = 66;
  private static final String ATTR = "ATTR{";
  private static final Pattern ENTRY =
      Pattern.compile("\\s*(\\w+(?:\\{[^}]*\\})?)\\s*(==|!=|=|\\+=|:=)\\s*(.*?)\\s*");

  private final @Nullable String apmask;
  private final @Nullable String aqmask;
  private final List<String> unrecognized;

  private ApRules(@Nullable String apmask, @Nullable String aqmask, List<String> unrecognized) {
    this.apmask = apmask;
    this.aqmask = aqmask;
    this.unrecognized = List.copyOf(unrecognized);
  }

  /** Returns the persistent apmask as written in the file, if any. */
  public Optional<String> apmask() {
    return Optional.ofNullable(apmask);
  }

  /** Returns the persistent aqmask as written in the file, if any. */
  public Optional<String> aqmask() {
    return Optional.ofNullable(aqmask);
  }

  /** Returns the lines that are not udev rules, in file order. */
  public List<String> unrecognized() {
    return unrecognized;
  }

  /** Reads the file's text. Never fails: lines it does not understand are collected. */
  public static ApRules read(String text) {
    String ap = null;
    String aq = null;
    List<String> bad = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      String t = l.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      Entry first = firstEntry(t);
      if (first == null) {
        bad.add(l);
      } else if (first.key().startsWith(ATTR)) {
        String value = first.value();
        value = value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value;
        if (first.key().contains("apmask")) {
          ap = value;
        } else if (first.key().contains("aqmask")) {
          aq = value;
        }
      }
    }
    return new ApRules(ap, aq, bad);
  }

  /** One {@code key op value} entry of a rule, the value with one pair of quotes stripped. */
  private record Entry(String key, String value) {}

  /** The first entry of a rule line, or null when one of its entries is not a udev entry. */
  private static @Nullable Entry firstEntry(String line) {
    Entry first = null;
    for (String e : splitOutsideQuotes(line)) {
      Matcher m = ENTRY.matcher(e);
      if (!m.matches()) {
        return null;
      }
      if (first == null) {
        first = new Entry(m.group(1), unquote(m.group(3)));
      }
    }
    return first;
  }

  private static List<String> splitOutsideQuotes(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
        continue;
      }
      cur.append(c);
    }
    out.add(cur.toString());
    return out;
  }

  private static String unquote(String v) {
    if (v.length() >= 2
        && (v.charAt(0) == '"' || v.charAt(0) == '\'')
        && v.charAt(v.length() - 1) == v.charAt(0)) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  /**
   * Returns the persistent apmask as bits, when set and well-formed.
   *
   * @throws SyntaxException when the value is not a mask of hex digits
   */
  public Optional<Bitmap256> apmaskBits() {
    return apmask().map(ApMask::hex2bitmap);
  }

  /**
   * Returns the persistent aqmask as bits, when set and well-formed.
   *
   * @throws SyntaxException when the value is not a mask of hex digits
   */
  public Optional<Bitmap256> aqmaskBits() {
    return aqmask().map(ApMask::hex2bitmap);
  }

  /** Returns the file chzdev writes when both persistent masks are set. */
  public static String write(Bitmap256 apmask, Bitmap256 aqmask) {
    return file(Objects.requireNonNull(apmask, "apmask"), Objects.requireNonNull(aqmask, "aqmask"));
  }

  /** Returns the file chzdev writes when only the persistent apmask is set. */
  public static String writeApmask(Bitmap256 apmask) {
    return file(Objects.requireNonNull(apmask, "apmask"), null);
  }

  /** Returns the file chzdev writes when only the persistent aqmask is set. */
  public static String writeAqmask(Bitmap256 aqmask) {
    return file(null, Objects.requireNonNull(aqmask, "aqmask"));
  }

  private static String file(@Nullable Bitmap256 apmask, @Nullable Bitmap256 aqmask) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Generated by chzdev\n");
    sb.append("ACTION==\"add\", DEVPATH==\"/bus/ap\", ATTR{bindings_complete_count}!=\"0\",")
        .append(" GOTO=\"cfg_ap\"\n");
    sb.append("ACTION==\"change\", SUBSYSTEM==\"ap\", DEVPATH==\"/devices/ap\",")
        .append(" ENV{BINDINGS}==\"complete\", ENV{COMPLETECOUNT}==\"1\", GOTO=\"cfg_ap\"\n");
    sb.append("GOTO=\"end_ap\"\n\nLABEL=\"cfg_ap\"\n\n");
    if (apmask != null) {
      sb.append("ATTR{../../bus/ap/apmask}=\"").append(hex(apmask)).append("\"\n");
    }
    if (aqmask != null) {
      sb.append("ATTR{../../bus/ap/aqmask}=\"").append(hex(aqmask)).append("\"\n");
    }
    sb.append("RUN{builtin}+=\"kmod load vfio_ap\"\n\nLABEL=\"end_ap\"\n");
    return sb.toString();
  }

  private static String hex(Bitmap256 m) {
    return ApMask.format(m).strip();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ApRules r
        && Objects.equals(apmask, r.apmask)
        && Objects.equals(aqmask, r.aqmask)
        && unrecognized.equals(r.unrecognized);
  }

  @Override
  public int hashCode() {
    return Objects.hash(apmask, aqmask, unrecognized);
  }

  @Override
  public String toString() {
    return "ApRules{apmask "
        + (apmask == null ? "not set" : apmask)
        + ", aqmask "
        + (aqmask == null ? "not set" : aqmask)
        + ", "
        + unrecognized.size()
        + " unrecognized lines}";
  }
}
