package io.github.apmatrix.api.interop.apcheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line {@code ap-check [--root DIR] -t TYPE -e EVENT -a ACTION -s STATE -u UUID -p
 * PARENT}, with the config on standard input as mdevctl passes it. Options are read as {@code
 * getopt(argc, argv, "e:a:s:u:p:t:")} with {@code opterr = 0} reads them ({@code -uVALUE} or {@code
 * -u VALUE}, operands ignored, {@code --} ends the options); {@code --root DIR} (default {@code /})
 * is apmatrix's own addition and comes first.
 *
 * <pre>{@code
 * int status = ApCheckCommand.run(List.of("--root", "/tmp/host", "-t", "vfio_ap-passthrough",
 *     "-e", "pre", "-a", "start", "-s", "none", "-u", uuid, "-p", "matrix"), in, out, err);
 * }</pre>
 *
 * <p>Not thread-safe; one run per call.
 */
public final class ApCheckCommand {

  private static final String OPTIONS = "easupt";

  private ApCheckCommand() {}

  /**
   * Runs ap-check.
   *
   * @return the exit status: 0, 1 (operands), 2 (not vfio_ap), 255 (refused), 134/139 (where the
   *     real tool crashes)
   */
  public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    Path root = Path.of("/");
    List<String> rest = args;
    if (rest.size() >= 2 && rest.get(0).equals("--root")) {
      root = Path.of(rest.get(1));
      rest = rest.subList(2, rest.size());
    }
    Map<Character, String> o = new LinkedHashMap<>();
    String problem = parse(rest, o);
    if (problem != null) {
      err.print(problem + "\n");
      err.flush();
      return ApCheck.EXIT_FAILURE;
    }
    ApCheckRequest r =
        new ApCheckRequest(
            opt(o, 't'), opt(o, 'e'), opt(o, 'a'), opt(o, 's'), opt(o, 'u'), opt(o, 'p'));
    String stdin = "";
    if (readsStdin(r)) {
      try {
        stdin = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        stdin = "";
      }
    }
    long owner =
        ProcessHandle.current()
            .parent()
            .map(ProcessHandle::pid)
            .orElse(ProcessHandle.current().pid());
    ApCheckResult result = ApCheck.of(RootEnvironment.of(root, owner)).run(r, stdin);
    out.print(result.stdout());
    out.flush();
    err.print(result.stderr());
    err.flush();
    return result.status();
  }

  private static String opt(Map<Character, String> o, char c) {
    return o.getOrDefault(c, "");
  }

  private static boolean readsStdin(ApCheckRequest r) {
    return switch (r.event()) {
      case "pre" -> List.of("define", "modify", "start").contains(r.action());
      case "live" -> r.action().equals("modify");
      case "get" -> r.action().equals("capabilities");
      default -> false;
    };
  }

  /** getopt: the message of R1 or R2, or null when every option is there once. */
  private static @org.jspecify.annotations.Nullable String parse(
      List<String> args, Map<Character, String> o) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        break;
      }
      if (!a.startsWith("-") || a.length() < 2) {
        continue;
      }
      char c = a.charAt(1);
      if (OPTIONS.indexOf(c) < 0) {
        return "Unknown operand";
      }
      String value;
      if (a.length() > 2) {
        value = a.substring(2);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        return "Unknown operand";
      }
      if (o.put(c, value) != null) {
        return "Duplicate or missing operand";
      }
    }
    return o.size() == OPTIONS.length() ? null : "Duplicate or missing operand";
  }
}
