package io.github.apmatrix.api;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.ApHardware;
import io.github.apmatrix.core.model.ApQueueDriver;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostConfig;
import io.github.apmatrix.core.model.ResetClock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link ApHost.Builder} has collected: everything a core {@link Host.Builder} needs.
 * Mutable and not thread-safe; a host keeps a private copy.
 */
final class HostSpec {
  boolean qci = true;
  boolean apxa = true;
  int na = Bitmap256.MAX_ID;
  int nd = Bitmap256.MAX_ID;
  final TreeMap<Integer, Card> cards = new TreeMap<>();
  Bitmap256 apm = Bitmap256.empty();
  Bitmap256 aqm = Bitmap256.empty();
  Bitmap256 adm = Bitmap256.empty();
  Bitmap256 apmask = Bitmap256.all();
  Bitmap256 aqmask = Bitmap256.all();
  @Nullable ApHardware hardware;
  @Nullable ResetClock clock;
  @Nullable Executor executor;
  final List<ApQueueDriver> drivers = new ArrayList<>();
  @Nullable BiPredicate<String, Apqn> probeFault;

  HostSpec copy() {
    HostSpec c = new HostSpec();
    c.qci = qci;
    c.apxa = apxa;
    c.na = na;
    c.nd = nd;
    c.cards.putAll(cards);
    c.apm = apm;
    c.aqm = aqm;
    c.adm = adm;
    c.apmask = apmask;
    c.aqmask = aqmask;
    c.hardware = hardware;
    c.clock = clock;
    c.executor = executor;
    c.drivers.addAll(drivers);
    c.probeFault = probeFault;
    return c;
  }

  void apxa(int na, int nd) {
    checkId(na, "Na");
    checkId(nd, "Nd");
    this.qci = true;
    this.apxa = true;
    this.na = na;
    this.nd = nd;
  }

  void noApxa() {
    this.qci = true;
    this.apxa = false;
  }

  void noQci() {
    this.qci = false;
    this.apxa = false;
  }

  void card(Card card, boolean configured) {
    cards.put(card.adapter(), card);
    apm = configured ? apm.with(card.adapter()) : apm.without(card.adapter());
  }

  HostConfig config() {
    if (!qci) {
      return HostConfig.withoutQci(apm, aqm);
    }
    return apxa
        ? HostConfig.withApxa(na, nd, apm, aqm, adm)
        : HostConfig.withoutApxa(apm, aqm, adm);
  }

  Host build() {
    Host.Builder b = Host.builder().config(config()).apmask(apmask).aqmask(aqmask);
    cards.values().forEach(b::card);
    if (hardware != null) {
      b.hardware(hardware);
    }
    if (clock != null) {
      b.resetClock(clock);
    }
    if (executor != null) {
      b.listenerExecutor(executor);
    }
    drivers.forEach(b::driver);
    if (probeFault != null) {
      b.probeFault(probeFault);
    }
    return b.build();
  }

  private static void checkId(int id, String what) {
    if (id < 0 || id > Bitmap256.MAX_ID) {
      throw new IllegalArgumentException(what + " must be in 0..255: " + id);
    }
  }

  @Override
  public String toString() {
    String mode = !qci ? "no QCI" : apxa ? "APXA Na=" + na + " Nd=" + nd : "no APXA";
    return mode
        + ", cards "
        + cards.values().stream()
            .map(c -> c + (apm.contains(c.adapter()) ? "" : " standby"))
            .collect(Collectors.joining(", ", "[", "]"))
        + ", usage domains "
        + Render.ids(aqm)
        + ", control domains "
        + Render.ids(adm)
        + ", apmask "
        + Render.ids(apmask)
        + ", aqmask "
        + Render.ids(aqmask);
  }
}
