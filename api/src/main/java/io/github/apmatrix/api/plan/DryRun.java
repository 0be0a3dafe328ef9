package io.github.apmatrix.api.plan;

import io.github.apmatrix.api.script.ScriptRunner;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.Refusal;
import io.github.apmatrix.core.model.Crycb;
import io.github.apmatrix.core.model.Guest;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.MediatedDevice;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Tries an operation or a whole script on a {@linkplain HostCopy copy} of a host and reports what
 * it would do; the host itself is never touched.
 *
 * <pre>{@code
 * DryRunResult r = DryRun.run(host, h -> h.assignAdapter(uuid, 0x0b));
 * DryRunResult s = DryRun.script(host, Files.readString(Path.of("plan.script")));
 * System.out.print(s.render());
 * }</pre>
 *
 * <p>Stateless and thread-safe; each run works on its own copy.
 */
public final class DryRun {

  private DryRun() {}

  /** The part of a dry run that changes the copy: what it did and the refusals it met. */
  private interface Body {
    Ran apply(Host copy, RecordingHardware hw);
  }

  private record Ran(String outcome, List<Refusal> refusals) {}

  /** Runs {@code operation} on a copy of {@code host} and reports what it did. */
  public static DryRunResult run(Host host, Function<Host, Outcome> operation) {
    Objects.requireNonNull(operation, "operation");
    return dry(
        host,
        (copy, hw) -> {
          Outcome o = operation.apply(copy);
          return new Ran(o.toString(), o.refusal().map(List::of).orElse(List.of()));
        });
  }

  /**
   * Runs a script of the launcher's language on a copy of {@code host} and reports what it did; the
   * outcome is the traced transcript (each line as {@code $ LINE}, then its output).
   */
  public static DryRunResult script(Host host, String script) {
    Objects.requireNonNull(script, "script");
    return dry(
        host,
        (copy, hw) -> {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
          ScriptRunner r =
              ScriptRunner.builder().host(copy, hw.scripted).out(out).err(out).trace().build();
          int status = r.run("plan", script);
          List<Refusal> refusals = new ArrayList<>(r.refusals());
          if (status != ScriptRunner.OK) {
            refusals.add(
                Refusal.of(
                    io.github.apmatrix.core.Errno.EINVAL, "the script stopped: usage error"));
          }
          return new Ran(bytes.toString(StandardCharsets.UTF_8), refusals);
        });
  }

  private static DryRunResult dry(Host host, Body body) {
    Objects.requireNonNull(host, "host");
    RecordingHardware hw = new RecordingHardware();
    List<String> caveats = new ArrayList<>();
    Host copy = HostCopy.of(host, hw, caveats);
    Map<UUID, MediatedDevice> before = byUuid(copy.mdevs().list());
    Map<String, Guest> guests = new LinkedHashMap<>();
    Map<String, Apcb> viewBefore = new LinkedHashMap<>();
    Map<String, Long> commitsBefore = new LinkedHashMap<>();
    Map<String, List<Apcb>> views = new LinkedHashMap<>();
    for (Guest g : copy.guests()) {
      guests.put(g.name(), g);
      viewBefore.put(g.name(), g.crycb().masks());
      commitsBefore.put(g.name(), g.commits());
      List<Apcb> list = Collections.synchronizedList(new ArrayList<>());
      views.put(g.name(), list);
      g.addCommitListener((guest, crycb) -> list.add(crycb.masks()));
    }
    hw.start();
    Ran ran = body.apply(copy, hw);
    Map<UUID, MediatedDevice> after = byUuid(copy.mdevs().list());
    return new DryRunResult(
        ran.refusals().isEmpty(),
        ran.outcome(),
        ran.refusals(),
        deviceChanges(before, after),
        guestChanges(copy, guests, viewBefore, commitsBefore, views),
        hw.reset(),
        caveats);
  }

  private static Map<UUID, MediatedDevice> byUuid(List<MediatedDevice> devices) {
    Map<UUID, MediatedDevice> m = new TreeMap<>();
    devices.forEach(d -> m.put(d.uuid(), d));
    return m;
  }

  private static List<DeviceChange> deviceChanges(
      Map<UUID, MediatedDevice> before, Map<UUID, MediatedDevice> after) {
    Map<UUID, MediatedDevice> all = new TreeMap<>(before);
    all.putAll(after);
    List<DeviceChange> out = new ArrayList<>();
    for (UUID uuid : all.keySet()) {
      Optional<MediatedDevice> b = Optional.ofNullable(before.get(uuid));
      Optional<MediatedDevice> a = Optional.ofNullable(after.get(uuid));
      DeviceChange c =
          new DeviceChange(
              uuid,
              b.map(MediatedDevice::matrix),
              a.map(MediatedDevice::matrix),
              b.map(MediatedDevice::shadow),
              a.map(MediatedDevice::shadow));
      if (c.changed()) {
        out.add(c);
      }
    }
    return out;
  }

  private static List<GuestChange> guestChanges(
      Host copy,
      Map<String, Guest> guests,
      Map<String, Apcb> viewBefore,
      Map<String, Long> commitsBefore,
      Map<String, List<Apcb>> views) {
    List<GuestChange> out = new ArrayList<>();
    for (Map.Entry<String, Guest> e : guests.entrySet()) {
      String name = e.getKey();
      Guest g = e.getValue();
      long commits = g.commits() - Objects.requireNonNull(commitsBefore.get(name));
      Apcb now =
          copy.guest(name).filter(x -> x == g).map(x -> x.crycb().masks()).orElse(Apcb.empty());
      Apcb was = Objects.requireNonNull(viewBefore.get(name));
      if (commits > 0 || !now.equals(was)) {
        out.add(new GuestChange(name, was, now, commits, Objects.requireNonNull(views.get(name))));
      }
    }
    for (Guest g : copy.guests()) {
      if (!guests.containsKey(g.name())) {
        Crycb c = g.crycb();
        out.add(
            new GuestChange(g.name(), Apcb.empty(), c.masks(), c.commits(), List.of(c.masks())));
      }
    }
    return out;
  }
}
