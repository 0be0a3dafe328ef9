package io.github.apmatrix.api.interop.mdevctl;

import io.github.apmatrix.api.interop.internal.Json;
import io.github.apmatrix.api.interop.internal.JsonWriter;
import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.api.sysfs.SysfsException;
import io.github.apmatrix.api.text.UuidText;
import io.github.apmatrix.core.model.MediatedDevice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The model's host seen through mdevctl: {@code list} (active or {@code -d} defined, {@code -v},
 * {@code --dumpjson}, {@code -u}), {@code types} and {@code start}, on the emulated sysfs and a set
 * of defined configs, with mdevctl's output formats and messages ({@code src/main.rs}, {@code
 * src/mdev.rs}).
 *
 * <p>The attributes of an active device are what the vfio_ap callout (ap-check) reports: every
 * assigned adapter, usage domain and control domain as a decimal string, in that order. A device
 * with nothing assigned shows none, as mdevctl drops ap-check's {@code [{}]} answer.
 *
 * <pre>{@code
 * Mdevctl m = Mdevctl.of(Sysfs.of(host), ConfigStore.load(Path.of("/etc/mdevctl.d")));
 * m.start(uuid, config);                  // create, then each attribute in order
 * m.list(ListOptions.active().withVerbose());
 * }</pre>
 *
 * <p>Thread-safe: it holds only the sysfs, whose host serialises the operations, and an immutable
 * store.
 */
public final class Mdevctl {

  private static final String PARENT_DIR = "/sys/devices/vfio_ap/matrix";
  private static final String TYPES = PARENT_DIR + "/mdev_supported_types";

  private final Sysfs sys;
  private final ConfigStore defined;

  private Mdevctl(Sysfs sys, ConfigStore defined) {
    this.sys = sys;
    this.defined = defined;
  }

  /** Returns mdevctl on {@code sys} with the defined devices of {@code defined}. */
  public static Mdevctl of(Sysfs sys, ConfigStore defined) {
    return new Mdevctl(Objects.requireNonNull(sys, "sys"), Objects.requireNonNull(defined, "d"));
  }

  /** One listed device. */
  private record Row(String uuid, String parent, DeviceConfig config, boolean mark) {}

  private List<Row> rows(ListOptions o) {
    List<Row> rows = new ArrayList<>();
    if (o.defined()) {
      for (String parent : defined.parents()) {
        for (Map.Entry<String, DeviceConfig> e : defined.devices(parent).entrySet()) {
          boolean active = parent.equals(ConfigStore.MATRIX) && active(e.getKey()).isPresent();
          rows.add(new Row(e.getKey(), parent, e.getValue(), active));
        }
      }
    } else {
      Map<String, MediatedDevice> sorted = new TreeMap<>();
      sys.host().mdevs().list().forEach(m -> sorted.put(m.uuid().toString(), m));
      for (Map.Entry<String, MediatedDevice> e : sorted.entrySet()) {
        Optional<DeviceConfig> file = defined.get(ConfigStore.MATRIX, e.getValue().uuid());
        DeviceConfig c =
            new DeviceConfig(
                DeviceConfig.VFIO_AP,
                file.map(DeviceConfig::start).orElse(StartPolicy.MANUAL),
                activeAttributes(e.getValue()));
        rows.add(new Row(e.getKey(), ConfigStore.MATRIX, c, file.isPresent()));
      }
    }
    rows.removeIf(
        r ->
            o.uuid().filter(u -> !u.toString().equals(r.uuid())).isPresent()
                || o.parent().filter(p -> !p.equals(r.parent())).isPresent());
    return rows;
  }

  private Optional<MediatedDevice> active(String uuid) {
    return sys.host().mdevs().find(UuidText.parse(uuid));
  }

  /**
   * The attributes ap-check's {@code get attributes} reports for an active device, in decimal:
   * adapters, usage domains, control domains, each ascending.
   */
  static List<DeviceConfig.Attribute> activeAttributes(MediatedDevice m) {
    List<DeviceConfig.Attribute> attrs = new ArrayList<>();
    m.matrix().apm().stream().forEach(a -> attrs.add(attr("assign_adapter", a)));
    m.matrix().aqm().stream().forEach(d -> attrs.add(attr("assign_domain", d)));
    m.matrix().adm().stream().forEach(d -> attrs.add(attr("assign_control_domain", d)));
    return attrs;
  }

