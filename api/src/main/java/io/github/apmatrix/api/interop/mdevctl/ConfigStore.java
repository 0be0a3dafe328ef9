package io.github.apmatrix.api.interop.mdevctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The defined devices of {@code /etc/mdevctl.d}: per parent directory ({@code matrix} for vfio_ap),
 * the configs of the files named by a UUID, in mdevctl's order (parents and UUIDs sorted as byte
 * strings). Files that are not named by a UUID are skipped, as mdevctl skips them; files that do
 * not read as a config are kept aside with mdevctl's message ({@link #unreadable()}).
 *
 * <pre>{@code
 * ConfigStore defined = ConfigStore.load(Path.of("/etc/mdevctl.d"));
 * defined.get("matrix", uuid);   // Optional<DeviceConfig>
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigStore {

  /** The parent directory of vfio_ap devices. */
  public static final String MATRIX = "matrix";

  private static final Pattern UUID_NAME =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final long MAX_BYTES = 1 << 20;

  private final Map<String, Map<String, DeviceConfig>> parents;
  private final List<String> unreadable;

  private ConfigStore(Map<String, Map<String, DeviceConfig>> parents, List<String> unreadable) {
    this.parents = parents;
    this.unreadable = unreadable;
  }

  /** Returns a store without any defined device. */
  public static ConfigStore empty() {
    return new ConfigStore(Map.of(), List.of());
  }

  /** Returns this store with {@code config} defined for {@code uuid} under {@code parent}. */
  public ConfigStore with(String parent, UUID uuid, DeviceConfig config) {
    Objects.requireNonNull(config, "config");
    Map<String, Map<String, DeviceConfig>> next = copy();
    next.computeIfAbsent(Objects.requireNonNull(parent, "parent"), p -> new TreeMap<>())
        .put(uuid.toString(), config);
    return new ConfigStore(freeze(next), unreadable);
  }

  /** Returns this store without the device {@code uuid} under {@code parent}. */
  public ConfigStore without(String parent, UUID uuid) {
    Map<String, Map<String, DeviceConfig>> next = copy();
    Map<String, DeviceConfig> devices = next.get(parent);
    if (devices != null) {
      devices.remove(uuid.toString());
      if (devices.isEmpty()) {
        next.remove(parent);
      }
    }
    return new ConfigStore(freeze(next), unreadable);
  }

  /**
   * Reads the directory {@code etcMdevctlD} (mdevctl's {@code /etc/mdevctl.d}); a missing directory
   * is an empty store. The {@code scripts.d} directory is not a parent.
   *
   * @throws IOException when a directory cannot be listed
   */
  public static ConfigStore load(Path etcMdevctlD) throws IOException {
    Map<String, Map<String, DeviceConfig>> parents = new TreeMap<>();
    List<String> unreadable = new ArrayList<>();
    if (!Files.isDirectory(etcMdevctlD)) {
      return empty();
    }
    for (Path dir : sorted(etcMdevctlD)) {
      String parent = dir.getFileName().toString();
      if (parent.equals("scripts.d") || !Files.isDirectory(dir)) {
        continue;
      }
      for (Path file : sorted(dir)) {
        String name = file.getFileName().toString();
        if (!UUID_NAME.matcher(name).matches() || !Files.isRegularFile(file)) {
          continue;
        }
        try {
          if (Files.size(file) > MAX_BYTES) {
            throw new MdevctlException("file is larger than 1 MiB");
          }
          String text = Files.readString(file, StandardCharsets.UTF_8);
          DeviceConfig c = MdevctlJson.read(text);
          parents
              .computeIfAbsent(parent, p -> new TreeMap<>())
              .put(name.toLowerCase(Locale.ROOT), c);
        } catch (MdevctlException | IOException e) {
          unreadable.add(file + ": " + e.getMessage());
        }
      }
    }
    return new ConfigStore(freeze(parents), List.copyOf(unreadable));
  }

  private static List<Path> sorted(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !Files.isSymbolicLink(p) || Files.exists(p, LinkOption.NOFOLLOW_LINKS))
          .sorted()
          .toList();
    }
  }

  /** Returns the parents that hold a defined device, sorted. */
  public List<String> parents() {
    return List.copyOf(parents.keySet());
  }

  /** Returns the defined devices of {@code parent}: UUID text to config, sorted by UUID. */
  public Map<String, DeviceConfig> devices(String parent) {
    return parents.getOrDefault(parent, Map.of());
  }

  /** Returns the config of {@code uuid} under {@code parent}. */
  public Optional<DeviceConfig> get(String parent, UUID uuid) {
    return Optional.ofNullable(devices(parent).get(uuid.toString()));
  }

  /** Returns one line per file that was skipped because it does not read as a config. */
  public List<String> unreadable() {
    return unreadable;
  }

  private Map<String, Map<String, DeviceConfig>> copy() {
    Map<String, Map<String, DeviceConfig>> next = new TreeMap<>();
    parents.forEach((p, d) -> next.put(p, new TreeMap<>(d)));
    return next;
  }

  private static Map<String, Map<String, DeviceConfig>> freeze(
      Map<String, Map<String, DeviceConfig>> m) {
    Map<String, Map<String, DeviceConfig>> out = new TreeMap<>();
    m.forEach((p, d) -> out.put(p, Collections.unmodifiableMap(new TreeMap<>(d))));
    return Collections.unmodifiableMap(out);
  }

  @Override
  public String toString() {
    return "ConfigStore" + parents.keySet();
  }
}
