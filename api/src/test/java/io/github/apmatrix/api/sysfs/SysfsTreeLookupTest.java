package io.github.apmatrix.api.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.api.sysfs.Node.Attr;
import io.github.apmatrix.api.sysfs.Node.Dir;
import io.github.apmatrix.api.sysfs.Node.Link;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import io.github.apmatrix.core.model.DriverName;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.HostPreset;
import io.github.apmatrix.core.model.HostSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The directories that look one entry up without computing the others ({@code /sys/devices/ap}, a
 * card's directory, {@code /sys/devices/vfio_ap/matrix}, {@code /sys/bus/ap/devices} and each
 * {@code /sys/bus/ap/drivers/NAME}) find exactly what their full listing holds under every name,
 * and nothing under any other: so resolving a path gives what it gave when every directory on the
 * way was computed in full.
 */
class SysfsTreeLookupTest {

  static final UUID U = UUID.fromString("4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b");
  static final UUID V = UUID.fromString("9c1d7e55-0f7a-4f35-8d2b-77a0c3b1e001");
  static final UUID GONE = UUID.fromString("0a000000-0000-0000-0000-00000000abcd");

  @Test
  void lookup_findsWhatTheListingHolds_onTheBuiltinHosts() {
    for (HostPreset preset : HostPreset.values()) {
      if (preset == HostPreset.FULL) {
        continue; // 65,536 queues: the listing of every directory takes minutes
      }
      Host host = Host.start(preset.spec());
      assertThat(assertEveryLookupMatchesTheListing(host)).isPositive();
      host.mdevs().create(U).orThrow();
      assertThat(assertEveryLookupMatchesTheListing(host)).isPositive();
    }
  }

  @Test
  void lookup_findsWhatTheListingHolds_withDevicesOddCardsAndHostOwnedQueues() {
    Host host = oddHost();
    int checked = assertEveryLookupMatchesTheListing(host);
    assertThat(checked).isGreaterThan(1000);
  }

  @Test
  void lookup_isEmptyForNamesCloseToEntries() {
    Host host = oddHost();
    SysfsTree tree = new SysfsTree(host);
    Dir cards = dir(tree.root(), "sys", "devices", "ap");
    Dir card05 = dir(tree.root(), "sys", "devices", "ap", "card05");
    Dir matrix = dir(tree.root(), "sys", "devices", "vfio_ap", "matrix");
    assertThat(cards.child("card05")).isInstanceOf(Dir.class);
    assertThat(card05.child("05.00ff")).isInstanceOf(Dir.class);
    assertThat(matrix.child(U.toString())).isInstanceOf(Dir.class);
    for (String absent :
        List.of("card5", "card005", "cardzz", "card0g", "Card05", "card0A", "card-1", "card06")) {
      assertThat(cards.child(absent)).as(absent).isNull();
    }
    for (String absent :
        List.of(
            "05.0100",
            "05.ffff",
            "06.0001",
            "05.000g",
            "05.00FF",
            "5.00001",
            "05-0001",
            "05.001",
            "05.00010",
            "status")) {
      assertThat(card05.child(absent)).as(absent).isNull();
    }
    for (String absent :
        List.of(
            U.toString().toUpperCase(Locale.ROOT),
            GONE.toString(),
            "1-2-3-4-5",
            U.toString().substring(1),
            "mdev_supported_type")) {
      assertThat(matrix.child(absent)).as(absent).isNull();
    }
  }

