package io.github.apmatrix.launcher;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The launcher's commands, in the order {@code ./apmatrix --help} lists them. Immutable. */
final class Commands {

  /** Every command; adding a command is adding its line here. */
  static final List<Command> ALL =
      Stream.of(
              List.<Command>of(
                  new DemoCommand(), //
                  new RunCommand(),
                  new ShellCommand(),
                  new SnapshotCommand(),
                  new JshellCommand()),
              ToolCommands.ALL)
          .flatMap(List::stream)
          .toList();

  private Commands() {}

  /** Returns the command called {@code name}, if there is one. */
  static Optional<Command> named(String name) {
    return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
