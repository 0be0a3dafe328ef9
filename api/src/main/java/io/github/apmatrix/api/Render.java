package io.github.apmatrix.api;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.MediatedDevice;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How the handles print ids and matrices in their {@code toString()}. Stateless. */
final class Render {

  /** Up to this many APQNs are listed one by one; more are shown as adapters × domains. */
  static final int LIST_LIMIT = 8;

  private Render() {}

  /** Returns {@code {0x01-0x02, 0x20}}: the bitmap's ids, runs collapsed. */
  static String ids(Bitmap256 ids) {
    String s = ids.toString();
    return s.substring(s.indexOf('{'));
  }

  /**
   * Returns the queues of {@code apcb}: {@code [03.0002, 03.0020]} for up to {@link #LIST_LIMIT} of
   * them, else (or when one mask is empty) {@code adapters {..} × domains {..}}.
   */
  static String queues(Apcb apcb) {
    int n = apcb.apqnCount();
    if (n > 0 && n <= LIST_LIMIT) {
      return apcb.apqns().toString();
    }
    if (apcb.apm().isEmpty() && apcb.aqm().isEmpty()) {
      return "[]";
    }
    return "adapters " + ids(apcb.apm()) + " × domains " + ids(apcb.aqm());
  }

  /**
   * Returns {@code cards [card03(CEX7C), card0a(CEX8C)]} for up to {@link #LIST_LIMIT} cards, else
   * the count by type, {@code 256 cards (250 CEX8C, 6 CEX7P)}.
   */
  static String cards(List<Card> cards) {
    if (cards.size() <= LIST_LIMIT) {
      return "cards " + cards;
    }
    Map<String, Long> byType =
        cards.stream()
            .collect(Collectors.groupingBy(Card::typeName, TreeMap::new, Collectors.counting()));
    return cards.size()
        + " cards ("
        + byType.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", "))
        + ")";
  }

  /** Returns {@code 1 device} or {@code 2 devices}. */
  static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** Returns the line of {@link ApHost#toString()} for the core host. */
  static String host(Host host, int vfioQueues) {
    HostConfig c = host.config();
    String mode =
        !c.qci() ? "no QCI" : c.apxa() ? "APXA Na=" + c.na() + " Nd=" + c.nd() : "no APXA";
    return "ApHost{"
        + mode
        + ", "
        + cards(host.cards())
        + ", usage domains "
        + ids(c.aqm())
        + ", control domains "
        + ids(c.adm())
        + ", "
        + count(host.queues().size(), "queue")
        + " ("
        + vfioQueues
        + " for vfio_ap), "
        + count(host.mdevs().list().size(), "device")
        + ", "
        + count(host.guests().size(), "guest")
        + "}";
  }

  /** Returns the line of {@link ApDevice#toString()} for a device's snapshot. */
  static String device(MediatedDevice m) {
    return "ApDevice{"
        + m.uuid()
        + ", matrix "
        + queues(m.matrix())
        + ", guest_matrix "
        + queues(m.shadow())
        + ", control domains "
        + ids(m.matrix().adm())
        + m.guest().map(g -> ", guest " + g).orElse(", no guest")
        + "}";
  }
}
