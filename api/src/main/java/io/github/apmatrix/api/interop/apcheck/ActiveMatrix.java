package io.github.apmatrix.api.interop.apcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * An active device's assignments as ap-check reads them from sysfs ({@code vfio_ap_parse_matrix},
 * {@code vfio_ap_parse_control}): {@code matrix} lines {@code AA.DDDD}, {@code AA.} or {@code
 * .DDDD} in hex, sorted and de-duplicated; {@code control_domains} lines in file order. Immutable.
 */
record ActiveMatrix(List<Long> adapters, List<Long> domains, List<Long> controls) {

  private static final int FGETS = 79;

  static ActiveMatrix parse(String matrix, String controlDomains) {
    TreeSet<Long> a = new TreeSet<>();
    TreeSet<Long> d = new TreeSet<>();
    for (String line : lines(matrix)) {
      String rest;
      if (!line.startsWith(".")) {
        List<String> parts = CNumbers.strtok(line, ".");
        if (parts.isEmpty()) {
          continue;
        }
        a.add(CNumbers.strtolUnsigned(parts.get(0), 16) & 0xffff_ffffL);
        int dot = line.indexOf('.');
        rest = dot < 0 ? "" : stripNewline(line.substring(dot + 1));
      } else {
        rest = stripNewline(line.substring(1));
      }
      if (!rest.isEmpty()) {
        d.add(CNumbers.strtolUnsigned(rest, 16));
      }
    }
    List<Long> c = new ArrayList<>();
    for (String piece : CNumbers.strtok(controlDomains, "\n")) {
      c.add(CNumbers.strtolUnsigned(piece, 16));
    }
    return new ActiveMatrix(new ArrayList<>(a), new ArrayList<>(d), c);
  }

  private static String stripNewline(String s) {
    return CNumbers.strtok(s, "\n").stream().findFirst().orElse("");
  }

  /** The lines {@code fgets(buf, 80)} returns: at most 79 characters each. */
  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int nl = text.indexOf('\n', i);
      int end = nl < 0 ? text.length() : nl + 1;
      end = Math.min(end, i + FGETS);
      out.add(text.substring(i, end));
      i = end;
    }
    return out;
  }

  /** The get-attributes answer: {@code [{"assign_adapter": "4"},...]} and a newline. */
  String attributesJson() {
    List<String> items = new ArrayList<>();
    adapters.forEach(x -> items.add("\"assign_adapter\": \"" + x + "\""));
    domains.forEach(x -> items.add("\"assign_domain\": \"" + x + "\""));
    controls.forEach(x -> items.add("\"assign_control_domain\": \"" + x + "\""));
    return "[{" + String.join("},{", items) + "}]\n";
  }
}
