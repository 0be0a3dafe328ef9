/**
 * apmatrix launcher: the {@code ./apmatrix} command line (demo, scripts, the interactive shell,
 * snapshots). Not a library: the only module that exits the JVM.
 */
module io.github.apmatrix.launcher {
  requires io.github.apmatrix.api;
  requires static org.jspecify;

  exports io.github.apmatrix.launcher;
}
