package io.github.apmatrix.api.picture;

import io.github.apmatrix.api.plan.CommandLine;
import io.github.apmatrix.api.text.MessageText;
import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.api.text.UuidText;
import io.github.apmatrix.core.model.Host;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code ./apmatrix picture}: the matrix of a host or of one mediated device, as SVG ({@code --out
 * FILE.svg}) or as a grid on the terminal.
 *
 * <p>Not thread-safe; one run.
 */
public final class PictureCommand {

  /** The help text of the command. */
  public static final String HELP =
      """
      Usage: ./apmatrix picture [--host NAME | --sysfs DIR] [--setup SCRIPT] [--device UUID]
                                [--out FILE.svg] [--color | --plain]

      The matrix as a grid, adapters down and domains across, zoomed to the ids in use: each
      queue coloured by who holds it (the host's default drivers, free for vfio_ap, unbound, each
      mediated device, its guest's view), withheld queues marked with their reason, control
      domains in a strip of their own, and a legend. --out writes SVG (hover a square for why);
      without it the grid goes to standard output, coloured when that is a terminal (and
      NO_COLOR is not set); --color and --plain decide.
      --device UUID zooms to one mediated device's matrix.
      """;

  private final ColourMode unasked;

  /** Creates the command; without {@code --color} the grid is plain. */
  public PictureCommand() {
    this(ColourMode.PLAIN);
  }

  /**
   * Creates the command drawing the grid in {@code unasked} when neither {@code --color} nor {@code
   * --plain} is given; the launcher passes {@link ColourMode#COLOUR} when standard output is a
   * terminal that takes colour.
   */
  public PictureCommand(ColourMode unasked) {
    this.unasked = Objects.requireNonNull(unasked, "unasked");
  }

  /**
   * Runs the command.
   *
   * @return the exit status: 0, or 2 for a usage error or a file that cannot be written
   */
  public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    try {
      CommandLine cl =
          CommandLine.parse(args, Set.of("--device", "--out"), Set.of("--color", "--plain"));
      if (!cl.operands().isEmpty()) {
        throw new CommandLine.UsageError("picture takes no operands: " + cl.operands());
      }
      Optional<Host> host = cl.host(err);
      if (host.isEmpty()) {
        return 2;
      }
      Grid grid = grid(host.get(), cl.value("--device"));
      Optional<String> file = cl.value("--out");
      if (file.isPresent()) {
        try {
          SvgPicture.write(grid, Path.of(file.get()));
        } catch (IOException e) {
          err.println("apmatrix: cannot write " + file.get() + ": " + e.getClass().getSimpleName());
          return 2;
        }
        return 0;
      }
      out.print(
          colour(cl) == ColourMode.COLOUR
              ? TerminalGrid.renderInColour(grid)
              : TerminalGrid.render(grid));
      return 0;
    } catch (CommandLine.UsageError e) {
      err.println("apmatrix: " + e.getMessage());
      err.println("Try './apmatrix picture --help'.");
      return 2;
    }
  }

  private ColourMode colour(CommandLine cl) {
    return cl.flag("--color") ? ColourMode.COLOUR : cl.flag("--plain") ? ColourMode.PLAIN : unasked;
  }

  private static Grid grid(Host host, Optional<String> device) {
    if (device.isEmpty()) {
      return Grid.of(host);
    }
    UUID uuid;
    try {
      uuid = UuidText.parseAnyCase(device.get());
    } catch (SyntaxException e) {
      throw new CommandLine.UsageError("not a UUID: " + MessageText.bare(device.get()));
    }
    if (host.mdevs().find(uuid).isEmpty()) {
      throw new CommandLine.UsageError("no mediated device " + uuid);
    }
    return Grid.of(host, uuid);
  }
}
