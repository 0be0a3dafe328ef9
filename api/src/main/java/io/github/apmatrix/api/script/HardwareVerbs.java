package io.github.apmatrix.api.script;

import io.github.apmatrix.api.text.KernelNumber;
import io.github.apmatrix.api.text.MessageText;
import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.model.Axis;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.ResponseCode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The {@code hw} verbs: the machine under the host, its queue-reset answers ({@code hw zapq},
 * {@code hw tapq}), its configuration ({@code hw adapter|domain|control-domain ID on|off}) and the
 * resets it counted ({@code hw resets}). Not thread-safe; one per script run.
 */
final class HardwareVerbs {

  private final Host host;
  private final @Nullable ScriptedHardware hardware;
  private final PrintStream out;
  private final Verdicts verdicts;

  HardwareVerbs(
      Host host, @Nullable ScriptedHardware hardware, PrintStream out, Verdicts verdicts) {
    this.host = host;
    this.hardware = hardware;
    this.out = out;
    this.verdicts = verdicts;
  }

  /** {@code hw SUB ...}. */
  void run(List<String> args) {
    if (args.isEmpty()) {
      throw new UsageException("usage: hw zapq|tapq|adapter|domain|control-domain|resets ...");
    }
    String sub = args.get(0);
    switch (sub) {
      case "zapq", "tapq" -> answers(sub, args);
      case "adapter", "domain", "control-domain" -> configure(sub, args);
      case "resets" -> {
        Words.requireCount(args, 1, "hw resets");
        out.println("resets " + host.resets().count());
        host.resets().warnings().forEach(w -> out.println("warning: " + w));
      }
      default -> throw new UsageException("unknown hw command: " + MessageText.bare(sub));
    }
  }

  private void answers(String instruction, List<String> args) {
    if (args.size() < 3) {
      throw new UsageException("usage: hw " + instruction + " APQN RC...");
    }
    ScriptedHardware hw = hardware;
    if (hw == null) {
      throw new UsageException("this host was not built with scripted hardware");
    }
    Apqn apqn = Words.apqn(args.get(1));
    List<ResponseCode> codes = new ArrayList<>();
    for (String word : args.subList(2, args.size())) {
      codes.add(responseCode(word));
    }
    if (instruction.equals("zapq")) {
      hw.queueZapq(apqn, codes);
    } else {
      hw.queueTapq(apqn, codes);
    }
  }

  private void configure(String kind, List<String> args) {
    String usage = "hw " + kind + " ID on|off";
    Words.requireCount(args, 3, usage);
    int id = Words.id(args.get(1));
    boolean on =
        switch (args.get(2)) {
          case "on" -> true;
          case "off" -> false;
          default -> throw new UsageException("usage: " + usage);
        };
    String what = "hw: " + kind + " " + MessageText.bare(args.get(1)) + " " + args.get(2);
    if (kind.equals("adapter")) {
      verdicts.report(
          on ? host.machine().configureAdapter(id) : host.machine().deconfigureAdapter(id), what);
      return;
    }
    Axis axis = kind.equals("domain") ? Axis.DOMAIN : Axis.CONTROL_DOMAIN;
    UnaryOperator<HostConfig> change = c -> on ? c.with(axis, id) : c.without(axis, id);
    Outcome o;
    try {
      o = host.machine().updateConfig(change);
    } catch (IllegalArgumentException e) {
      throw new UsageException(what + ": " + e.getMessage());
    }
    verdicts.report(o, what);
  }

  private static ResponseCode responseCode(String word) {
    for (int v = 0; v <= 0xff; v++) {
      ResponseCode rc = ResponseCode.of(v);
      if (rc.name().equalsIgnoreCase(word)) {
        return rc;
      }
    }
    try {
      long v = KernelNumber.parse(word);
      if (v >= 0 && v <= 0xff) {
        return ResponseCode.of((int) v);
      }
    } catch (SyntaxException e) {
      // reported below
    }
    throw new UsageException(
        "not a response code (a name such as BUSY, or 0..0xff): " + MessageText.bare(word));
  }
}
