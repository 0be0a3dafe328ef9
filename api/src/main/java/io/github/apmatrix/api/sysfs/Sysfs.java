package io.github.apmatrix.api.sysfs;

import io.github.apmatrix.api.sysfs.Node.Attr;
import io.github.apmatrix.api.sysfs.Node.Dir;
import io.github.apmatrix.api.sysfs.Node.Link;
import io.github.apmatrix.api.text.MessageText;
import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.Outcome;
import io.github.apmatrix.core.Refusal;
import io.github.apmatrix.core.model.Host;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The emulated sysfs of a {@link Host}: the files a person reads and writes on a real s390 host
 * ({@code /sys/bus/ap}, {@code /sys/devices/ap}, {@code /sys/devices/vfio_ap/matrix} and the
 * aliases under {@code /sys/bus}), with the kernel's read formats, number and mask grammars and
 * errno. Every write is parsed here and carried out as one typed operation of the host, so a
 * refusal keeps the model's explanation.
 *
 * <pre>{@code
 * Sysfs sys = Sysfs.of(host);
 * sys.write("/sys/bus/ap/apmask", "-3,-0xa\n");
 * sys.write(Sysfs.CREATE, uuid + "\n");
 * sys.write("/sys/devices/vfio_ap/matrix/" + uuid + "/assign_adapter", "3\n");
 * sys.read("/sys/devices/vfio_ap/matrix/" + uuid + "/matrix");   // "03.\n"
 * sys.list("/sys/bus/ap/drivers/vfio_ap");                       // [03.0001, ..., bind, unbind]
 * }</pre>
 *
 * <p>Paths are absolute and normalised strictly: {@code //} and {@code .} are dropped, {@code ..}
 * is taken lexically, and a path whose {@code ..} would leave {@code /sys} does not exist. Every
 * access resolves the path against the host's state at that moment.
 *
 * <p>Thread-safe: it holds no state besides the host, which serialises the operations.
 */
public final class Sysfs {

  /** The path of the mdev type's {@code create} attribute. */
  public static final String CREATE = SysfsTree.TYPE_DIR + "/create";

  /**
   * The most bytes one {@code write} call hands to a store function: a page on s390 (kernfs cuts a
   * longer write to {@code PAGE_SIZE}).
   */
  public static final int PAGE_SIZE = 4096;

  /** How many links one resolution may follow; the tree has no loops, this is a safeguard. */
  private static final int MAX_LINKS = 8;

  private final Host host;
  private final SysfsTree tree;

  private Sysfs(Host host) {
    this.host = host;
    this.tree = new SysfsTree(host);
  }

  /** Returns the emulated sysfs of {@code host}. */
  public static Sysfs of(Host host) {
    return new Sysfs(Objects.requireNonNull(host, "host"));
  }

  /** Returns the host this tree shows. */
  public Host host() {
    return host;
  }

  /**
   * Reads an attribute.
   *
   * @return its content, verbatim; empty text for an empty attribute
   * @throws SysfsException at {@link SysfsException.Stage#OPEN} with {@link Errno#ENOENT} (no such
   *     path), {@link Errno#EISDIR} (a directory) or {@link Errno#EACCES} (a write-only attribute)
   */
  public String read(String path) {
    Objects.requireNonNull(path, "path");
    Resolved r = resolve(path, true);
    Attr attr = attribute(r, path);
    Supplier<String> reader = attr.reader();
    if (reader == null) {
      throw SysfsException.open(
          r.path().toString(),
          Errno.EACCES,
          MessageText.bare(r.path().toString()) + " is write-only");
    }
    return reader.get();
  }

  /**
   * Writes the UTF-8 bytes of {@code data} to an attribute, as {@code echo} does; see {@link
   * #write(String, byte[])}.
   *
   * @throws SysfsException as {@link #write(String, byte[])} does
   */
  public void write(String path, String data) {
    Objects.requireNonNull(data, "data");
    write(path, data.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes {@code data} to an attribute as {@code echo} does: the kernel hands a store function at
   * most one page ({@link #PAGE_SIZE} bytes) per {@code write} call, and a shell's {@code echo}
   * writes again until every byte is taken, so longer data reaches the attribute page by page and
   * the first refused page ends the write. The store functions count bytes, as the kernel's do (36
   * zeros and a euro sign are 39 bytes, not 37 characters). Writing nothing does nothing, as in the
   * kernel, where an empty write never reaches the attribute.
   *
   * @throws SysfsException at {@link SysfsException.Stage#OPEN} with {@link Errno#ENOENT}, {@link
   *     Errno#EISDIR} or {@link Errno#EACCES} (a read-only attribute); at {@link
   *     SysfsException.Stage#TRANSFER} with the errno of the kernel's store function, the refusal
   *     being the model's own when the model refused ({@link SysfsException#refusal()})
   */
  public void write(String path, byte[] data) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(data, "data");
    Resolved r = resolve(path, true);
    Attr attr = attribute(r, path);
    Node.Store store = attr.writer();
    String p = r.path().toString();
    if (store == null) {
      throw SysfsException.open(p, Errno.EACCES, MessageText.bare(p) + " is read-only");
    }
    for (int from = 0; from < data.length; from += PAGE_SIZE) {
      // one character per byte: the grammars then count, index and quote bytes
      String page =
          new String(
              data, from, Math.min(PAGE_SIZE, data.length - from), StandardCharsets.ISO_8859_1);
      Outcome out;
      try {
        out = store.store(page);
      } catch (SyntaxException e) {
        throw new SysfsException(
            p,
            SysfsException.Stage.TRANSFER,
            Refusal.of(e.errno(), MessageText.bare(r.path().name()) + ": " + e.getMessage()));
      }
      Optional<Refusal> refusal = out.refusal();
      if (refusal.isPresent()) {
        throw new SysfsException(p, SysfsException.Stage.TRANSFER, refusal.get());
      }
    }
  }

  /**
   * Lists a directory, following links.
   *
   * @return the names in it, sorted
   * @throws SysfsException with {@link Errno#ENOENT} when the path does not exist or is a file
   */
  public List<String> list(String path) {
    Objects.requireNonNull(path, "path");
    Resolved r = resolve(path, true);
    if (!(r.node() instanceof Dir d)) {
      throw SysfsException.noEntry(r.path().toString(), "not a directory");
    }
    return List.copyOf(d.children().get().keySet());
  }

  /**
   * Returns what is at {@code path} without following a final link (as {@code lstat}), or empty
   * when nothing is there (including paths that cannot be normalised).
   *
   * @see #statFollowingLinks(String)
   */
  public Optional<SysfsEntry> stat(String path) {
    return entry(path, false);
  }

  /**
   * Returns what {@code path} leads to once every link on the way, the last included, is followed
   * (as {@code stat} and {@code opendir} do): a directory or a file, never a link. Empty when
   * nothing is there, including a link whose target is missing and a path that cannot be
   * normalised.
   *
   * <pre>{@code
   * sys.stat("/sys/bus/ap/devices/03.0002").get().kind();                // LINK
   * sys.statFollowingLinks("/sys/bus/ap/devices/03.0002").get().kind();  // DIRECTORY
   * }</pre>
   */
  public Optional<SysfsEntry> statFollowingLinks(String path) {
    return entry(path, true);
  }

  private Optional<SysfsEntry> entry(String path, boolean followLast) {
    Objects.requireNonNull(path, "path");
    Resolved r;
    try {
      r = resolve(path, followLast);
    } catch (SysfsException e) {
      return Optional.empty();
    }
    Node n = r.node();
    if (n instanceof Dir) {
      return Optional.of(new SysfsEntry(SysfsEntry.Kind.DIRECTORY, false, false, Optional.empty()));
    }
    if (n instanceof Link l) {
      return Optional.of(
          new SysfsEntry(SysfsEntry.Kind.LINK, false, false, Optional.of(l.target())));
    }
    Attr a = (Attr) n;
    return Optional.of(
        new SysfsEntry(
            SysfsEntry.Kind.FILE, a.reader() != null, a.writer() != null, Optional.empty()));
  }

  /**
   * Returns the normalised form of {@code path}, without resolving it.
   *
   * @throws SysfsException with {@link Errno#ENOENT} for a relative path, a NUL character, or a
   *     path whose {@code ..} would leave {@code /sys}
   */
  public static String normalise(String path) {
    return SysfsPath.parse(Objects.requireNonNull(path, "path")).toString();
  }

  // ------------------------------------------------------------------ resolution

  private record Resolved(SysfsPath path, Node node) {}

  private static Attr attribute(Resolved r, String given) {
    if (r.node() instanceof Attr a) {
      return a;
    }
    throw SysfsException.open(
        r.path().toString(), Errno.EISDIR, MessageText.bare(given) + " is a directory");
  }

  private Resolved resolve(String given, boolean followLast) {
    SysfsPath path = SysfsPath.parse(given);
    List<String> todo = new ArrayList<>(path.segments());
    List<String> done = new ArrayList<>();
    Node node = tree.root();
    int links = 0;
    while (true) {
      if (node instanceof Link l && (followLast || !todo.isEmpty() || path.trailingSlash())) {
        if (++links > MAX_LINKS) {
          throw SysfsException.noEntry(given, "too many levels of links");
        }
        List<String> rest = todo;
        todo = new ArrayList<>(SysfsPath.parse(l.target()).segments());
        todo.addAll(rest);
        done = new ArrayList<>();
        node = tree.root();
        continue;
      }
      if (todo.isEmpty()) {
        break;
      }
      String name = todo.remove(0);
      if (!(node instanceof Dir d)) {
        throw SysfsException.noEntry(
            given, MessageText.bare("/" + String.join("/", done)) + " is not a directory");
      }
      Node next = d.child(name);
      if (next == null) {
        throw SysfsException.noEntry(given, "no such file or directory");
      }
      done.add(name);
      node = next;
    }
    if (path.trailingSlash() && !(node instanceof Dir)) {
      throw SysfsException.noEntry(given, "not a directory");
    }
    return new Resolved(new SysfsPath(List.copyOf(done), false), node);
  }

  @Override
  public String toString() {
    return "Sysfs{" + host + "}";
  }
}
