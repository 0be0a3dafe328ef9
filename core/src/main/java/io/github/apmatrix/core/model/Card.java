package io.github.apmatrix.core.model;

import io.github.apmatrix.core.Bitmap256;
import java.util.Objects;

/**
 * A crypto card present in the machine: its adapter id, device type and mode. A card whose adapter
 * is not in the host configuration is deconfigured: its card device stays, its queues do not exist.
 *
 * <pre>{@code
 * Card card = Card.of(0x0a, CardType.CEX8, CardMode.CCA);
 * card.typeName();   // "CEX8C"
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param adapter the adapter id, 0..255
 * @param type the device type
 * @param mode the mode
 */
public record Card(int adapter, CardType type, CardMode mode) {

  /**
   * Creates a card.
   *
   * @throws IllegalArgumentException if the adapter id is outside 0..255
   */
  public Card {
    if (adapter < 0 || adapter > Bitmap256.MAX_ID) {
      throw new IllegalArgumentException("adapter id must be in 0..255: " + adapter);
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(mode, "mode");
  }

  /**
   * Returns a card.
   *
   * @throws IllegalArgumentException if the adapter id is outside 0..255
   */
  public static Card of(int adapter, CardType type, CardMode mode) {
    return new Card(adapter, type, mode);
  }

  /** TAPQ facility bit 0: the AP special command (lszcrypt's {@code S}). */
  public static final int FUNCTION_APSC = 0x80000000;

  /** TAPQ facility bit 1: modular exponentiation up to 4096 bits ({@code M}). */
  public static final int FUNCTION_MEX4K = 0x40000000;

  /** TAPQ facility bit 2: Chinese-remainder-theorem operations up to 4096 bits ({@code C}). */
  public static final int FUNCTION_CRT4K = 0x20000000;

  /** TAPQ facility bit 3: a CCA coprocessor ({@code D}). */
  public static final int FUNCTION_COPRO = 0x10000000;

  /** TAPQ facility bit 4: an accelerator ({@code A}). */
  public static final int FUNCTION_ACCEL = 0x08000000;

  /** TAPQ facility bit 5: an EP11 coprocessor ({@code X}). */
  public static final int FUNCTION_EP11 = 0x04000000;

  /** TAPQ facility bit 6: APXA is installed ({@code N}). */
  public static final int FUNCTION_APXA = 0x02000000;

  /** TAPQ facility bit 8, the top bit of the card's class: a full-function card ({@code F}). */
  public static final int FUNCTION_FULL = 0x00800000;

  /**
   * The queue depth the newest kernel shows in {@code depth}: TAPQ's QD field (7 on CEX4 to CEX8)
   * plus one.
   */
  public static final int QUEUE_DEPTH = 8;

  /**
   * The largest message the AP bus assumes when TAPQ reports no limit ({@code
   * AP_DEFAULT_MAX_MSG_SIZE}, 12 KiB), shown in {@code max_msg_size}.
   */
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 12 * 1024;

  /**
   * Returns the facility word TAPQ reports for this card, as its {@code ap_functions} shows it: a
   * CCA coprocessor has APSC, COPRO and FULL, an EP11 coprocessor EP11 and FULL, an accelerator
   * MEX4K, CRT4K and ACCEL; APXA is set when the host has it. These are the bits real CEX8 cards
   * report (a CEX8C shows {@code S--D--N-F-} in lszcrypt, a CEX8P {@code -----XN-F-}).
   *
   * @param config the configuration of the card's host: whether it has the AP extended addressing
   *     facility
   */
  public int functions(HostConfig config) {
    int bits =
        switch (mode) {
          case CCA -> FUNCTION_APSC | FUNCTION_COPRO | FUNCTION_FULL;
          case EP11 -> FUNCTION_EP11 | FUNCTION_FULL;
          case ACCEL -> FUNCTION_MEX4K | FUNCTION_CRT4K | FUNCTION_ACCEL;
        };
    return config.apxa() ? bits | FUNCTION_APXA : bits;
  }

  /** Returns the card's queue depth as {@code depth} shows it, {@link #QUEUE_DEPTH}. */
  public int queueDepth() {
    return QUEUE_DEPTH;
  }

  /** Returns the largest message the card takes, {@link #DEFAULT_MAX_MESSAGE_SIZE}. */
  public int maxMessageSize() {
    return DEFAULT_MAX_MESSAGE_SIZE;
  }

  /** Returns the zcrypt type name, e.g. {@code CEX8C}; {@code hwtype N} for old types. */
  public String typeName() {
    return type.isVfioApSupported() ? type.toString() + mode.letter() : type.toString();
  }

  @Override
  public String toString() {
    return String.format("card%02x(%s)", adapter, typeName());
  }
}
