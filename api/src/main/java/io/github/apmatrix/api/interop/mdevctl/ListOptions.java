package io.github.apmatrix.api.interop.mdevctl;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Mdevctl#list} and {@link Mdevctl#listJson} list: active or defined devices ({@code
 * -d}), verbose or not ({@code -v}), one UUID ({@code -u}) or all, one parent ({@code -p}) or all.
 * Start from {@link #active()} or {@link #definedOnly()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ListOptions {

  private final boolean defined;
  private final boolean verbose;
  private final @Nullable UUID uuid;
  private final @Nullable String parent;

  private ListOptions(
      boolean defined, boolean verbose, @Nullable UUID uuid, @Nullable String parent) {
    this.defined = defined;
    this.verbose = verbose;
    this.uuid = uuid;
    this.parent = parent;
  }

  /** Returns the options of plain {@code mdevctl list}. */
  public static ListOptions active() {
    return new ListOptions(false, false, null, null);
  }

  /** Returns the options of {@code mdevctl list -d}. */
  public static ListOptions definedOnly() {
    return new ListOptions(true, false, null, null);
  }

  /** Returns these options with {@code -v}. */
  public ListOptions withVerbose() {
    return new ListOptions(defined, true, uuid, parent);
  }

  /** Returns these options with {@code -u UUID}. */
  public ListOptions withUuid(UUID u) {
    return new ListOptions(defined, verbose, Objects.requireNonNull(u, "u"), parent);
  }

  /** Returns these options with {@code -p PARENT}. */
  public ListOptions withParent(String p) {
    return new ListOptions(defined, verbose, uuid, Objects.requireNonNull(p, "p"));
  }

  /** Returns whether defined devices are listed ({@code -d}) instead of active ones. */
  public boolean defined() {
    return defined;
  }

  /** Returns whether the attributes are shown ({@code -v}; JSON always has them). */
  public boolean verbose() {
    return verbose;
  }

  /** Returns the only device listed ({@code -u}), if one is named. */
  public Optional<UUID> uuid() {
    return Optional.ofNullable(uuid);
  }

  /** Returns the only parent listed ({@code -p}), if one is named. */
  public Optional<String> parent() {
    return Optional.ofNullable(parent);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ListOptions l
        && defined == l.defined
        && verbose == l.verbose
        && Objects.equals(uuid, l.uuid)
        && Objects.equals(parent, l.parent);
  }

  @Override
  public int hashCode() {
    return Objects.hash(defined, verbose, uuid, parent);
  }

  @Override
  public String toString() {
    return "ListOptions{"
        + (defined ? "-d" : "active")
        + (verbose ? " -v" : "")
        + (uuid == null ? "" : " -u " + uuid)
        + (parent == null ? "" : " -p " + parent)
        + "}";
  }
}
