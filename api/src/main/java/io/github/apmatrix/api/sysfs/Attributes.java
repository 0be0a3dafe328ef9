package io.github.apmatrix.api.sysfs;

import io.github.apmatrix.api.sysfs.Node.Attr;
import io.github.apmatrix.api.text.ApConfigText;
import io.github.apmatrix.api.text.ApMask;
import io.github.apmatrix.api.text.ApqnText;
import io.github.apmatrix.api.text.CardName;
import io.github.apmatrix.api.text.KernelNumber;
import io.github.apmatrix.api.text.MatrixText;
import io.github.apmatrix.api.text.MessageText;
import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.api.text.UuidText;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.model.Axis;
import io.github.apmatrix.core.model.Card;
import io.github.apmatrix.core.model.DriverName;
import io.github.apmatrix.core.model.Host;
import io.github.apmatrix.core.model.MediatedDevice;
import io.github.apmatrix.core.model.QueueStatus;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The attributes of the emulated tree: each read renders the host's state in the kernel's format,
 * each store parses the bytes with the kernel's grammar and hands one typed operation to the host.
 * No decision about the model is taken here. Thread-safe as the host is.
 */
final class Attributes {

  /** The attribute files of a mediated device's directory. */
  static final List<String> MDEV_ATTRIBUTES =
      List.of(
          "ap_config",
          "assign_adapter",
          "assign_control_domain",
          "assign_domain",
          "control_domains",
          "guest_matrix",
          "matrix",
          "remove",
          "unassign_adapter",
          "unassign_control_domain",
          "unassign_domain");

  /** What {@code sscanf(buf, "%d\n", &v)} reads: blanks, a sign, digits; the rest is ignored. */
  private static final Pattern SCANF_INT = Pattern.compile("^[ \\t\\n\\x0b\\f\\r]*([+-]?[0-9]+)");

  private final Host host;

  Attributes(Host host) {
    this.host = host;
  }

  // ------------------------------------------------------------------ AP bus

  Attr apmask() {
    return new Attr(
        () -> ApMask.format(host.apmask()),
        data -> host.updateApmask(current -> ApMask.write(current, data)));
  }

  Attr aqmask() {
    return new Attr(
        () -> ApMask.format(host.aqmask()),
        data -> host.updateAqmask(current -> ApMask.write(current, data)));
  }

  /**
   * {@code drivers/NAME/bind}: the driver core looks the device up by name (a trailing newline
   * ignored, as {@code sysfs_streq} does) and asks the host to bind it.
   */
  Attr bind(DriverName driver) {
    return Attr.writeOnly(
        data -> busDevice(driver, data, apqn -> host.drivers().bind(driver, apqn)));
  }

  /** {@code drivers/NAME/unbind}. */
  Attr unbind(DriverName driver) {
    return Attr.writeOnly(
        data -> busDevice(driver, data, apqn -> host.drivers().unbind(driver, apqn)));
  }

  private Outcome busDevice(DriverName driver, String data, Function<Apqn, Outcome> op) {
    String name = data.endsWith("\n") ? data.substring(0, data.length() - 1) : data;
    Apqn queue = queueNamed(name);
    if (queue != null && host.queueExists(queue)) {
      return op.apply(queue);
    }
    for (Card c : host.cards()) {
      if (CardName.format(c.adapter()).equals(name)) {
        return Outcome.refused(
            Errno.ENODEV,
            MessageText.bare(driver.name())
                + " is a queue driver; it does not take card device "
                + name);
      }
    }
    return Outcome.refused(Errno.ENODEV, "no device named " + quote(name) + " on the AP bus");
  }

  // ------------------------------------------------------------------ cards and queues

  /**
   * A card's {@code config} (ap_card.c {@code config_show}/{@code config_store}): 1 while the card
   * is configured on; writing 0 or 1 configures it off or on through SCLP, and the card device
   * stays either way.
   */
  Attr cardConfig(int adapter) {
    return new Attr(
        () -> (host.machine().isCardConfigured(adapter) ? "1" : "0") + "\n",
        data -> {
          Matcher m = SCANF_INT.matcher(data);
          int value = m.find() ? scanfValue(m.group(1)) : -1;
          if (value != 0 && value != 1) {
            return Outcome.refused(
                Errno.EINVAL,
                "config of " + CardName.format(adapter) + " takes 0 or 1, not " + quote(data));
          }
          return value == 1
              ? host.machine().configureCardOn(adapter)
              : host.machine().configureCardOff(adapter);
        });
  }

  /** The value of {@code [+-]digits}, or -1 when it is not 0 or 1. */
  private static int scanfValue(String number) {
    String digits = number.replaceFirst("^[+-]", "").replaceFirst("^0+(?=.)", "");
    if (digits.equals("0")) {
      return 0;
    }
    return digits.equals("1") && !number.startsWith("-") ? 1 : -1;
  }

