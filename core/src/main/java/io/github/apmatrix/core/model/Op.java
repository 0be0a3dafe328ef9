package io.github.apmatrix.core.model;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The context of one public operation on a {@link Host}: which mediated devices asked for their
 * shadow to be committed to the guest. The host commits each at most once, at the end, with the
 * final masks (the whole operation is one blocked-vCPU window for the guest). Not thread-safe;
 * confined to the operation's thread under the host lock.
 */
final class Op {

  final Commits commits = new Commits();
  private final Set<Mdev> dirty = new LinkedHashSet<>();
  private final Set<Mdev> forced = new LinkedHashSet<>();

  /** Asks for the device's shadow to be committed if it differs from what the guest has. */
  void commit(Mdev m) {
    dirty.add(m);
  }

  /** Asks for the device's shadow to be committed even if the guest already has it. */
  void forceCommit(Mdev m) {
    dirty.add(m);
    forced.add(m);
  }

  Set<Mdev> dirty() {
    return dirty;
  }

  boolean isForced(Mdev m) {
    return forced.contains(m);
  }
}
