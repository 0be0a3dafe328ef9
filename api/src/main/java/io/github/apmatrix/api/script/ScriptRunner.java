package io.github.apmatrix.api.script;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.api.text.MessageText;
import io.github.apmatrix.core.Refusal;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostPreset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Runs the launcher's script language (docs/scripts.md) against one host through its emulated
 * sysfs: {@code echo [-n] WORD... > PATH}, {@code cat PATH...}, {@code ls [PATH]}, {@code guest
 * start|stop|show}, and the verbs for hardware events listed by {@link #help()}.
 *
 * <pre>{@code
 * ScriptRunner runner = ScriptRunner.builder().builtin("demo").trace().build();
 * int status = runner.run("example.script", """
 *     echo -3,-0xa > /sys/bus/ap/apmask
 *     cat /sys/bus/ap/apmask
 *     """);
 * // prints "$ echo -3,-0xa > /sys/bus/ap/apmask", "$ cat /sys/bus/ap/apmask", "0xefdf..."
 * }</pre>
 *
 * <p>A refused write is a normal outcome, reported on standard output as a shell would ({@code
 * echo: write error: MESSAGE}); a line the language does not know stops the script with status 2
 * and {@code FILE:LINE: message} on standard error.
 *
 * <p>Not thread-safe: one runner runs one script at a time (the host itself is thread-safe).
 */
public final class ScriptRunner {

  /** The exit status of a script every line of which ran. */
  public static final int OK = 0;

  /** The built-in host {@code --host} defaults to. */
  public static final HostPreset DEFAULT_HOST = HostPreset.DEMO;

  /** The exit status of a script stopped by a usage error. */
  public static final int USAGE = 2;

  private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)");

  private final Host host;
  private final Sysfs sysfs;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean trace;
  private final boolean narrate;
  private final Map<String, String> variables = new HashMap<>();
  private final Commands commands;

  private ScriptRunner(Builder b, Host host) {
    this.host = host;
    this.sysfs = Sysfs.of(host);
    this.out = b.out;
    this.err = b.err;
    this.trace = b.trace;
    this.narrate = b.narrate;
    this.commands = new Commands(host, sysfs, b.hardware, out);
  }

  /** Returns a builder of a runner. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the host the scripts run against. */
  public Host host() {
    return host;
  }

  /** Returns the emulated sysfs the scripts read and write. */
  public Sysfs sysfs() {
    return sysfs;
  }

  /** Returns every refusal the lines run so far met, oldest first. */
  public List<Refusal> refusals() {
    return commands.refusals();
  }

  /** Returns the value of a script variable, if a line has set it. */
  public Optional<String> variable(String name) {
    return Optional.ofNullable(variables.get(name));
  }

  /**
   * Runs a script.
   *
   * @param name the name reported in usage errors, e.g. the file name or {@code -}
   * @param text the script
   * @return {@link #OK} when every line ran, {@link #USAGE} when a line stopped it
   */
  public int run(String name, String text) {
    Objects.requireNonNull(text, "text");
    return run(name, new BufferedReader(new StringReader(text)));
  }

  /**
   * Runs the lines of {@code in} as a script, until its end or the first usage error.
   *
   * @param name the name reported in usage errors
   * @param in the lines
   * @return {@link #OK} when every line ran, {@link #USAGE} when a line did not (the run stops
   *     there), when a line is longer than 16384 characters or when reading {@code in} fails (both
   *     reported on standard error in one line)
   */
  public int run(String name, BufferedReader in) {
    return run(name, in, false, null);
  }

  /**
   * Runs the lines of {@code in} as a shell does, until its end: a usage error is reported and the
   * run goes on with the next line.
   *
   * @param name the name reported in usage errors
   * @param in the lines
   * @return {@link #OK} when every line ran, {@link #USAGE} when a line did not, when a line is
   *     longer than 16384 characters (which ends the run) or when reading {@code in} fails
   */
  public int runInteractive(String name, BufferedReader in) {
    return run(name, in, true, null);
  }

  /**
   * As {@link #runInteractive(String, BufferedReader)}, printing {@code prompt} before each line.
   */
  public int runInteractive(String name, BufferedReader in, String prompt) {
    return run(name, in, true, Objects.requireNonNull(prompt, "prompt"));
  }

  private int run(String name, BufferedReader in, boolean interactive, @Nullable String prompt) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(in, "in");
    ScriptLines lines = new ScriptLines(in);
    int status = OK;
    int number = 0;
    try {
      while (true) {
        if (prompt != null) {
          out.print(prompt);
          out.flush();
        }
        String line;
        try {
          line = lines.next();
        } catch (IOException e) {
          out.flush();
          err.println(name + ": cannot read the script: " + UsageException.oneLine(reason(e)));
          return USAGE;
        } catch (UsageException e) {
          // a line too long to read: the rest of the input cannot be trusted to be lines
          out.flush();
          err.println(name + ":" + (number + 1) + ": " + e.getMessage());
          return USAGE;
        }
        if (line == null) {
          break;
        }
        number++;
        try {
          execute(line);
        } catch (UsageException e) {
          out.flush();
          err.println(name + ":" + number + ": " + e.getMessage());
          err.flush();
          status = USAGE;
          if (!interactive) {
            return status;
          }
        }
      }
    } finally {
      out.flush();
      err.flush();
    }
    return status;
  }

  private static String reason(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private void execute(String raw) {
    String line = raw.strip();
    if (line.isEmpty()) {
      return;
    }
    if (line.startsWith("#")) {
      if (narrate && line.startsWith("#:")) {
        String text = line.substring(2);
        out.println(text.startsWith(" ") ? text.substring(1) : text);
      }
      return;
    }
    Matcher m = ASSIGNMENT.matcher(line);
    if (m.matches()) {
      List<Tokenizer.Token> value = Tokenizer.tokenize(m.group(2), variables);
      if (value.size() > 1 || (value.size() == 1 && value.get(0).redirect())) {
        throw new UsageException("a variable takes one word: " + MessageText.quote(line));
      }
      variables.put(m.group(1), value.isEmpty() ? "" : value.get(0).text());
      return;
    }
    List<Tokenizer.Token> tokens = Tokenizer.tokenize(line, variables);
    if (trace) {
      out.println("$ " + line);
    }
    commands.execute(tokens);
  }

  /** Returns the summary of the language and its verbs, as {@code run --help} prints it. */
  public static String help() {
    return Commands.HELP;
  }

  @Override
  public String toString() {
    return "ScriptRunner{" + host + (trace ? ", trace" : "") + "}";
  }

  /**
   * Builds a {@link ScriptRunner}. Not thread-safe.
   *
   * <pre>{@code
   * ScriptRunner r = ScriptRunner.builder().builtin("lpar85").out(System.out).build();
   * }</pre>
   */
  public static final class Builder {
    private @Nullable Host host;
    private @Nullable ScriptedHardware hardware;
    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private boolean trace;
    private boolean narrate;

    private Builder() {}

    /**
     * Runs against a new built-in host, built with a new {@link ScriptedHardware} so the {@code hw
     * zapq} and {@code hw tapq} verbs work.
     *
     * @throws IllegalArgumentException if there is no built-in host of that name
     */
    @CanIgnoreReturnValue
    public Builder builtin(String name) {
      ScriptedHardware hw = new ScriptedHardware();
      this.host = Host.start(HostPreset.named(name).spec().toBuilder().hardware(hw).build());
      this.hardware = hw;
      return this;
    }

    /**
     * Runs against {@code host}; {@code hardware} is the scripted hardware it was built with, or
     * null if it was not (then {@code hw zapq} and {@code hw tapq} are usage errors).
     */
    @CanIgnoreReturnValue
    public Builder host(Host host, @Nullable ScriptedHardware hardware) {
      this.host = Objects.requireNonNull(host, "host");
      this.hardware = hardware;
      return this;
    }

    /** Sets where output goes (default: {@code System.out}). */
    @CanIgnoreReturnValue
    public Builder out(PrintStream out) {
      this.out = Objects.requireNonNull(out, "out");
      return this;
    }

    /** Sets where usage errors go (default: {@code System.err}). */
    @CanIgnoreReturnValue
    public Builder err(PrintStream err) {
      this.err = Objects.requireNonNull(err, "err");
      return this;
    }

    /** Prints each command as {@code $ LINE} before its output (without this call: not). */
    @CanIgnoreReturnValue
    public Builder trace() {
      this.trace = true;
      return this;
    }

    /** Prints the narration comments ({@code #: text}) of a script (without this call: not). */
    @CanIgnoreReturnValue
    public Builder narrate() {
      this.narrate = true;
      return this;
    }

    /**
     * Builds the runner.
     *
     * @throws IllegalStateException if no host was chosen
     */
    public ScriptRunner build() {
      Host h = host;
      if (h == null) {
        throw new IllegalStateException("choose a host with builtin(NAME) or host(HOST, HW)");
      }
      return new ScriptRunner(this, h);
    }
  }
}
