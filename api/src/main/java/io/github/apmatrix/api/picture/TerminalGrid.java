package io.github.apmatrix.api.picture;

import io.github.apmatrix.api.plan.Holder;
import java.util.Objects;

/**
 * Renders a {@link Grid} as text for a terminal, one character a queue, in the manner of {@code
 * lszcrypt -d}: adapters down, domains across (their hex digits in two header lines), a strip of
 * control domains below, and a legend. With colour (ANSI escapes) for a terminal, plain otherwise.
 *
 * <pre>
 *        00000000000000000000000000000000000
 *        12...
 * card03 HH+AA
 * </pre>
 *
 * <p>Symbols: {@code H} host, {@code +} free for vfio_ap, {@code u} unbound, {@code .} no queue, a
 * device's letter in upper case where its guest gets the queue, in lower case where the device
 * holds it but no guest gets it ({@code !} after the row when one is withheld).
 *
 * <p>Stateless and thread-safe.
 */
public final class TerminalGrid {

  private static final String RESET = "\u001b[0m";
  private static final String[] DEVICE_COLOURS = {
    "\u001b[1;35m", "\u001b[1;36m", "\u001b[1;31m", "\u001b[1;34m", "\u001b[1;33m", "\u001b[1;32m"
  };

  private TerminalGrid() {}

  /** Renders the grid in plain text. */
  public static String render(Grid grid) {
    return render(grid, false);
  }

  /** Renders the grid with ANSI colours, for a terminal. */
  public static String renderInColour(Grid grid) {
    return render(grid, true);
  }

  private static String render(Grid grid, boolean colour) {
    Objects.requireNonNull(grid, "grid");
    StringBuilder sb = new StringBuilder();
    sb.append(grid.title()).append('\n');
    int[] domains = grid.domains();
    sb.append("domain ");
    for (int d : domains) {
      sb.append(Character.forDigit(d >>> 4, 16));
    }
    sb.append("\n       ");
    for (int d : domains) {
      sb.append(Character.forDigit(d & 15, 16));
    }
    sb.append('\n');
    for (int a : grid.adapters()) {
      sb.append(String.format("card%02x ", a));
      boolean withheld = false;
      for (int d : domains) {
        Cell c = grid.cell(a, d);
        withheld |= c.withheld();
        String sym = symbol(c);
        sb.append(colour ? paint(c, sym) : sym);
      }
      sb.append(withheld ? " !" : "").append('\n');
    }
    sb.append("ctrl   ");
    for (int d : domains) {
      sb.append(control(grid, d, colour));
    }
    sb.append('\n');
    sb.append(
        "H host  + free  u unbound  . none  X guest gets it  x device holds it"
            + "  ctrl: c host control domain, X a device's control domain\n");
    for (int i = 0; i < grid.devices().size(); i++) {
      sb.append(Grid.letter(i))
          .append(' ')
          .append(grid.deviceName(i))
          .append(' ')
          .append(grid.devices().get(i).uuid())
          .append('\n');
    }
    return sb.toString();
  }

  private static String symbol(Cell c) {
    if (c.kind().isEmpty()) {
      return ".";
    }
    Holder.Kind k = c.kind().get();
    return switch (k) {
      case HOST -> "H";
      case FREE -> "+";
      case UNBOUND -> "u";
      case GUEST -> String.valueOf(Grid.letter(c.device()));
      case DEVICE -> String.valueOf(Character.toLowerCase(Grid.letter(c.device())));
    };
  }

  private static String paint(Cell c, String sym) {
    String code =
        c.kind().isEmpty()
            ? "\u001b[2m"
            : switch (c.kind().get()) {
              case HOST -> "\u001b[34m";
              case FREE -> "\u001b[32m";
              case UNBOUND -> "\u001b[33m";
              case GUEST, DEVICE -> DEVICE_COLOURS[c.device() % DEVICE_COLOURS.length];
            };
    return code + sym + RESET;
  }

  private static String control(Grid grid, int d, boolean colour) {
    for (int i = 0; i < grid.devices().size(); i++) {
      if (grid.devices().get(i).matrix().adm().contains(d)) {
        String s = String.valueOf(Grid.letter(i));
        return colour ? DEVICE_COLOURS[i % DEVICE_COLOURS.length] + s + RESET : s;
      }
    }
    return grid.hostControlDomains().contains(d) ? "c" : ".";
  }
}
