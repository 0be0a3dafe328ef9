package io.github.apmatrix.api.plan;

import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text form of requests that {@code ./apmatrix plan --propose FILE} reads: one request a line,
 * blank lines and lines starting with {@code #} skipped.
 *
 * <pre>
 * guest g1 adapters=2 type=CEX8 mode=CCA domains=1 control=usage
 * guest web*20 on-adapters=0x04,0x05 domains=1
 * guest db on-adapters=3 on-domains=0x10-0x12 control=0x10
 * </pre>
 *
 * <p>{@code NAME*N} stands for N guests {@code NAME1..NAMEN} with the same request. Keys: {@code
 * adapters=N}, {@code on-adapters=IDS}, {@code type=CEX4..CEX8}, {@code mode=CCA|EP11|ACCEL},
 * {@code domains=N}, {@code on-domains=IDS}, {@code control=usage|IDS}; IDS is a comma list of ids
 * and ranges ({@code 0x10-0x12}), decimal or {@code 0x} hexadecimal, 0..255.
 *
 * <p>Stateless and thread-safe.
 */
public final class RequestText {

  private static final int MAX_REPEAT = 256;

  private RequestText() {}

  /**
   * Parses requests.
   *
   * @throws SyntaxException (EINVAL) naming the line and what is wrong with it; the position is the
   *     offending word's offset in {@code text}
   */
  public static List<Request> parse(String text) {
    List<Request> out = new ArrayList<>();
    int offset = 0;
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      String s = line.strip();
      if (!s.isEmpty() && !s.startsWith("#")) {
        out.addAll(line(text, offset + line.indexOf(s.charAt(0)), s, number));
      }
      offset += line.length() + 1;
    }
    return List.copyOf(out);
  }

  private static List<Request> line(String text, int at, String s, int number) {
    String[] words = s.split("[ \t]+", -1);
    if (!words[0].equals("guest") || words.length < 2) {
      throw bad(text, at, number, "a request starts with 'guest NAME'");
    }
    int pos = at + s.indexOf(words[1], 5);
    String name = words[1];
    int repeat = 1;
    int star = name.indexOf('*');
    if (star >= 0) {
      repeat = (int) Math.min(number(text, pos + star + 1, name.substring(star + 1), number), 9999);
      name = name.substring(0, star);
      if (repeat < 1 || repeat > MAX_REPEAT) {
        throw bad(text, pos, number, "NAME*N needs N in 1.." + MAX_REPEAT);
      }
    }
    if (name.isEmpty() || !name.matches("[A-Za-z0-9_.:-]+")) {
      throw bad(text, pos, number, "a guest name is letters, digits and _ . : -");
    }
    Request r = Request.guest(name);
    int from = pos + words[1].length();
    for (int i = 2; i < words.length; i++) {
      int wat = s.indexOf(words[i], from - at) + at;
      from = wat + words[i].length();
      r = key(text, wat, words[i], r, number);
    }
    if (repeat == 1 && star < 0) {
      return List.of(r);
    }
    List<Request> out = new ArrayList<>();
    for (int i = 1; i <= repeat; i++) {
      out.add(rename(r, name + i));
    }
    return out;
  }

  private static Request rename(Request r, String name) {
    return new Request(
        name,
        r.adapterCount(),
        r.adapterIds(),
        r.type(),
        r.mode(),
        r.domainCount(),
        r.domainIds(),
        r.controlAsUsage(),
        r.controlIds());
  }

  private static Request key(String text, int at, String word, Request r, int number) {
    int eq = word.indexOf('=');
    if (eq <= 0) {
      throw bad(text, at, number, "expected KEY=VALUE");
    }
    String k = word.substring(0, eq);
    String v = word.substring(eq + 1);
    int vat = at + eq + 1;
    try {
      return switch (k) {
        case "adapters" -> r.adapters(count(text, vat, v, number));
        case "on-adapters" -> r.adapterIds(ids(text, vat, v, number));
        case "domains" -> r.domains(count(text, vat, v, number));
        case "on-domains" -> r.domainIds(ids(text, vat, v, number));
        case "type" -> r.type(type(text, vat, v, number));
        case "mode" -> r.mode(mode(text, vat, v, number));
        case "control" ->
            v.equals("usage") ? r.controlSameAsUsage() : r.controlIds(ids(text, vat, v, number));
        default -> throw bad(text, at, number, "unknown key " + k);
      };
    } catch (SyntaxException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw bad(text, vat, number, String.valueOf(e.getMessage()));
    }
  }

  private static int count(String text, int at, String v, int number) {
    long n = number(text, at, v, number);
    if (n < 1 || n > 256) {
      throw bad(text, at, number, "a count must be 1..256");
    }
    return (int) n;
  }

  private static CardType type(String text, int at, String v, int number) {
    String u = v.toUpperCase(Locale.ROOT);
    if (u.matches("CEX[4-8]")) {
      return CardType.of(u.charAt(3) - '0' + 6);
    }
    throw bad(text, at, number, "type must be CEX4..CEX8");
  }

  private static CardMode mode(String text, int at, String v, int number) {
    for (CardMode m : CardMode.values()) {
      if (m.name().equalsIgnoreCase(v)) {
        return m;
      }
    }
    throw bad(text, at, number, "mode must be CCA, EP11 or ACCEL");
  }

  private static Bitmap256 ids(String text, int at, String v, int number) {
    Bitmap256 out = Bitmap256.empty();
    int p = 0;
    for (String part : v.split(",", -1)) {
      int dash = part.indexOf('-');
      int lo;
      int hi;
      if (dash < 0) {
        lo = id(text, at + p, part, number);
        hi = lo;
      } else {
        lo = id(text, at + p, part.substring(0, dash), number);
        hi = id(text, at + p + dash + 1, part.substring(dash + 1), number);
        if (hi < lo) {
          throw bad(text, at + p, number, "a range must run upwards");
        }
      }
      out = out.or(Bitmap256.range(lo, hi));
      p += part.length() + 1;
    }
    return out;
  }

  private static int id(String text, int at, String v, int number) {
    long n = number(text, at, v, number);
    if (n > 255) {
      throw bad(text, at, number, "an id must be 0..255");
    }
    return (int) n;
  }

  private static long number(String text, int at, String v, int number) {
    boolean hex = v.startsWith("0x") || v.startsWith("0X");
    String digits = hex ? v.substring(2) : v;
    if (digits.isEmpty() || digits.length() > 6) {
      throw bad(text, at, number, "expected a number");
    }
    long n = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = Character.digit(digits.charAt(i), hex ? 16 : 10);
      if (d < 0) {
        throw bad(text, at, number, "expected a number");
      }
      n = n * (hex ? 16 : 10) + d;
    }
    return n;
  }

  private static SyntaxException bad(String text, int at, int line, String detail) {
    return new SyntaxException(
        Errno.EINVAL,
        text,
        Math.max(0, Math.min(at, text.length())),
        "line " + line + ": " + detail);
  }

  /** Returns ids as this form writes them: {@code 0x04,0x10-0x12}. */
  static String ids(Bitmap256 ids) {
    StringBuilder sb = new StringBuilder();
    for (int a = ids.first(); a >= 0; ) {
      int b = a;
      while (b < 255 && ids.contains(b + 1)) {
        b++;
      }
      sb.append(sb.length() == 0 ? "" : ",").append(String.format("0x%02x", a));
      if (b > a) {
        sb.append(String.format("-0x%02x", b));
      }
      a = b == 255 ? -1 : ids.next(b + 1);
    }
    return sb.toString();
  }
}
