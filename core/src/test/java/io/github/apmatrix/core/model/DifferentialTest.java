package io.github.apmatrix.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Random sequences of operations applied to {@link Host} and to the naive {@link ReferenceModel};
 * after every step the outcomes and the whole observable state must agree, and the isolation
 * invariants must hold. On failure QuickTheories prints the seed and the shrunk scenario (steps
 * shrink towards {@code noop}).
 */
class DifferentialTest {

  /**
   * Sequences of {@link #STEPS} operations: 1,000 (100,000 operations) by default; the system
   * property {@code apmatrix.differential.sequences} raises it (the {@code long} profile runs
   * 100,000 sequences, 10,000,000 operations).
   */
  static final int SEQUENCES = Integer.getInteger("apmatrix.differential.sequences", 1_000);

  static final int STEPS = 100;

  /** The host shapes: APXA with Na = Nd = 20, no APXA (63/15), no QCI. */
  enum Variant {
    APXA,
    NO_APXA,
    NO_QCI
  }

  /**
   * The ids the scenarios draw from, by position: a bit set in a {@code long} holds positions, and
   * {@link #set} turns them into ids. They reach every word of the 256-bit maps and its edges (0,
   * 63, 64, 127, 128, 191, 192, 255), so a mistake in one word's index or shift shows (issue 13).
   */
  static final int[] IDS = {
    0, 1, 2, 3, 5, 7, 11, 12, 15, 16, 17, 20, 62, 63, 64, 65, 127, 128, 129, 191, 192, 193, 254, 255
  };

  /** The adapters of the APXA host (maximum 255), as positions in {@link #IDS}. */
  static final int[] ADAPTERS_APXA = positions(0, 3, 63, 64, 127, 128, 191, 255);

  /** The adapters of the hosts without APXA (maximum 63). */
  static final int[] ADAPTERS_SMALL = positions(0, 3, 7, 12, 62, 63);

  static final Map<Integer, Integer> CARD_TYPES_APXA =
      Map.of(0, 13, 3, 14, 63, 7, 64, 14, 127, 13, 128, 10, 191, 14, 255, 13);
  static final Map<Integer, Integer> CARD_TYPES_SMALL =
      Map.of(0, 13, 3, 14, 7, 7, 12, 14, 62, 13, 63, 10);
  static final int[] DOMAINS_APXA = positions(1, 2, 63, 64, 127, 128, 192, 255);
  static final int[] DOMAINS_SMALL = positions(0, 1, 2, 5, 11, 15);
  static final UUID[] UUIDS = {
    UUID.fromString("00000000-0000-0000-0000-000000000000"),
    UUID.fromString("11111111-1111-1111-1111-111111111111"),
    UUID.fromString("22222222-2222-2222-2222-222222222222"),
    UUID.fromString("33333333-3333-3333-3333-333333333333")
  };
  static final long[] ODD_IDS = {256, -1, Long.MAX_VALUE, 21, 193};

