package io.github.apmatrix.core.model;

/**
 * An AP response code, as the queue status word of PQAP(ZAPQ), PQAP(TAPQ) or PQAP(AQIC) carries it
 * (docs/model.md §6.1).
 *
 * <pre>{@code
 * ResponseCode.DECONFIGURED.isPassable();   // true: the queue may still be passed through
 * ResponseCode.of(0x01).name();             // "Q_NOT_AVAIL"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the code, 0..255
 */
public record ResponseCode(int value) {

  /** 0x00: normal completion. */
  public static final ResponseCode NORMAL = new ResponseCode(0x00);

  /** 0x01: the APQN is not valid or not in the configuration. */
  public static final ResponseCode Q_NOT_AVAIL = new ResponseCode(0x01);

  /** 0x02: a reset is in progress. */
  public static final ResponseCode RESET_IN_PROGRESS = new ResponseCode(0x02);

  /** 0x03: the adapter is deconfigured. */
  public static final ResponseCode DECONFIGURED = new ResponseCode(0x03);

  /** 0x04: the adapter is checkstopped. */
  public static final ResponseCode CHECKSTOPPED = new ResponseCode(0x04);

  /** 0x05: the queue is busy. */
  public static final ResponseCode BUSY = new ResponseCode(0x05);

  /** 0x06: invalid address (of a notification indicator byte). */
  public static final ResponseCode INVALID_ADDRESS = new ResponseCode(0x06);

  /** 0x07: otherwise changed. */
  public static final ResponseCode OTHERWISE_CHANGED = new ResponseCode(0x07);

  /** 0x08: invalid GISA. */
  public static final ResponseCode INVALID_GISA = new ResponseCode(0x08);

  /** 0x0A: a state change is in progress (Secure Execution). */
  public static final ResponseCode STATE_CHANGE_IN_PROGRESS = new ResponseCode(0x0A);

  /** 0x35: association secret not unique (Secure Execution). */
  public static final ResponseCode ASSOC_SECRET_NOT_UNIQUE = new ResponseCode(0x35);

  /** 0x36: association failed (Secure Execution). */
  public static final ResponseCode ASSOC_FAILED = new ResponseCode(0x36);

  /**
   * Creates a response code.
   *
   * @throws IllegalArgumentException if {@code value} is outside 0..255
   */
  public ResponseCode {
    if (value < 0 || value > 0xff) {
      throw new IllegalArgumentException("response code must be in 0..255: " + value);
    }
  }

  /**
   * Returns the response code {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is outside 0..255
   */
  public static ResponseCode of(int value) {
    return new ResponseCode(value);
  }

  /**
   * Returns whether a queue whose last reset answered this code may be passed through to a guest:
   * NORMAL, DECONFIGURED or CHECKSTOPPED (§4.4).
   */
  public boolean isPassable() {
    return value == 0x00 || value == 0x03 || value == 0x04;
  }

  /** Returns the kernel's name of the code, e.g. {@code BUSY}, or {@code RC_xx} if unknown. */
  public String name() {
    return switch (value) {
      case 0x00 -> "NORMAL";
      case 0x01 -> "Q_NOT_AVAIL";
      case 0x02 -> "RESET_IN_PROGRESS";
      case 0x03 -> "DECONFIGURED";
      case 0x04 -> "CHECKSTOPPED";
      case 0x05 -> "BUSY";
      case 0x06 -> "INVALID_ADDRESS";
      case 0x07 -> "OTHERWISE_CHANGED";
      case 0x08 -> "INVALID_GISA";
      case 0x09 -> "Q_BOUND_TO_ANOTHER";
      case 0x0A -> "STATE_CHANGE_IN_PROGRESS";
      case 0x0B -> "Q_NOT_BOUND";
      case 0x30 -> "Q_BIND_ERROR";
      case 0x31 -> "Q_NOT_AVAIL_FOR_ASSOC";
      case 0x32 -> "Q_NOT_EMPTY";
      case 0x33 -> "BIND_LIMIT_EXCEEDED";
      case 0x34 -> "INVALID_ASSOC_SECRET";
      case 0x35 -> "ASSOC_SECRET_NOT_UNIQUE";
      case 0x36 -> "ASSOC_FAILED";
      case 0x42 -> "INVALID_DOMAIN";
      default -> String.format("RC_%02x", value);
    };
  }

  /** Returns {@code 0x05 BUSY} style text. */
  @Override
  public String toString() {
    return String.format("0x%02x %s", value, name());
  }
}
