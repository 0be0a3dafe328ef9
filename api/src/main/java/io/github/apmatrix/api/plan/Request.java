package io.github.apmatrix.api.plan;

import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import java.util.Objects;
import java.util.Optional;

/**
 * What one new guest asks for: a number of adapters (optionally of one card type and mode) or named
 * adapters, a number of usage domains or named ones, and control domains (none, the usage domains,
 * or named ones).
 *
 * <pre>{@code
 * Request r = Request.guest("g1").adapters(2).type(CardType.CEX8).mode(CardMode.CCA)
 *     .domains(1).controlSameAsUsage();
 * Request s = Request.guest("g2").adapterIds(Bitmap256.of(4, 5)).domains(1);
 * }</pre>
 *
 * <p>Immutable and thread-safe; every {@code with}-style method returns a new request.
 *
 * @param guest the guest's name
 * @param adapterCount how many adapters, when {@code adapterIds} is empty
 * @param adapterIds the adapters, when named
 * @param type the card type the adapters must have, if any
 * @param mode the card mode the adapters must have, if any
 * @param domainCount how many usage domains, when {@code domainIds} is empty
 * @param domainIds the usage domains, when named
 * @param controlAsUsage whether the usage domains are also the control domains
 * @param controlIds further control domains
 */
public record Request(
    String guest,
    int adapterCount,
    Optional<Bitmap256> adapterIds,
    Optional<CardType> type,
    Optional<CardMode> mode,
    int domainCount,
    Optional<Bitmap256> domainIds,
    boolean controlAsUsage,
    Bitmap256 controlIds) {

  /**
   * Creates a request.
   *
   * @throws IllegalArgumentException if a count is not in 1..256 or a named set is empty
   */
  public Request {
    Objects.requireNonNull(guest, "guest");
    Objects.requireNonNull(adapterIds, "adapterIds");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(domainIds, "domainIds");
    Objects.requireNonNull(controlIds, "controlIds");
    if (guest.isBlank()) {
      throw new IllegalArgumentException("a guest needs a name");
    }
    adapterCount = adapterIds.map(Bitmap256::cardinality).orElse(adapterCount);
    domainCount = domainIds.map(Bitmap256::cardinality).orElse(domainCount);
    if (adapterCount < 1 || adapterCount > 256) {
      throw new IllegalArgumentException("adapters must be 1..256: " + adapterCount);
    }
    if (domainCount < 1 || domainCount > 256) {
      throw new IllegalArgumentException("domains must be 1..256: " + domainCount);
    }
  }

  /** Returns a request of guest {@code name} for one adapter and one usage domain. */
  public static Request guest(String name) {
    return new Request(
        name,
        1,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        1,
        Optional.empty(),
        false,
        Bitmap256.empty());
  }

  /** Returns this request for {@code count} adapters of the planner's choice. */
  public Request adapters(int count) {
    return new Request(
        guest,
        count,
        Optional.empty(),
        type,
        mode,
        domainCount,
        domainIds,
        controlAsUsage,
        controlIds);
  }

  /** Returns this request for the named adapters. */
  public Request adapterIds(Bitmap256 ids) {
    return new Request(
        guest, 0, Optional.of(ids), type, mode, domainCount, domainIds, controlAsUsage, controlIds);
  }

  /** Returns this request for adapters of card type {@code t}. */
  public Request type(CardType t) {
    return new Request(
        guest,
        adapterCount,
        adapterIds,
        Optional.of(t),
        mode,
        domainCount,
        domainIds,
        controlAsUsage,
        controlIds);
  }

  /** Returns this request for adapters in mode {@code m}. */
  public Request mode(CardMode m) {
    return new Request(
        guest,
        adapterCount,
        adapterIds,
        type,
        Optional.of(m),
        domainCount,
        domainIds,
        controlAsUsage,
        controlIds);
  }

  /** Returns this request for {@code count} usage domains of the planner's choice. */
  public Request domains(int count) {
    return new Request(
        guest,
        adapterCount,
        adapterIds,
        type,
        mode,
        count,
        Optional.empty(),
        controlAsUsage,
        controlIds);
  }

  /** Returns this request for the named usage domains. */
  public Request domainIds(Bitmap256 ids) {
    return new Request(
        guest,
        adapterCount,
        adapterIds,
        type,
        mode,
        0,
        Optional.of(ids),
        controlAsUsage,
        controlIds);
  }

  /** Returns this request with its usage domains as control domains too. */
  public Request controlSameAsUsage() {
    return new Request(
        guest, adapterCount, adapterIds, type, mode, domainCount, domainIds, true, controlIds);
  }

  /** Returns this request with the named control domains added. */
  public Request controlIds(Bitmap256 ids) {
    return new Request(
        guest, adapterCount, adapterIds, type, mode, domainCount, domainIds, controlAsUsage, ids);
  }

  /** Returns the request in the text form {@link RequestText} reads. */
  @Override
  public String toString() {
    return "guest "
        + guest
        + adapterIds
            .map(ids -> " on-adapters=" + RequestText.ids(ids))
            .orElse(" adapters=" + adapterCount)
        + type.map(t -> " type=" + t).orElse("")
        + mode.map(m -> " mode=" + m).orElse("")
        + domainIds
            .map(ids -> " on-domains=" + RequestText.ids(ids))
            .orElse(" domains=" + domainCount)
        + (controlAsUsage ? " control=usage" : "")
        + (controlIds.isEmpty() ? "" : " control=" + RequestText.ids(controlIds));
  }
}
