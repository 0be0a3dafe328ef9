package io.github.apmatrix.api.sysfs;

import io.github.apmatrix.api.sysfs.Node.Attr;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.model.ApBusSettings;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * The attributes the AP bus and zcrypt show for the bus, each card and each queue device, the ones
 * lszcrypt reads, in the kernel's formats ({@code ap_bus.c}, {@code ap_card.c}, {@code ap_queue.c},
 * {@code zcrypt_card.c}, {@code zcrypt_queue.c}). The model sends no crypto requests, so every
 * counter reads 0. A queue is in the AP bus's operating state while zcrypt's queue driver holds it;
 * one that vfio_ap or no driver holds is uninitiated (on a real host every queue binds to {@code
 * cex4queue} at boot, with all-ones masks, and is left uninitiated when taken from it), so its
 * {@code request_count} reads {@code -}. Only cards and queues zcrypt holds have {@code online} and
 * {@code load}. Read-only here, although the kernel lets root reset the counters and queues.
 * Stateless apart from the host; thread-safe as the host is.
 */
final class ZcryptAttributes {

  private final Host host;

  ZcryptAttributes(Host host) {
    this.host = host;
  }

  /** The bus attributes of {@code /sys/bus/ap} beside the masks and maximum ids. */
  void bus(SortedMap<String, Node> m) {
    m.put("ap_domain", Attr.readOnly(() -> host.defaultDomain() + "\n"));
    m.put("ap_interrupts", Attr.readOnly(() -> flag(settings().interrupts())));
    m.put("config_time", Attr.readOnly(() -> settings().configTimeSeconds() + "\n"));
    m.put("poll_thread", Attr.readOnly(() -> flag(settings().pollThread())));
    m.put("poll_timeout", Attr.readOnly(() -> settings().pollTimeoutNanos() + "\n"));
    m.put("features", Attr.readOnly(this::features));
  }

  private ApBusSettings settings() {
    return host.busSettings();
  }

  /**
   * {@code features_show}: {@code -} without QCI, else the QCI facilities separated by blanks; with
   * none at all the kernel overwrites its buffer from the start and returns 0, so the file is
   * empty.
   */
  private String features() {
    if (!host.config().qci()) {
      return "-\n";
    }
    ApBusSettings s = settings();
    List<String> words = new ArrayList<>();
    if (s.apsc()) {
      words.add("APSC");
    }
    if (host.config().apxa()) {
      words.add("APXA");
    }
    if (s.qact()) {
      words.add("QACT");
    }
    if (s.rc8a()) {
      words.add("RC8A");
    }
    return words.isEmpty() ? "" : String.join(" ", words) + "\n";
  }

  /** The attributes of a card device beside {@code hwtype}, {@code config} and the links. */
  void card(Card c, SortedMap<String, Node> m) {
    int a = c.adapter();
    m.put("raw_hwtype", Attr.readOnly(() -> c.type().hwtype() + "\n"));
    m.put("depth", Attr.readOnly(() -> c.queueDepth() + "\n"));
    m.put(
        "ap_functions",
        Attr.readOnly(() -> String.format("0x%08X", c.functions(host.config())) + "\n"));
    m.put("request_count", counter());
    m.put("requestq_count", counter());
    m.put("pendingq_count", counter());
    m.put("modalias", Attr.readOnly(() -> String.format("ap:t%02X", c.type().hwtype()) + "\n"));
    m.put("chkstop", counter());
    m.put("max_msg_size", Attr.readOnly(() -> c.maxMessageSize() + "\n"));
    if (c.type().isZcryptSupported()) {
      // zcrypt_card: online = config && !chkstop && the card's own online switch (on)
      m.put("online", Attr.readOnly(() -> flag(host.machine().isCardConfigured(a))));
      m.put("load", counter());
    }
  }

  /** The attributes of a queue device beside {@code config}, {@code status} and the links. */
  void queue(Apqn q, boolean zcrypt, SortedMap<String, Node> m) {
    m.put("request_count", Attr.readOnly(() -> zcrypt ? "0\n" : "-\n"));
    m.put("requestq_count", counter());
    m.put("pendingq_count", counter());
    m.put("reset", Attr.readOnly(() -> "No Reset Timer set.\n"));
    m.put(
        "interrupt",
        Attr.readOnly(
            () ->
                zcrypt && settings().interrupts()
                    ? "Interrupts enabled.\n"
                    : "Interrupts disabled.\n"));
    m.put("chkstop", counter());
    if (zcrypt) {
      m.put("online", Attr.readOnly(() -> flag(host.machine().isCardConfigured(q.adapter()))));
      m.put("load", counter());
    }
  }

  private static Attr counter() {
    return Attr.readOnly(() -> "0\n");
  }

  private static String flag(boolean on) {
    return (on ? "1" : "0") + "\n";
  }
}