  /** The positions in {@link #IDS} of {@code ids}. */
  static int[] positions(int... ids) {
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = java.util.Arrays.binarySearch(IDS, ids[i]);
      if (out[i] < 0) {
        throw new IllegalArgumentException("not in IDS: " + ids[i]);
      }
    }
    return out;
  }

  static int[] adapters(Variant v) {
    return v == Variant.APXA ? ADAPTERS_APXA : ADAPTERS_SMALL;
  }

  static int[] domains(Variant v) {
    return v == Variant.APXA ? DOMAINS_APXA : DOMAINS_SMALL;
  }

  static Map<Integer, Integer> cardTypes(Variant v) {
    return v == Variant.APXA ? CARD_TYPES_APXA : CARD_TYPES_SMALL;
  }

  enum Kind {
    NOOP,
    CREATE,
    REMOVE,
    ASSIGN_ADAPTER,
    ASSIGN_DOMAIN,
    ASSIGN_CONTROL_DOMAIN,
    UNASSIGN_ADAPTER,
    UNASSIGN_DOMAIN,
    UNASSIGN_CONTROL_DOMAIN,
    AP_CONFIG,
    APMASK,
    AQMASK,
    BIND,
    UNBIND,
    RECONFIGURE,
    CONFIGURE_ADAPTER,
    CREATE_GUEST,
    OPEN,
    CLOSE,
    DESTROY_GUEST,
    FAULT,
    RESET_DEVICE
  }

  static final List<Kind> KINDS = List.of(Kind.values());
  static final List<Variant> VARIANTS = List.of(Variant.values());
  static final List<CrycbFormat> FORMATS =
      List.of(CrycbFormat.NONE, CrycbFormat.FORMAT0, CrycbFormat.FORMAT1, CrycbFormat.FORMAT2);
  static final List<ScriptedHardware.Fault> FAULTS = List.of(ScriptedHardware.Fault.values());

  /** Weights of the kinds, in {@link Kind} order (NOOP is only reached by shrinking). */
  static final int[] WEIGHTS = {0, 6, 2, 12, 12, 4, 5, 5, 2, 5, 6, 6, 4, 5, 4, 3, 3, 5, 2, 1, 4, 2};

  /** One operation; the fields mean what {@link #toString()} says for its kind. */
  record Step(Kind kind, int u, long x, long y, long z, int w) {
    @Override
    public String toString() {
      String dev = "dev" + u;
      return switch (kind) {
        case NOOP -> "noop";
        case CREATE, REMOVE, CLOSE, RESET_DEVICE -> kind + " " + dev;
        case ASSIGN_ADAPTER,
            ASSIGN_DOMAIN,
            ASSIGN_CONTROL_DOMAIN,
            UNASSIGN_ADAPTER,
            UNASSIGN_DOMAIN,
            UNASSIGN_CONTROL_DOMAIN ->
            kind + " " + dev + " " + Long.toUnsignedString(x);
        case AP_CONFIG -> kind + " " + dev + " apm=" + set(x) + " aqm=" + set(y) + " adm=" + set(z);
        case APMASK, AQMASK -> kind + (w == 0 ? " -" : " +") + x;
        case BIND, UNBIND ->
            kind
                + (w == 0 ? " vfio_ap " : w == 1 ? " cex4queue " : " (natural driver) ")
                + Apqn.of((int) x, (int) y);
        case RECONFIGURE -> kind + " apm=" + set(x) + " aqm=" + set(y) + " adm=" + set(z);
        case CONFIGURE_ADAPTER -> kind + " " + x + (w == 0 ? " off" : " on");
        case CREATE_GUEST -> kind + " g" + u + " " + FORMATS.get(w);
        case OPEN -> kind + " " + dev + (w == 3 ? " without KVM" : " g" + w);
        case DESTROY_GUEST -> kind + " g" + u;
        case FAULT -> kind + " " + Apqn.of((int) x, (int) y) + " " + FAULTS.get(w);
      };
    }
  }

  /** A generated test case. */
  record Scenario(
      Variant variant,
      long configApm,
      long configAqm,
      long configAdm,
      long freed,
      List<Step> steps) {
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      b.append(variant)
          .append(" host: adapters ")
          .append(set(configApm))
          .append(", domains ")
          .append(set(configAqm))
          .append(", control domains ")
          .append(set(configAdm))
          .append(", apmask without ")
          .append(set(freed));
      for (int i = 0; i < steps.size(); i++) {
        if (steps.get(i).kind() != Kind.NOOP) {
          b.append("\n  ").append(i).append(": ").append(steps.get(i));
        }
      }
      return b.toString();
    }
  }

  /** Ids are carried as bit sets of positions in {@link #IDS} in a long. */
  static Set<Integer> set(long bits) {
    Set<Integer> s = new TreeSet<>();
    for (int i = 0; i < IDS.length; i++) {
      if ((bits & (1L << i)) != 0) {
        s.add(IDS[i]);
      }
    }
    return s;
  }

  static Bitmap256 bm(Set<Integer> ids) {
    return Bitmap256.of(ids.stream().mapToInt(Integer::intValue).toArray());
  }

  // ------------------------------------------------------------------ generators

  static long draw(RandomnessSource in, long min, long max) {
    return in.next(Constraint.between(min, max));
  }

  /** An id of the pool. */
  static int pick(RandomnessSource in, int[] pool) {
    return IDS[pool[(int) draw(in, 0, pool.length - 1)]];
  }

  /** An id: mostly from the pool, sometimes any of {@link #IDS}, rarely far out of range. */
  static long id(RandomnessSource in, int[] pool) {
    long r = draw(in, 0, 99);
    if (r < 60) {
      return pick(in, pool);
    }
    if (r < 97) {
      return IDS[(int) draw(in, 0, IDS.length - 1)];
    }
    return ODD_IDS[(int) draw(in, 0, ODD_IDS.length - 1)];
  }

  /** A subset of the pool, sometimes with one more id of {@link #IDS}. */
  static long subset(RandomnessSource in, int[] pool) {
    long bits = 0;
    long choose = draw(in, 0, (1L << pool.length) - 1);
    for (int i = 0; i < pool.length; i++) {
      if ((choose & (1L << i)) != 0) {
        bits |= 1L << pool[i];
      }
    }
    if (draw(in, 0, 3) == 0) {
      bits |= 1L << draw(in, 0, IDS.length - 1);
    }
    return bits;
  }

  static long poolSubset(RandomnessSource in, int[] pool) {
    long bits = 0;
    long choose = draw(in, 0, (1L << pool.length) - 1);
    for (int i = 0; i < pool.length; i++) {
      if ((choose & (1L << i)) != 0) {
        bits |= 1L << pool[i];
      }
    }
    return bits;
  }

  /** A subset of the pool holding each id with probability 3/4. */
  static long dense(RandomnessSource in, int[] pool) {
    long first = poolSubset(in, pool);
    return first | poolSubset(in, pool);
  }

  static Kind kind(RandomnessSource in) {
    int total = 0;
    for (int w : WEIGHTS) {
      total += w;
    }
    long r = draw(in, 0, total);
    if (r == 0) {
      return Kind.NOOP;
    }
    for (int i = 0; i < WEIGHTS.length; i++) {
      r -= WEIGHTS[i];
      if (r <= 0) {
        return KINDS.get(i);
      }
    }
    return KINDS.get(WEIGHTS.length - 1);
  }

  static Step step(RandomnessSource in, int[] adapters, int[] domains) {
    Kind k = kind(in);
    long ru = draw(in, 0, 9);
    int u = ru < 4 ? 0 : ru < 7 ? 1 : ru < 9 ? 2 : 3;
    return switch (k) {
      case NOOP, CREATE, REMOVE, CLOSE, RESET_DEVICE -> new Step(k, u, 0, 0, 0, 0);
      case ASSIGN_ADAPTER, UNASSIGN_ADAPTER -> new Step(k, u, id(in, adapters), 0, 0, 0);
      case ASSIGN_DOMAIN, UNASSIGN_DOMAIN, ASSIGN_CONTROL_DOMAIN, UNASSIGN_CONTROL_DOMAIN ->
          new Step(k, u, id(in, domains), 0, 0, 0);
      case AP_CONFIG ->
          new Step(k, u, subset(in, adapters), subset(in, domains), subset(in, domains), 0);
      case APMASK -> new Step(k, u, id(in, adapters) & 0xff, 0, 0, draw(in, 0, 9) < 7 ? 0 : 1);
      case AQMASK -> new Step(k, u, id(in, domains) & 0xff, 0, 0, draw(in, 0, 9) < 7 ? 0 : 1);
      case BIND, UNBIND, FAULT ->
          new Step(
              k,
              u,
              pick(in, adapters),
              pick(in, domains),
              0,
              (int) (k == Kind.FAULT ? draw(in, 0, FAULTS.size() - 1) : draw(in, 0, 2)));
      case RECONFIGURE ->
          new Step(k, u, dense(in, adapters), dense(in, domains), poolSubset(in, domains), 0);
      case CONFIGURE_ADAPTER -> new Step(k, u, id(in, adapters) & 0xff, 0, 0, (int) draw(in, 0, 1));
      case CREATE_GUEST ->
          new Step(k, (int) draw(in, 0, 2), 0, 0, 0, (int) Math.min(3, draw(in, 0, 7)));
      case OPEN -> new Step(k, u, 0, 0, 0, (int) draw(in, 0, 3));
      case DESTROY_GUEST -> new Step(k, (int) draw(in, 0, 2), 0, 0, 0, 0);
    };
  }

  static Gen<Scenario> scenarios() {
    return in -> {
      Variant v = VARIANTS.get((int) draw(in, 0, 2));
      int[] adapters = adapters(v);
      int[] domains = domains(v);
      long apm = dense(in, adapters);
      long aqm = dense(in, domains);
      long adm = poolSubset(in, domains);
      long freed = poolSubset(in, adapters);
      List<Step> steps = new ArrayList<>(STEPS);
      for (int i = 0; i < STEPS; i++) {
        steps.add(step(in, adapters, domains));
      }
      return new Scenario(v, apm, aqm, adm, freed, steps);
    };
  }

  // ------------------------------------------------------------------ the rig

  /** Every scenario starts with two devices and a format-2 guest using the first. */
  static final List<Step> PRELUDE =
      List.of(
          new Step(Kind.CREATE, 0, 0, 0, 0, 0),
          new Step(Kind.CREATE, 1, 0, 0, 0, 0),
          new Step(Kind.CREATE_GUEST, 0, 0, 0, 0, 3),
          new Step(Kind.OPEN, 0, 0, 0, 0, 0));

  static final AtomicLong STEPS_RUN = new AtomicLong();

  @Test
  void hostAgreesWithReferenceModel_randomOperationSequences() {
    qt().withExamples(SEQUENCES + 10)
        .withShrinkCycles(200)
        .forAll(scenarios())
        .checkAssert(this::run);
    assertThat(STEPS_RUN.get()).isGreaterThanOrEqualTo((long) SEQUENCES * STEPS);
  }

  static HostConfig config(Variant v, Set<Integer> apm, Set<Integer> aqm, Set<Integer> adm) {
    return switch (v) {
      case APXA -> HostConfig.withApxa(255, 255, bm(apm), bm(aqm), bm(adm));
      case NO_APXA -> HostConfig.withoutApxa(bm(apm), bm(aqm), bm(adm));
      case NO_QCI -> HostConfig.withoutQci(bm(apm), bm(aqm));
    };
  }

  static Set<Integer> cardAdapters(Variant v, Set<Integer> apm) {
    Set<Integer> out = new TreeSet<>(apm);
    out.retainAll(cardTypes(v).keySet());
    return out;
  }

  void run(Scenario s) {
    Set<Integer> cdoms = s.variant() == Variant.NO_QCI ? Set.of() : set(s.configAdm());
    HostConfig cfg = config(s.variant(), set(s.configApm()), set(s.configAqm()), cdoms);
    ScriptedHardware hostHw = new ScriptedHardware();
    ScriptedHardware refHw = new ScriptedHardware();
    Set<Integer> apmask = new TreeSet<>();
    for (int i = 0; i < 256; i++) {
      apmask.add(i);
    }
    Set<Integer> aqmask = new TreeSet<>(apmask);
    apmask.removeAll(set(s.freed()));
    HostSpecBuilder b =
        HostSpec.builder().config(cfg).hardware(hostHw).apmask(bm(apmask)).aqmask(bm(aqmask));
    cardTypes(s.variant())
        .forEach(
            (a, t) -> {
              Card c = Card.of(a, CardType.of(t), t == 14 ? CardMode.EP11 : CardMode.CCA);
              if (cfg.apm().contains(a)) {
                b.card(c);
              } else {
                b.standbyCard(c);
              }
            });
    Host host = b.start();
    ReferenceModel ref = new ReferenceModel(cfg, cardTypes(s.variant()), apmask, aqmask, refHw);
    compare(host, ref, hostHw, refHw, "initial state");
    for (Step st : PRELUDE) {
      Errno[] outcome = apply(st, s.variant(), host, ref, hostHw, refHw);
      assertThat(outcome[0]).as("prelude " + st).isEqualTo(outcome[1]);
    }
    compare(host, ref, hostHw, refHw, "after the prelude");
    State before = State.of(host);
    for (int i = 0; i < s.steps().size(); i++) {
      Step st = s.steps().get(i);
      String where = "step " + i + " (" + st + ")";
      Errno[] outcome = apply(st, s.variant(), host, ref, hostHw, refHw);
      assertThat(outcome[0]).as(where + ": outcome of Host vs reference").isEqualTo(outcome[1]);
      compare(host, ref, hostHw, refHw, where);
      State after = State.of(host);
      if (outcome[0] != null && outcome[0] != Errno.EIO) {
        assertThat(after).as(where + ": a refused operation changed nothing").isEqualTo(before);
      }
      invariants(host, where);
      before = after;
      STEPS_RUN.incrementAndGet();
    }
  }

  private static @Nullable Errno e(Outcome o) {
    return o.errno().orElse(null);
  }

  /** Applies a step to both; returns {host errno, reference errno} (null = done). */
  static @Nullable Errno[] apply(
      Step st,
      Variant v,
      Host host,
      ReferenceModel ref,
      ScriptedHardware hostHw,
      ScriptedHardware refHw) {
    UUID uuid = UUIDS[st.u()];
    long x = st.x();
    return switch (st.kind()) {
      case NOOP -> new Errno[2];
      case CREATE -> pair(e(host.mdevs().create(uuid)), ref.create(uuid));
      case REMOVE -> pair(e(host.mdevs().remove(uuid)), ref.remove(uuid));
      case ASSIGN_ADAPTER ->
          pair(e(host.mdevs().storeAssignment(uuid, Axis.ADAPTER, x)), ref.assignAdapter(uuid, x));
      case ASSIGN_DOMAIN ->
          pair(e(host.mdevs().storeAssignment(uuid, Axis.DOMAIN, x)), ref.assignDomain(uuid, x));
      case ASSIGN_CONTROL_DOMAIN ->
          pair(
              e(host.mdevs().storeAssignment(uuid, Axis.CONTROL_DOMAIN, x)),
              ref.assignControlDomain(uuid, x));
      case UNASSIGN_ADAPTER ->
          pair(
              e(host.mdevs().storeUnassignment(uuid, Axis.ADAPTER, x)),
              ref.unassignAdapter(uuid, x));
      case UNASSIGN_DOMAIN ->
          pair(
              e(host.mdevs().storeUnassignment(uuid, Axis.DOMAIN, x)), ref.unassignDomain(uuid, x));
      case UNASSIGN_CONTROL_DOMAIN ->
          pair(
              e(host.mdevs().storeUnassignment(uuid, Axis.CONTROL_DOMAIN, x)),
              ref.unassignControlDomain(uuid, x));
      case AP_CONFIG ->
          pair(
              e(host.writeApConfig(uuid, Apcb.of(bm(set(x)), bm(set(st.y())), bm(set(st.z()))))),
              ref.writeApConfig(uuid, set(x), set(st.y()), set(st.z())));
      case APMASK -> {
        Set<Integer> next = new TreeSet<>(ref.apmask);
        toggle(next, (int) x, st.w() == 1);
        yield pair(e(host.writeApmask(bm(next))), ref.writeMasks(next, ref.aqmask));
      }
      case AQMASK -> {
        Set<Integer> next = new TreeSet<>(ref.aqmask);
        toggle(next, (int) x, st.w() == 1);
        yield pair(e(host.writeAqmask(bm(next))), ref.writeMasks(ref.apmask, next));
      }
      case BIND -> {
        String drv = driver(st, ref);
        yield pair(
            e(host.drivers().bind(DriverName.of(drv), Apqn.of((int) x, (int) st.y()))),
            ref.bind(drv, (int) x, (int) st.y()));
      }
      case UNBIND -> {
        String drv = driver(st, ref);
        yield pair(
            e(host.drivers().unbind(DriverName.of(drv), Apqn.of((int) x, (int) st.y()))),
            ref.unbind(drv, (int) x, (int) st.y()));
      }
      case RECONFIGURE -> {
        Set<Integer> apm = cardAdapters(v, set(x));
        Set<Integer> cd = v == Variant.NO_QCI ? Set.of() : set(st.z());
        yield pair(
            e(host.machine().reconfigure(config(v, apm, set(st.y()), cd))),
            ref.reconfigure(apm, set(st.y()), cd));
      }
      case CONFIGURE_ADAPTER ->
          pair(
              e(
                  st.w() == 1
                      ? host.machine().configureAdapter((int) x)
                      : host.machine().deconfigureAdapter((int) x)),
              ref.configureAdapter((int) x, st.w() == 1));
      case CREATE_GUEST -> {
        String name = "g" + st.u();
        if (ref.guests.containsKey(name)) {
          yield new Errno[2];
        }
        CrycbFormat f = FORMATS.get(st.w());
        assertThat(host.kvm().createGuest(name, f).isRunning()).isTrue();
        ref.createGuest(name, f);
        yield new Errno[2];
      }
      case OPEN -> {
        if (st.w() == 3) {
          yield pair(e(host.kvm().openDeviceWithoutKvm(uuid)), ref.open(uuid, null));
        }
        String name = "g" + st.w();
        Guest g = host.guest(name).orElse(null);
        if (g == null) {
          yield new Errno[2];
        }
        yield pair(e(host.kvm().openDevice(uuid, g)), ref.open(uuid, name));
      }
      case CLOSE -> pair(e(host.kvm().closeDevice(uuid)), ref.close(uuid));
      case DESTROY_GUEST ->
          pair(e(host.kvm().destroyGuest("g" + st.u())), ref.destroyGuest("g" + st.u()));
      case FAULT -> {
        Apqn q = Apqn.of((int) x, (int) st.y());
        ScriptedHardware.Fault f = FAULTS.get(st.w());
        hostHw.fault(q, f);
        refHw.fault(q, f);
        yield new Errno[2];
      }
      case RESET_DEVICE -> pair(e(host.kvm().resetDevice(uuid)), ref.resetDevice(uuid));
    };
  }

  /** w = 0: vfio_ap, 1: cex4queue, 2: the driver the queue's ownership calls for. */
  private static String driver(Step st, ReferenceModel ref) {
    boolean zcrypt = st.w() == 1 || (st.w() == 2 && ref.owned((int) st.x(), (int) st.y()));
    return zcrypt ? ReferenceModel.ZCRYPT : ReferenceModel.VFIO;
  }

  private static void toggle(Set<Integer> mask, int id, boolean set) {
    if (set) {
      mask.add(id);
    } else {
      mask.remove(id);
    }
  }

  private static @Nullable Errno[] pair(@Nullable Errno host, @Nullable Errno ref) {
    return new Errno[] {host, ref};
  }

  // ------------------------------------------------------------------ comparison

  static void compare(
      Host host,
      ReferenceModel ref,
      ScriptedHardware hostHw,
      ScriptedHardware refHw,
      String where) {
    assertThat(host.apmask()).as(where + ": apmask").isEqualTo(bm(ref.apmask));
    assertThat(host.aqmask()).as(where + ": aqmask").isEqualTo(bm(ref.aqmask));
    assertThat(host.vfioAp().availableInstances())
        .as(where + ": available_instances")
        .isEqualTo(65536 - ref.devs.size());
    List<MediatedDevice> devices = host.mdevs().list();
    assertThat(devices).as(where + ": devices").hasSize(ref.devs.size());
    for (MediatedDevice d : devices) {
      ReferenceModel.Dev r = ref.dev(d.uuid());
      assertThat(r).as(where + ": device " + d.uuid() + " in the reference").isNotNull();
      if (r == null) {
        continue;
      }
      assertThat(d.matrix())
          .as(where + ": matrix of " + d.uuid())
          .isEqualTo(Apcb.of(bm(r.apm), bm(r.aqm), bm(r.adm)));
      assertThat(d.shadow())
          .as(where + ": shadow of " + d.uuid())
          .isEqualTo(Apcb.of(bm(r.sApm), bm(r.sAqm), bm(r.sAdm)));
      ReferenceModel.G g = r.guest;
      assertThat(d.guest())
          .as(where + ": guest of " + d.uuid())
          .isEqualTo(java.util.Optional.ofNullable(g == null ? null : g.name));
    }
    List<Guest> guests = host.guests();
    assertThat(guests.stream().map(Guest::name).toList())
        .as(where + ": guests")
        .isEqualTo(new ArrayList<>(ref.guests.keySet()));
    for (Guest g : guests) {
      ReferenceModel.G r = ref.guests.get(g.name());
      if (r == null) {
        continue;
      }
      assertThat(g.crycb().masks())
          .as(where + ": masks of guest " + g.name())
          .isEqualTo(Apcb.of(bm(r.apm), bm(r.aqm), bm(r.adm)));
      assertThat(g.commits()).as(where + ": commits of guest " + g.name()).isEqualTo(r.commits);
    }
    List<Apqn> queues = host.queues();
    Set<Integer> values = new TreeSet<>();
    for (Apqn q : queues) {
      values.add(q.value());
      String drv = host.drivers().driverOf(q).map(DriverName::name).orElse(null);
      assertThat(drv).as(where + ": driver of " + q).isEqualTo(ref.boundTo.get(q.value()));
      if (ReferenceModel.VFIO.equals(drv)) {
        assertThat(host.resets().status(q).map(ResponseCode::value))
            .as(where + ": reset status of " + q)
            .contains(ref.resetRc.getOrDefault(q.value(), 0));
        assertThat(host.resets().queueStatus(q))
            .as(where + ": status of " + q)
            .contains(ref.status(q.adapter(), q.domain()));
      }
    }
    assertThat(values).as(where + ": queue devices").isEqualTo(ref.devices);
    List<Apqn> hz = new ArrayList<>(hostHw.takeZapqs());
    List<Apqn> rz = new ArrayList<>(refHw.takeZapqs());
    hz.sort(null);
    rz.sort(null);
    assertThat(hz).as(where + ": queues reset (ZAPQ)").isEqualTo(rz);
  }

  static void invariants(Host host, String where) {
    Set<Apqn> seen = new HashSet<>();
    for (MediatedDevice d : host.mdevs().list()) {
      for (Apqn q : d.matrix().apqns()) {
        assertThat(seen.add(q)).as(where + ": " + q + " is in two matrices").isTrue();
      }
    }
    HostConfig cfg = host.config();
    for (Guest g : host.guests()) {
      for (Apqn q : g.crycb().masks().apqns()) {
        assertThat(cfg.qci() && cfg.apm().contains(q.adapter()) && cfg.aqm().contains(q.domain()))
            .as(where + ": guest " + g.name() + " reaches " + q + " outside the host configuration")
            .isTrue();
        assertThat(host.drivers().driverOf(q))
            .as(where + ": guest " + g.name() + " reaches " + q + " not bound to vfio_ap")
            .contains(VfioAp.NAME);
      }
    }
  }

  /** Everything observable about a host, to show that a refusal changed nothing. */
  record State(
      List<MediatedDevice> devices,
      List<Crycb> guests,
      Bitmap256 apmask,
      Bitmap256 aqmask,
      Map<Apqn, String> drivers,
      long resets) {
    static State of(Host host) {
      Map<Apqn, String> drivers = new HashMap<>();
      for (Apqn q : host.queues()) {
        drivers.put(q, host.drivers().driverOf(q).map(DriverName::name).orElse("-"));
      }
      return new State(
          host.mdevs().list(),
          host.guests().stream().map(Guest::crycb).toList(),
          host.apmask(),
          host.aqmask(),
          drivers,
          host.resets().count());
    }
  }
}