  private static DeviceConfig.Attribute attr(String name, int id) {
    return new DeviceConfig.Attribute(name, Integer.toString(id));
  }

  /** Returns the text of {@code mdevctl list} with these options. */
  public String list(ListOptions o) {
    StringBuilder sb = new StringBuilder();
    for (Row r : rows(o)) {
      DeviceConfig c = r.config();
      sb.append(r.uuid()).append(' ').append(r.parent()).append(' ').append(c.mdevType());
      sb.append(' ').append(c.start().text());
      if (r.mark()) {
        sb.append(o.defined() ? " (active)" : " (defined)");
      }
      sb.append('\n');
      if (o.verbose() && !c.attrs().isEmpty()) {
        sb.append("  Attrs:\n");
        for (int i = 0; i < c.attrs().size(); i++) {
          DeviceConfig.Attribute a = c.attrs().get(i);
          sb.append("    @{").append(i).append("}: {\"").append(a.name()).append("\":\"");
          sb.append(a.value()).append("\"}\n");
        }
      }
    }
    return sb.toString();
  }

  /**
   * Returns the text of {@code mdevctl list --dumpjson} with these options: the bare config when
   * {@code -u} matches exactly one device, else {@code [{PARENT: [{UUID: CONFIG}, ...], ...}]}, or
   * {@code []} when nothing is listed; pretty, with no trailing newline.
   */
  public String listJson(ListOptions o) {
    List<Row> rows = rows(o);
    if (rows.isEmpty()) {
      return "[]";
    }
    if (o.uuid().isPresent() && rows.size() == 1) {
      return MdevctlJson.write(rows.get(0).config());
    }
    Map<String, List<Json>> byParent = new LinkedHashMap<>();
    for (Row r : rows) {
      byParent
          .computeIfAbsent(r.parent(), p -> new ArrayList<>())
          .add(Json.obj1(r.uuid(), MdevctlJson.toJson(r.config())));
    }
    Map<String, Json> parents = new LinkedHashMap<>();
    byParent.forEach((p, list) -> parents.put(p, new Json.Arr(list)));
    return JsonWriter.pretty(new Json.Arr(List.of(new Json.Obj(parents))));
  }

  /** One supported type of the matrix parent, read from sysfs. */
  private record Type(String name, String instances, String api, String description) {}

  private Optional<Type> type() {
    String dir = TYPES + "/" + DeviceConfig.VFIO_AP;
    if (!parentPresent() || sys.stat(dir).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Type(
            read(dir + "/name").orElse(""),
            read(dir + "/available_instances").orElse("0"),
            read(dir + "/device_api").orElse(""),
            read(dir + "/description").orElse("")));
  }

  private Optional<String> read(String path) {
    try {
      return Optional.of(sys.read(path).strip().replace("\n", ", "));
    } catch (SysfsException e) {
      return Optional.empty();
    }
  }

