package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Apqn;
import java.util.Objects;
import java.util.Optional;

/**
 * One assigned id that a mediated device's shadow APCB does not pass to its guest, and why.
 *
 * <pre>{@code
 * for (Withheld w : host.mdevs().explain(uuid)) {
 *   System.out.println(w);   // adapter 0x0a withheld: queue 0a.0020 is not bound to vfio_ap ...
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind whether an adapter, a usage domain or a control domain is withheld
 * @param id the withheld id
 * @param reason why
 * @param apqn the queue behind the reason, for adapters withheld because of one queue
 * @param detail a sentence for a person, naming the queue and what is wrong with it
 */
public record Withheld(Kind kind, int id, Reason reason, Optional<Apqn> apqn, String detail) {

  /** Creates an explanation. */
  public Withheld {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(apqn, "apqn");
    Objects.requireNonNull(detail, "detail");
  }

  /** What kind of id is withheld. */
  public enum Kind {
    /** An adapter (APM bit). */
    ADAPTER,
    /** A usage domain (AQM bit). */
    DOMAIN,
    /** A control domain (ADM bit). */
    CONTROL_DOMAIN
  }

  /** Why an id is withheld. */
  public enum Reason {
    /** The id is not in the host's AP configuration (as vfio_ap last saw it). */
    NOT_IN_HOST_CONFIG,
    /** A queue of the adapter has no queue device on the AP bus. */
    NO_QUEUE_DEVICE,
    /** A queue of the adapter is owned by the host's default drivers (apmask and aqmask). */
    OWNED_BY_HOST,
    /** A queue of the adapter is free but not bound to vfio_ap (unbound or another driver). */
    NOT_BOUND_TO_VFIO_AP,
    /** The last reset of a queue of the adapter left it unusable. */
    RESET_FAILED,
    /**
     * The adapter was withheld by an earlier filtering and nothing has re-filtered the matrix since
     * (unassigning does not re-filter); the next assignment, probe or {@code ap_config} write
     * brings it back. The explanation keeps the original cause: {@link Withheld#apqn()} is the
     * queue that made the filter withhold the adapter, and the detail says what was wrong with it
     * then (e.g. the response code its reset had answered).
     */
    NOT_REFILTERED
  }

  @Override
  public String toString() {
    String what =
        switch (kind) {
          case ADAPTER -> String.format("adapter 0x%02x", id);
          case DOMAIN -> String.format("domain 0x%04x", id);
          case CONTROL_DOMAIN -> String.format("control domain 0x%04x", id);
        };
    return what + " withheld: " + detail;
  }
}