  Attr queueStatus(Apqn q) {
    return Attr.readOnly(
        () ->
            host.resets()
                    .queueStatus(q)
                    .map(QueueStatus::text)
                    .orElse(QueueStatus.UNASSIGNED.text())
                + "\n");
  }

  // ------------------------------------------------------------------ matrix device

  /**
   * The mdev core's {@code create}: exactly 36 or 37 bytes whose first 36 are a UUID (the kernel's
   * {@code uuid_parse} looks at those only), else {@code EINVAL}.
   */
  Attr create() {
    return Attr.writeOnly(
        data -> {
          int bytes = data.length(); // one character per byte (Sysfs.write)
          if (bytes != UuidText.LENGTH && bytes != UuidText.LENGTH + 1) {
            return Outcome.refused(
                Errno.EINVAL,
                "create takes a UUID of 36 characters and an optional newline, not "
                    + bytes
                    + " bytes");
          }
          String text = data.substring(0, UuidText.LENGTH);
          UUID uuid;
          try {
            uuid = UuidText.parseAnyCase(text);
          } catch (SyntaxException e) {
            return Outcome.refused(Errno.EINVAL, quote(text) + " is not a UUID");
          }
          return host.mdevs().create(uuid);
        });
  }

  /** The queue named exactly as the AP bus names it ({@code 05.0004}), or null. */
  private static @Nullable Apqn queueNamed(String name) {
    return ApqnText.tryParse(name).orElse(null);
  }

  Attr mdev(UUID uuid, String name) {
    return switch (name) {
      case "assign_adapter" -> assign(name, uuid, Axis.ADAPTER);
      case "unassign_adapter" -> unassign(name, uuid, Axis.ADAPTER);
      case "assign_domain" -> assign(name, uuid, Axis.DOMAIN);
      case "unassign_domain" -> unassign(name, uuid, Axis.DOMAIN);
      case "assign_control_domain" -> assign(name, uuid, Axis.CONTROL_DOMAIN);
      case "unassign_control_domain" -> unassign(name, uuid, Axis.CONTROL_DOMAIN);
      case "remove" ->
          number(name, uuid, value -> value == 0 ? Outcome.done() : host.mdevs().remove(uuid));
      case "matrix" ->
          Attr.readOnly(
              () -> {
                MediatedDevice d = device(uuid);
                return listing(d.matrix(), d);
              });
      case "guest_matrix" ->
          Attr.readOnly(
              () -> {
                MediatedDevice d = device(uuid);
                return listing(d.shadow(), d);
              });
      case "control_domains" ->
          Attr.readOnly(
              () -> {
                MediatedDevice d = device(uuid);
                return MatrixText.formatControlDomains(d.matrix().adm(), d.maxDomainId());
              });
      case "ap_config" ->
          new Attr(
              () -> ApConfigText.format(device(uuid).matrix()),
              data -> {
                try {
                  return host.writeApConfig(uuid, ApConfigText.parse(data));
                } catch (SyntaxException e) {
                  return refusedText(name, uuid, e);
                }
              });
      default -> throw new IllegalArgumentException("no mediated-device attribute " + name);
    };
  }

  /** {@code assign_*}: the number as kstrtoul parsed it goes to the kernel's own range check. */
  private Attr assign(String name, UUID uuid, Axis axis) {
    return number(name, uuid, number -> host.mdevs().storeAssignment(uuid, axis, number));
  }

  /** {@code unassign_*}, as {@link #assign}. */
  private Attr unassign(String name, UUID uuid, Axis axis) {
    return number(name, uuid, number -> host.mdevs().storeUnassignment(uuid, axis, number));
  }

  private static String listing(Apcb apcb, MediatedDevice d) {
    return MatrixText.format(apcb.apm(), apcb.aqm(), d.maxAdapterId(), d.maxDomainId());
  }

  private MediatedDevice device(UUID uuid) {
    return host.mdevs()
        .find(uuid)
        .orElseThrow(
            () ->
                SysfsException.noEntry(
                    SysfsTree.MATRIX + "/" + uuid, "mediated device " + uuid + " was removed"));
  }

  /**
   * An attribute that takes one {@code kstrtoul(buf, 0)} number; a refused text names the attribute
   * and the device.
   */
  private static Attr number(String name, UUID uuid, NumberStore op) {
    return Attr.writeOnly(
        data -> {
          long value;
          try {
            value = KernelNumber.parse(data);
          } catch (SyntaxException e) {
            return refusedText(name, uuid, e);
          }
          return op.store(value);
        });
  }

  /** The refusal of text written to attribute {@code name} of device {@code uuid}. */
  private static Outcome refusedText(String name, UUID uuid, SyntaxException e) {
    return Outcome.refused(e.errno(), name + " of mediated device " + uuid + ": " + e.getMessage());
  }

  @FunctionalInterface
  private interface NumberStore {
    Outcome store(long value);
  }

  private static String quote(String s) {
    return MessageText.quote(s);
  }
}
