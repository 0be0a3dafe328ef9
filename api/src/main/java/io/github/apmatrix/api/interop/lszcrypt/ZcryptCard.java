package io.github.apmatrix.api.interop.lszcrypt;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A card device as lszcrypt reads it from {@code /sys/devices/ap/cardXX}, with its queue devices.
 * Numbers read as lszcrypt reads them: -1 when the file cannot be read.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the id part of the directory's name, e.g. {@code 04}
 * @param type the first line of {@code type} (zcrypt's name, e.g. {@code CEX8C}), if readable
 * @param config {@code config}, or -1
 * @param online {@code online}, or -1
 * @param functions {@code ap_functions} (hexadecimal), if readable
 * @param requests the first line of {@code request_count}, verbatim, or empty text
 * @param pending {@code pendingq_count} plus {@code requestq_count}
 * @param hwtype the first line of {@code hwtype}, verbatim, or empty text
 * @param depth {@code depth}, or -1
 * @param driver the name of the driver the {@code driver} link points to, if any
 * @param queues the queue devices, sorted by name
 */
public record ZcryptCard(
    String name,
    Optional<String> type,
    long config,
    long online,
    Optional<Long> functions,
    String requests,
    long pending,
    String hwtype,
    long depth,
    Optional<String> driver,
    List<ZcryptQueue> queues) {

  /** Creates a card record. */
  public ZcryptCard {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(functions, "functions");
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(hwtype, "hwtype");
    Objects.requireNonNull(driver, "driver");
    queues = List.copyOf(queues);
  }

  /** Returns the card's directory, e.g. {@code /sys/devices/ap/card04}. */
  public String path() {
    return ZcryptReader.DEVICES + "card" + name;
  }
}
