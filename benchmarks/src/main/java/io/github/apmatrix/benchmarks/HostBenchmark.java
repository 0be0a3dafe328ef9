package io.github.apmatrix.benchmarks;

import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.model.Crycb;
import io.github.apmatrix.core.model.DriverName;
import io.github.apmatrix.core.model.Guest;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.HostSpec;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Operations on a full 256 × 256 host ({@link FullHost}: 65,536 queues bound to vfio_ap) with 1 or
 * 256 mediated devices, each opened by a guest. Device 0 has the same matrix (adapter 0 × domains
 * 0..254) in both cases, so any difference between {@code devices=1} and {@code devices=256} is the
 * cost of the other devices.
 *
 * <ul>
 *   <li>{@link #assignThenUnassignDomain}: domain 255 assigned to device 0 (ownership and sharing
 *       check, filter, one commit to its guest) and unassigned again (hot unplug, one commit, a
 *       reset of queue 00.00ff). The sharing check reads the host's per-adapter "assigned" index,
 *       so it must not grow with the number of devices.
 *   <li>{@link #unbindThenBindQueue}: probe/remove churn. Queue 00.0000 of device 0 is unbound from
 *       vfio_ap (its adapter leaves the guest, the adapter's 254 other queues are reset, one
 *       commit) and bound again (probe, filter, the adapter comes back, one commit).
 *   <li>{@code crycbUnderCommits}: one thread reads guest 0's CRYCB lock-free ({@link #readCrycb})
 *       while another assigns and unassigns domain 255 of device 0 ({@link #commit}).
 * </ul>
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar HostBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HostBenchmark {

  /** Mediated devices on the host, each with a guest. */
  @Param({"1", "256"})
  public int devices = 1;

  Host host = HostSpec.builder().start();
  UUID device0 = new UUID(0, 0);
  Guest guest0 = host.kvm().createGuest("unset", host.defaultCrycbFormat());
  static final Apqn CHURNED = Apqn.of(0, 0);

  /** Builds the full host with {@link #devices} devices and guests. */
  @Setup
  public void setUp() {
    FullHost full = FullHost.build(devices);
    host = full.host();
    device0 = full.device(0);
    guest0 = full.guest(0);
  }

  /** Assigns domain 255 to device 0 and unassigns it; returns the second outcome. */
  @Benchmark
  public Outcome assignThenUnassignDomain() {
    return pairOfOutcomes(
        host.assignDomain(device0, FullHost.FREE_DOMAIN),
        host.unassignDomain(device0, FullHost.FREE_DOMAIN));
  }

  /** Unbinds queue 00.0000 from vfio_ap and binds it again; returns the second outcome. */
  @Benchmark
  public Outcome unbindThenBindQueue() {
    return pairOfOutcomes(
        host.drivers().unbind(DriverName.VFIO_AP, CHURNED),
        host.drivers().bind(DriverName.VFIO_AP, CHURNED));
  }

  /** Guest 0 reads its CRYCB while {@link #commit} changes it. */
  @Benchmark
  @Group("crycbUnderCommits")
  @GroupThreads(1)
  public Crycb readCrycb() {
    return guest0.crycb();
  }

  /** The writer of {@code crycbUnderCommits}: two commits to guest 0 per call. */
  @Benchmark
  @Group("crycbUnderCommits")
  @GroupThreads(1)
  public Outcome commit() {
    return assignThenUnassignDomain();
  }

  /** Fails loudly if either of two operations was refused, so a benchmark cannot go quiet. */
  private static Outcome pairOfOutcomes(Outcome first, Outcome second) {
    if (first.isRefused() || second.isRefused()) {
      throw new IllegalStateException("benchmark operation refused: " + first + ", " + second);
    }
    return second;
  }
}
