package io.github.apmatrix.api;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.RefusedException;
import io.github.apmatrix.core.model.Card;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A handle on one adapter of a host's machine: its card, and taking it out of and back into the
 * host configuration (as on the HMC, or {@code chzcrypt -d}/{@code -e}), with the AP bus scan that
 * follows.
 *
 * <pre>{@code
 * host.adapter(0x0a).deconfigure();   // its queues go, guests lose it in one commit
 * host.adapter(0x0a).configure();     // and come back
 * }</pre>
 *
 * <p>Changes come in two forms, as on {@link ApHost}: the plain form throws {@link
 * RefusedException}, the {@code try} form returns the {@link Outcome}. Two handles of the same
 * adapter on the same host are equal.
 *
 * <p>Thread-safe: a handle holds only the host and the id; every call is one call of the
 * thread-safe core host.
 */
public final class ApAdapter {

  private final ApHost host;
  private final int id;

  ApAdapter(ApHost host, int id) {
    if (id < 0 || id > 255) {
      throw new IllegalArgumentException("adapter id must be in 0..255: " + id);
    }
    this.host = host;
    this.id = id;
  }

  /** Returns the adapter id. */
  public int id() {
    return id;
  }

  /** Returns the card of this adapter, if the machine has one (configured or not). */
  public Optional<Card> card() {
    return host.core().card(id);
  }

  /** Returns whether the adapter is in the host configuration now. */
  public boolean isConfigured() {
    return host.core().config().apm().contains(id);
  }

  /**
   * Takes the adapter out of the host configuration, with the AP bus scan that follows: its queues
   * disappear and every guest that had it loses it in one commit.
   *
   * @throws RefusedException with {@code ENODEV} when the machine has no card with that id
   */
  @CanIgnoreReturnValue
  public ApAdapter deconfigure() {
    tryDeconfigure().orThrow();
    return this;
  }

  /** As {@link #deconfigure}, returning the outcome. */
  public Outcome tryDeconfigure() {
    return host.core().machine().deconfigureAdapter(id);
  }

  /**
   * Puts the adapter back into the host configuration: its queues come back, are probed, and the
   * guests whose devices have it assigned get it again.
   *
   * @throws RefusedException with {@code ENODEV} when the machine has no card with that id
   */
  @CanIgnoreReturnValue
  public ApAdapter configure() {
    tryConfigure().orThrow();
    return this;
  }

  /** As {@link #configure}, returning the outcome. */
  public Outcome tryConfigure() {
    return host.core().machine().configureAdapter(id);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ApAdapter other && other.host == host && other.id == id;
  }

  @Override
  public int hashCode() {
    return id;
  }

  /** Returns e.g. {@code ApAdapter{0x0a, card0a(CEX8C), configured}}. */
  @Override
  public String toString() {
    return String.format(
        "ApAdapter{0x%02x, %s, %s}",
        id,
        card().map(Card::toString).orElse("no card"),
        isConfigured() ? "configured" : "not configured");
  }
}