  @Test
  void busLookup_isEmptyForNamesCloseToEntries() {
    Host host = oddHost();
    host.drivers().unbind(DriverName.VFIO_AP, Apqn.of(0x05, 0x02)).orThrow();
    SysfsTree tree = new SysfsTree(host);
    Dir devices = dir(tree.root(), "sys", "bus", "ap", "devices");
    Dir vfioAp = dir(tree.root(), "sys", "bus", "ap", "drivers", SysfsTree.VFIO_AP);
    Dir cex4queue = dir(tree.root(), "sys", "bus", "ap", "drivers", SysfsTree.CEX4QUEUE);
    Dir cex4card = dir(tree.root(), "sys", "bus", "ap", "drivers", SysfsTree.CEX4CARD);

    assertThat(shape(devices.child("card03"))).isEqualTo("-> /sys/devices/ap/card03");
    // ap_scan_adapter: adapter 0x40 is not in the configuration, so it has no card device
    assertThat(shape(devices.child("card40"))).isEqualTo("absent");
    assertThat(shape(devices.child("03.0001"))).isEqualTo("-> /sys/devices/ap/card03/03.0001");
    assertThat(shape(devices.child("05.0002"))).isEqualTo("-> /sys/devices/ap/card05/05.0002");
    assertThat(shape(devices.child("0a.00ff"))).isEqualTo("-> /sys/devices/ap/card0a/0a.00ff");
    for (String absent :
        List.of(
            "card3",
            "card003",
            "Card03",
            "card0A",
            "card06",
            "cardzz",
            "3.0001",
            "03.1",
            "03.001",
            "03.00001",
            "0A.00ff",
            "0a.00FF",
            "05-0001",
            "05.0100",
            "05.ffff",
            "06.0001",
            "40.0001",
            "x3.0001",
            "",
            "apmask")) {
      assertThat(devices.child(absent)).as(absent).isNull();
    }

    // 05.0001 is vfio_ap's, 05.0002 is unbound, 0a.0080 is cex4queue's, 03.* are no driver's.
    assertThat(shape(vfioAp.child("05.0001"))).isEqualTo("-> /sys/devices/ap/card05/05.0001");
    assertThat(shape(cex4queue.child("0a.0080"))).isEqualTo("-> /sys/devices/ap/card0a/0a.0080");
    assertThat(vfioAp.child("bind")).isInstanceOf(Attr.class);
    assertThat(vfioAp.child("unbind")).isInstanceOf(Attr.class);
    assertThat(cex4queue.child("bind")).isInstanceOf(Attr.class);
    for (String absent :
        List.of(
            "05.0002",
            "0a.0080",
            "03.0001",
            "06.0001",
            "40.0001",
            "05.0100",
            "5.0001",
            "05.1",
            "05.00001",
            "0A.0001",
            "05.000A",
            "card05",
            "Bind",
            "bind0",
            "unbin",
            "status",
            "new_id",
            "")) {
      assertThat(vfioAp.child(absent)).as(absent).isNull();
    }
    for (String absent : List.of("05.0001", "05.0002", "0a.007f", "0A.0080", "0a.80", "card0a")) {
      assertThat(cex4queue.child(absent)).as(absent).isNull();
    }

    assertThat(shape(cex4card.child("card05"))).isEqualTo("-> /sys/devices/ap/card05");
    assertThat(shape(cex4card.child("card40"))).isEqualTo("absent"); // no card device
    for (String absent :
        List.of("card03", "card06", "card5", "card005", "Card05", "card0A", "05.0001", "bind")) {
      assertThat(cex4card.child(absent)).as(absent).isNull();
    }
  }

  @Test
  void nameParsers_acceptExactlyTheKernelsNames() {
    for (int a = 0; a < 256; a++) {
      assertThat(SysfsTree.cardAdapter(SysfsTree.cardName(a))).isEqualTo(a);
      for (int d : new int[] {0, 1, 0x7f, 0xff}) {
        assertThat(SysfsTree.queueDomain(a, String.format("%02x.%04x", a, d))).isEqualTo(d);
      }
    }
    assertThat(SysfsTree.cardAdapter("card")).isEqualTo(-1);
    assertThat(SysfsTree.cardAdapter("disk05")).isEqualTo(-1);
    assertThat(SysfsTree.queueDomain(3, "03x0001")).isEqualTo(-1);
    for (int a : new int[] {0, 3, 0x5a, 0xff}) {
      for (int d : new int[] {0, 1, 0x7f, 0xff}) {
        Apqn q = Apqn.of(a, d);
        assertThat(SysfsTree.queueApqn(q.toString())).isEqualTo(q);
      }
    }
    for (String other :
        List.of(
            "3.0001", "03.1", "03.00001", "0A.0001", "03.000A", "03.0100", "g3.0001", "03x0001")) {
      assertThat(SysfsTree.queueApqn(other)).as(other).isNull();
    }
    assertThat(SysfsTree.canonicalUuid(U.toString())).isEqualTo(U);
    assertThat(SysfsTree.canonicalUuid(U.toString().toUpperCase(Locale.ROOT))).isNull();
    assertThat(SysfsTree.canonicalUuid("not-a-uuid")).isNull();
  }