  /** Returns the text of {@code mdevctl types}. */
  public String types() {
    Optional<Type> t = type();
    if (t.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(ConfigStore.MATRIX + "\n");
    sb.append("  ").append(DeviceConfig.VFIO_AP).append('\n');
    sb.append("    Available instances: ").append(t.get().instances()).append('\n');
    sb.append("    Device API: ").append(t.get().api()).append('\n');
    if (!t.get().name().isEmpty()) {
      sb.append("    Name: ").append(t.get().name()).append('\n');
    }
    if (!t.get().description().isEmpty()) {
      sb.append("    Description: ").append(t.get().description()).append('\n');
    }
    return sb.toString();
  }

  /** Returns the text of {@code mdevctl types --dumpjson}, pretty, without a trailing newline. */
  public String typesJson() {
    Optional<Type> t = type();
    if (t.isEmpty()) {
      return "[]";
    }
    Map<String, Json> info = new LinkedHashMap<>();
    info.put("available_instances", new Json.Num(t.get().instances()));
    info.put("device_api", Json.str(t.get().api()));
    if (!t.get().name().isEmpty()) {
      info.put("name", Json.str(t.get().name()));
    }
    if (!t.get().description().isEmpty()) {
      info.put("description", Json.str(t.get().description()));
    }
    Json types = new Json.Arr(List.of(Json.obj1(DeviceConfig.VFIO_AP, new Json.Obj(info))));
    return JsonWriter.pretty(new Json.Arr(List.of(Json.obj1(ConfigStore.MATRIX, types))));
  }

  /**
   * Starts a device as {@code mdevctl start -u UUID -p PARENT} does after its pre-start callout:
   * checks that it does not exist and that the parent supports the type with an instance left,
   * writes the UUID to {@code create}, then writes each attribute in order without a newline. At
   * the first refused write it writes {@code 1} to {@code remove}, so the device is gone again.
   * When every attribute is an {@code assign_*} of an id and every queue they name is usable, the
   * attributes go to the device as one matrix write, which ends exactly as the writes one by one (a
   * refusal then changes nothing, and the writes one by one find and report the first one).
   *
   * @throws MdevctlException with mdevctl's message: {@code Device already exists} (or {@code
   *     Device exists with different type}), {@code Unable to find parent device 'P'} (with {@code
   *     Did you mean 'matrix'?} on a case mismatch), {@code Parent matrix does not support mdev
   *     type T}, {@code No available instances of T on matrix}, {@code Failed to create mdev U,
   *     type T on matrix}, {@code Invalid attribute 'NAME'}, or {@code Failed to write VALUE to
   *     attribute NAME} with the OS error as its cause, e.g. {@code Address already in use (os
   *     error 98)}
   */
  public void start(String parent, UUID uuid, DeviceConfig config) {
    String type = config.mdevType();
    if (sys.host().mdevs().find(uuid).isPresent()) {
      throw new MdevctlException(
          type.equals(DeviceConfig.VFIO_AP)
              ? "Device already exists"
              : "Device exists with different type");
    }
    if (!parent.equals(ConfigStore.MATRIX) || !parentPresent()) {
      boolean near = parentPresent() && parent.toLowerCase(Locale.ROOT).equals(ConfigStore.MATRIX);
      throw new MdevctlException(
          "Unable to find parent device '"
              + parent
              + "'"
              + (near ? ". Did you mean '" + ConfigStore.MATRIX + "'?" : ""));
    }
    if (sys.stat(TYPES + "/" + type).isEmpty() || type.isEmpty() || type.contains("/")) {
      throw new MdevctlException("Parent " + parent + " does not support mdev type " + type);
    }
    if (sys.host().vfioAp().availableInstances() == 0) {
      throw new MdevctlException("No available instances of " + type + " on " + parent);
    }
    try {
      sys.write(Sysfs.CREATE, uuid.toString());
    } catch (SysfsException e) {
      throw new MdevctlException(
          "Failed to create mdev " + uuid + ", type " + type + " on " + parent, osError(e));
    }
    if (AssignBatch.tryWrite(sys, uuid, config.attrs())) {
      return;
    }
    String dir = PARENT_DIR + "/" + uuid;
    for (DeviceConfig.Attribute a : config.attrs()) {
      MdevctlException failed = writeAttribute(dir, a);
      if (failed != null) {
        sys.write(dir + "/remove", "1");
        throw failed;
      }
    }
  }

  private @Nullable MdevctlException writeAttribute(String dir, DeviceConfig.Attribute a) {
    String path = dir + "/" + a.name();
    if (a.name().isEmpty() || a.name().contains("/") || sys.stat(path).isEmpty()) {
      return new MdevctlException("Invalid attribute '" + a.name() + "'");
    }
    try {
      sys.write(path, a.value());
      return null;
    } catch (SysfsException e) {
      return new MdevctlException(
          "Failed to write " + a.value() + " to attribute " + a.name(), osError(e));
    }
  }

  /**
   * Stops an active device as {@code mdevctl stop} does: writes {@code 1} to {@code remove}.
   *
   * @throws MdevctlException {@code Error removing device U} with the OS error as its cause
   */
  public void stop(UUID uuid) {
    try {
      sys.write(PARENT_DIR + "/" + uuid + "/remove", "1");
    } catch (SysfsException e) {
      throw new MdevctlException("Error removing device " + uuid, osError(e));
    }
  }

  /** Whether the matrix device exists: the vfio_ap module is loaded. */
  private boolean parentPresent() {
    return sys.host().vfioAp().isLoaded() && sys.stat(PARENT_DIR).isPresent();
  }

  /** Rust's rendering of an OS error: {@code strerror (os error N)}. */
  static String osError(SysfsException e) {
    return e.errno().strerror() + " (os error " + e.errno().number() + ")";
  }

  @Override
  public String toString() {
    return "Mdevctl{" + sys.host() + ", " + defined + "}";
  }
}
