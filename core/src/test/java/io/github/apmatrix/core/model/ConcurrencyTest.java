package io.github.apmatrix.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.Refusal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A host shared between threads: serialised mutations, lock-free guest reads (§8). */
class ConcurrencyTest {

  static final UUID U = UUID.fromString("4b0f2c0e-8d4f-4a8e-9a51-1c2d3e4f5a6b");
  static final Bitmap256 IDS = Bitmap256.range(1, 4);

  Host sharedHost() {
    HostSpecBuilder b =
        HostSpec.builder()
            .config(HostConfig.withApxa(255, 255, IDS, IDS, IDS))
            .apmask(Bitmap256.all().andNot(IDS));
    IDS.forEach(a -> b.card(Card.of(a, CardType.CEX8, CardMode.CCA)));
    Host host = b.start();
    host.mdevs().create(U).orThrow();
    host.writeApConfig(U, Apcb.of(IDS, IDS, IDS)).orThrow();
    return host;
  }

  @Test
  void guestsReadWhileThreadsMutate_everyCrycbSeenWasPublishedInOrder() throws Exception {
    Host host = sharedHost();
    Guest g = host.kvm().createGuest("g1", CrycbFormat.FORMAT2);
    Set<Crycb> published =
        Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    List<Long> counts = Collections.synchronizedList(new ArrayList<>());
    g.addCommitListener(
        (guest, crycb) -> {
          published.add(crycb);
          counts.add(crycb.commits());
        });
    host.kvm().openDevice(U, g).orThrow();
    published.add(g.crycb());

    AtomicBoolean stop = new AtomicBoolean();
    List<Crycb> seen = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(5);
    List<java.util.concurrent.Future<?>> writers = new ArrayList<>();
    List<Refusal> refusals = Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 3; t++) {
      long seed = t;
      writers.add(
          pool.submit(
              () -> {
                Random r = new Random(seed);
                for (int i = 0; i < 2_000; i++) {
                  int a = 1 + r.nextInt(4);
                  int d = 1 + r.nextInt(4);
                  Outcome o =
                      switch (r.nextInt(4)) {
                        case 0 -> host.drivers().unbind(DriverName.VFIO_AP, Apqn.of(a, d));
                        case 1 -> host.drivers().bind(DriverName.VFIO_AP, Apqn.of(a, d));
                        case 2 -> host.unassignDomain(U, d);
                        default -> host.assignDomain(U, d);
                      };
                  o.refusal().ifPresent(refusals::add);
                }
              }));
    }
    List<java.util.concurrent.Future<?>> readers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      readers.add(
          pool.submit(
              () -> {
                long last = 0;
                while (!stop.get()) {
                  Crycb c = g.crycb();
                  assertThat(c.commits()).isGreaterThanOrEqualTo(last);
                  last = c.commits();
                  seen.add(c);
                }
              }));
    }
    for (var w : writers) {
      w.get(2, TimeUnit.MINUTES);
    }
    stop.set(true);
    for (var r : readers) {
      r.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();

    synchronized (seen) {
      for (Crycb c : seen) {
        assertThat(published).as("a CRYCB the guest saw was published").contains(c);
        assertThat(IDS.containsAll(c.masks().apm())).isTrue();
        assertThat(IDS.containsAll(c.masks().aqm())).isTrue();
      }
    }
    synchronized (refusals) {
      // a refused racing write is one bounded line, as every refusal
      assertThat(refusals)
          .allSatisfy(r -> assertThat(r.message()).isNotBlank().doesNotContain("\n"));
    }
    List<Long> sorted = new ArrayList<>(counts);
    Collections.sort(sorted);
    for (int i = 0; i < sorted.size(); i++) {
      assertThat(sorted.get(i)).as("commit numbers have no gap").isEqualTo(i + 1L);
    }
    // The final masks are exactly what a sequential filter gives for the final state.
    MediatedDevice m = host.mdevs().find(U).orElseThrow();
    assertThat(g.crycb().masks()).isEqualTo(m.shadow());
  }

  @Test
  void regression05_listenerCallsBackIntoTheHostFromAnotherThread_noDeadlock() throws Exception {
    ExecutorService listeners = Executors.newSingleThreadExecutor();
    HostSpecBuilder b =
        HostSpec.builder()
            .config(HostConfig.withApxa(255, 255, IDS, IDS, IDS))
            .apmask(Bitmap256.all().andNot(IDS))
            .listenerExecutor(listeners);
    IDS.forEach(a -> b.card(Card.of(a, CardType.CEX8, CardMode.CCA)));
    Host host = b.start();
    host.mdevs().create(U).orThrow();
    Guest g = host.kvm().createGuest("g1", CrycbFormat.FORMAT2);
    List<Integer> seenByListener = Collections.synchronizedList(new ArrayList<>());
    g.addCommitListener(
        (guest, crycb) ->
            seenByListener.add(host.mdevs().find(U).orElseThrow().matrix().apqnCount()));
    host.kvm().openDevice(U, g).orThrow();
    host.assignAdapter(U, 1).orThrow();
    host.assignDomain(U, 1).orThrow();
    listeners.shutdown();
    assertThat(listeners.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    // open, the adapter (plugged with no domain), the domain: three commits, three callbacks
    // (each callback reads the host when it runs, possibly after later operations)
    assertThat(seenByListener).hasSize(3).last().isEqualTo(1);
    assertThat(g.commits()).isEqualTo(3);
  }
}