  /**
   * A host with everything the three directories can show: a card of an old type (no {@code type},
   * {@code online} or {@code driver}), a card outside the configuration, queues owned by the host
   * (no {@code status}), a card with all 256 domains, two mediated devices and a removed one.
   */
  private static Host oddHost() {
    Host host =
        HostSpec.builder()
            .config(
                HostConfig.withApxa(
                    255, 255, Bitmap256.of(0x03, 0x05, 0x0a), Bitmap256.all(), Bitmap256.of(1)))
            .card(Card.of(0x03, CardType.of(7), CardMode.CCA))
            .card(Card.of(0x05, CardType.CEX8, CardMode.EP11))
            .card(Card.of(0x0a, CardType.CEX7, CardMode.ACCEL))
            .standbyCard(Card.of(0x40, CardType.CEX8, CardMode.CCA))
            .apmask(Bitmap256.of(0x0a))
            .aqmask(Bitmap256.range(0x80, 0xff))
            .start();
    for (UUID u : new UUID[] {U, V, GONE}) {
      host.mdevs().create(u).orThrow();
    }
    host.writeApConfig(U, Apcb.of(Bitmap256.of(5), Bitmap256.of(1, 2), Bitmap256.of(1))).orThrow();
    host.mdevs().remove(GONE).orThrow();
    return host;
  }

  private static Dir dir(Dir from, String... names) {
    Dir d = from;
    for (String name : names) {
      d = (Dir) Objects.requireNonNull(d.children().get().get(name), name);
    }
    return d;
  }

  /**
   * Walks the whole tree through the full listings and checks, in every directory, that the lookup
   * of every listed name (and of names close to them) finds the same thing as the listing; returns
   * how many names were checked.
   */
  private static int assertEveryLookupMatchesTheListing(Host host) {
    SysfsTree tree = new SysfsTree(host);
    return check(tree.root(), "", probes(host));
  }

  private static int check(Dir d, String path, List<String> extra) {
    SortedMap<String, Node> listed = d.children().get();
    List<String> names = new ArrayList<>(extra);
    for (String name : listed.keySet()) {
      names.add(name);
      names.add(name.toUpperCase(Locale.ROOT));
      names.add(name + "0");
      names.add(name.substring(1));
    }
    int checked = 0;
    for (String name : names) {
      assertThat(shape(d.child(name))).as("%s/%s", path, name).isEqualTo(shape(listed.get(name)));
      checked++;
    }
    for (Map.Entry<String, Node> e : listed.entrySet()) {
      if (e.getValue() instanceof Dir sub) {
        checked += check(sub, path + "/" + e.getKey(), extra);
      }
    }
    return checked;
  }

  /** Names no directory of {@code host} lists, but the big ones parse. */
  private static List<String> probes(Host host) {
    List<String> out = new ArrayList<>();
    for (int a = 0; a < 256; a += 5) {
      out.add(SysfsTree.cardName(a));
    }
    for (Card c : host.cards()) {
      int a = c.adapter();
      for (int d : new int[] {0, 1, 2, 0x20, 0x80, 0xff, 0x100, 0xfff}) {
        out.add(String.format("%02x.%04x", a, d));
        out.add(String.format("%02x.%04x", (a + 1) % 256, d));
      }
    }
    out.add(GONE.toString());
    out.add(U.toString());
    out.add(V.toString());
    return out;
  }

  /** What a node is, deeply: the kind, a link's target, an attribute's content and directions. */
  private static String shape(@Nullable Node n) {
    if (n == null) {
      return "absent";
    }
    if (n instanceof Link l) {
      return "-> " + l.target();
    }
    if (n instanceof Attr a) {
      Supplier<String> reader = a.reader();
      return "file r=" + (reader == null ? "-" : reader.get()) + " w=" + (a.writer() != null);
    }
    StringBuilder sb = new StringBuilder("dir {");
    ((Dir) n)
        .children()
        .get()
        .forEach((k, v) -> sb.append(k).append(": ").append(shape(v)).append(", "));
    return sb.append('}').toString();
  }
}
