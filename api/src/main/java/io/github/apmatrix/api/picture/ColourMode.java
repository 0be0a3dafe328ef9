package io.github.apmatrix.api.picture;

/**
 * Whether a grid drawn as text is coloured: the choice {@code picture} makes when neither {@code
 * --color} nor {@code --plain} is given. The library never decides this from the environment; the
 * program that knows what standard output is (the launcher) hands it in.
 *
 * <pre>{@code
 * new PictureCommand(ColourMode.COLOUR).run(List.of(), in, out, err);  // coloured unless --plain
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum ColourMode {
  /** ANSI colours, one per holder, as {@link TerminalGrid#renderInColour} draws them. */
  COLOUR,
  /** Plain characters, as {@link TerminalGrid#render} draws them. */
  PLAIN
}
