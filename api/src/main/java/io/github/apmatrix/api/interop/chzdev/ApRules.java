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
 *
 * @param apmask the persistent apmask as written in the file, if any
 * @param aqmask the persistent aqmask as written in the file, if any
 * @param unrecognized the lines that are not udev rules, in file order
 */
public record ApRules(Optional<String> apmask, Optional<String> aqmask, List<String> unrecognized) {

  /** The path of the file. */
  public static final String PATH = "/etc/udev/rules.d/41-ap.rules";

  private static final int MAX_VALUE = 66;
  private static final Pattern ENTRY =
      Pattern.compile("\\s*(\\w+(?:\\{[^}]*\\})?)\\s*(==|!=|=|\\+=|:=)\\s*(.*?)\\s*");

  /** Checks the fields and copies the list. */
  public ApRules {
    Objects.requireNonNull(apmask, "apmask");
    Objects.requireNonNull(aqmask, "aqmask");
    unrecognized = List.copyOf(unrecognized);
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
      List<String> entries = splitOutsideQuotes(t);
      String[] first = null;
      boolean ok = true;
      for (String e : entries) {
        Matcher m = ENTRY.matcher(e);
        if (!m.matches()) {
          ok = false;
          break;
        }
        if (first == null) {
          first = new String[] {m.group(1), unquote(m.group(3))};
        }
      }
      if (!ok || first == null) {
        bad.add(l);
        continue;
      }
      String key = first[0];
      if (key.startsWith("ATTR{")) {
        String value = first[1].length() > MAX_VALUE ? first[1].substring(0, MAX_VALUE) : first[1];
        if (key.contains("apmask")) {
          ap = value;
        } else if (key.contains("aqmask")) {
          aq = value;
        }
      }
    }
    return new ApRules(Optional.ofNullable(ap), Optional.ofNullable(aq), bad);
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
    return apmask.map(ApMask::hex2bitmap);
  }

  /**
   * Returns the persistent aqmask as bits, when set and well-formed.
   *
   * @throws SyntaxException when the value is not a mask of hex digits
   */
  public Optional<Bitmap256> aqmaskBits() {
    return aqmask.map(ApMask::hex2bitmap);
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
}
