package io.github.apmatrix.mount;

import io.github.apmatrix.api.sysfs.Sysfs;
import io.github.apmatrix.api.sysfs.SysfsEntry;
import io.github.apmatrix.api.sysfs.SysfsException;
import io.github.apmatrix.core.Refusal;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The file operations of the live tree with sysfs's semantics (fs/kernfs/file.c, fs/sysfs/file.c),
 * on paths relative to the mount point ({@code /bus/ap/apmask} is {@code /sys/bus/ap/apmask}):
 *
 * <ul>
 *   <li>opening checks the direction: reading a write-only or writing a read-only attribute is
 *       {@code EACCES} ({@code kernfs_fop_open});
 *   <li>each open takes a fresh {@code show} at its first read, and a read at offset 0 takes
 *       another (seq_file); later reads are served from that text;
 *   <li>each {@code write(2)} is one {@code store} of at most one page ({@code
 *       kernfs_fop_write_iter} clamps to {@code PAGE_SIZE}), answered with the kernel's errno; the
 *       offset is ignored as sysfs ignores it, and the text ends at the first NUL byte, as the
 *       store functions read a C string;
 *   <li>attribute files are 4096 bytes with the kernel's modes (0644, 0444, 0200), directories
 *       0755, links relative as sysfs makes them;
 *   <li>an unexpected Java failure is answered with {@code EIO} and logged; serving goes on.
 * </ul>
 *
 * <p>Thread-safe: any number of FUSE threads may call it at once; each store is one host operation,
 * which the host serialises.
 */
final class SysfsOps {

  /** The page size: the most one sysfs store receives. */
  static final int PAGE_SIZE = 4096;

  static final int S_IFDIR = 0040000;
  static final int S_IFREG = 0100000;
  static final int S_IFLNK = 0120000;

  /** What {@code stat} reports: the type and permission bits, and the size. */
  record Stat(int mode, long size) {}

  /** An open attribute: its path, directions and the text of its last {@code show}. */
  private static final class Handle {
    final String path;
    final boolean read;
    final boolean write;
    byte @Nullable [] shown;

    Handle(String path, boolean read, boolean write) {
      this.path = path;
      this.read = read;
      this.write = write;
    }
  }

  private final Sysfs sysfs;
  private final PrintStream log;
  private final boolean trace;
  private final Map<Long, Handle> handles = new ConcurrentHashMap<>();
  private final AtomicLong nextHandle = new AtomicLong(1);
  private final AtomicReference<@Nullable Refusal> lastRefusal = new AtomicReference<>();

  SysfsOps(Sysfs sysfs, PrintStream log, boolean trace) {
    this.sysfs = Objects.requireNonNull(sysfs, "sysfs");
    this.log = Objects.requireNonNull(log, "log");
    this.trace = trace;
  }

  Sysfs sysfs() {
    return sysfs;
  }

  /** The refusal of the last store that was refused, if any. */
  Optional<Refusal> lastRefusal() {
    return Optional.ofNullable(lastRefusal.get());
  }

  /** The sysfs path of a path under the mount point. */
  static String sysPath(String mountPath) {
    return mountPath.equals("/") ? "/sys" : "/sys" + mountPath;
  }

  /** What is at {@code path}, without following a final link (lstat). */
  Stat stat(String path) throws FsError {
    SysfsEntry e = entry(path);
    return switch (e.kind()) {
      case DIRECTORY -> new Stat(S_IFDIR | 0755, 0);
      case LINK -> new Stat(S_IFLNK | 0777, relativeTarget(path, e).length());
      case FILE ->
          new Stat(S_IFREG | (e.readable() ? 0444 : 0) | (e.writable() ? 0200 : 0), PAGE_SIZE);
    };
  }

  /** The names in a directory, sorted, with {@code .} and {@code ..} first. */
  List<String> list(String path) throws FsError {
    SysfsEntry e = entry(path);
    if (e.kind() != SysfsEntry.Kind.DIRECTORY) {
      throw new FsError(FsError.ENOTDIR, path + " is not a directory");
    }
    try {
      List<String> names = sysfs.list(sysPath(path));
      return concat(List.of(".", ".."), names);
    } catch (SysfsException x) {
      throw failed(x);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    String[] all = new String[a.size() + b.size()];
    for (int i = 0; i < a.size(); i++) {
      all[i] = a.get(i);
    }
    for (int i = 0; i < b.size(); i++) {
      all[a.size() + i] = b.get(i);
    }
    return List.of(all);
  }

  /** The target of a link, relative to the link's directory as sysfs writes it. */
  String readlink(String path) throws FsError {
    SysfsEntry e = entry(path);
    if (e.kind() != SysfsEntry.Kind.LINK) {
      throw new FsError(FsError.EINVAL, path + " is not a link");
    }
    return relativeTarget(path, e);
  }

  private static String relativeTarget(String path, SysfsEntry link) {
    Path parent = Path.of(sysPath(path)).getParent();
    String target = link.target().orElseThrow();
    return parent == null ? target : parent.relativize(Path.of(target)).toString();
  }

  /**
   * Opens an attribute for reading, writing or both.
   *
   * @return the handle of the open file
   * @throws FsError EACCES for a direction the attribute does not have, EISDIR, ENOENT
   */
  long open(String path, boolean read, boolean write) throws FsError {
    SysfsEntry e = entry(path);
    if (e.kind() == SysfsEntry.Kind.DIRECTORY) {
      throw new FsError(FsError.EISDIR, path + " is a directory");
    }
    if ((read && !e.readable()) || (write && !e.writable())) {
      throw new FsError(FsError.EACCES, path + (read ? " is write-only" : " is read-only"));
    }
    long fh = nextHandle.getAndIncrement();
    handles.put(fh, new Handle(sysPath(path), read, write));
    return fh;
  }

  /** Forgets an open file. */
  void release(long fh) {
    handles.remove(fh);
  }

  /** Where {@link #read} copies the bytes it serves: straight into the caller's buffer. */
  @FunctionalInterface
  interface Sink {
    void put(byte[] text, int from, int count);
  }

  /**
   * Reads from an open attribute: a fresh {@code show} at offset 0 or at the first read, copied to
   * {@code sink} without an intermediate array.
   *
   * @return how many bytes were copied from {@code offset}, at most {@code size}; 0 at the end
   */
  int read(long fh, long offset, int size, Sink sink) throws FsError {
    Handle h = handle(fh);
    if (!h.read) {
      throw new FsError(FsError.EBADF, h.path + " is not open for reading");
    }
    synchronized (h) {
      byte[] text = h.shown;
      if (text == null || offset == 0) {
        try {
          text = sysfs.read(h.path).getBytes(StandardCharsets.ISO_8859_1);
        } catch (SysfsException x) {
          throw failed(x);
        }
        h.shown = text;
      }
      if (offset >= text.length || offset < 0 || size <= 0) {
        return 0;
      }
      int n = (int) Math.min(size, text.length - offset);
      sink.put(text, (int) offset, n);
      return n;
    }
  }

  /**
   * Reads from an open attribute as {@link #read(long, long, int, Sink)} does.
   *
   * @return the bytes at {@code offset}, at most {@code size}; none at the end
   */
  byte[] read(long fh, long offset, int size) throws FsError {
    byte[][] out = {new byte[0]};
    read(
        fh,
        offset,
        size,
        (text, from, count) -> out[0] = Arrays.copyOfRange(text, from, from + count));
    return out[0];
  }

  /**
   * Writes to an open attribute: one store of at most a page.
   *
   * @return how many bytes the store took
   * @throws FsError with the errno of the store function when it refuses
   */
  int write(long fh, byte[] data) throws FsError {
    Handle h = handle(fh);
    if (!h.write) {
      throw new FsError(FsError.EBADF, h.path + " is not open for writing");
    }
    int count = Math.min(data.length, PAGE_SIZE);
    int nul = 0;
    while (nul < count && data[nul] != 0) {
      nul++;
    }
    int end = nul > 0 ? nul : count;
    // the store receives the bytes themselves: re-encoding them would change their count
    byte[] store = end == data.length ? data : Arrays.copyOf(data, end);
    try {
      sysfs.write(h.path, store);
    } catch (SysfsException x) {
      lastRefusal.set(x.refusal());
      traceStore(h.path, store, x.errno() + ": " + x.refusal().message());
      throw new FsError(x.errno().number(), String.valueOf(x.getMessage()));
    }
    traceStore(h.path, store, count + (count == 1 ? " byte" : " bytes") + " stored");
    return count;
  }

  /**
   * Truncating an attribute (what {@code O_TRUNC} does) changes nothing, as on sysfs.
   *
   * @throws FsError EACCES for a read-only attribute, EISDIR, ENOENT
   */
  void truncate(String path) throws FsError {
    SysfsEntry e = entry(path);
    if (e.kind() == SysfsEntry.Kind.DIRECTORY) {
      throw new FsError(FsError.EISDIR, path + " is a directory");
    }
    if (!e.writable()) {
      throw new FsError(FsError.EACCES, path + " is read-only");
    }
  }

  /**
   * Opening a directory: it must exist now and be a directory.
   *
   * @throws FsError ENOENT, ENOTDIR
   */
  void opendir(String path) throws FsError {
    if (entry(path).kind() != SysfsEntry.Kind.DIRECTORY) {
      throw new FsError(FsError.ENOTDIR, path + " is not a directory");
    }
  }

  /**
   * {@code access(2)} as the kernel's {@code generic_permission} answers it on sysfs, where every
   * file belongs to root: root may read and write anything and search or execute what has an
   * execute bit; another user has the bits for others.
   *
   * @param mask the bits of {@code R_OK} (4), {@code W_OK} (2) and {@code X_OK} (1); 0 asks whether
   *     the path exists
   * @throws FsError ENOENT when the path does not exist, EACCES when a bit is not granted
   */
  void access(String path, int mask, long uid) throws FsError {
    int mode = stat(path).mode();
    int wanted = mask & 7;
    int granted;
    if (uid == 0) {
      granted = 6 | ((mode & 0111) != 0 ? 1 : 0);
    } else {
      granted = mode & 7;
    }
    if ((wanted & ~granted) != 0) {
      throw new FsError(FsError.EACCES, path + " does not grant " + wanted + " to user " + uid);
    }
  }

  /** Logs an unexpected failure of the Java side; the caller answers EIO. */
  int unexpected(String operation, String path, RuntimeException e) {
    log.println(
        "apmatrix mount: " + operation + " " + sysPath(path) + " failed unexpectedly: " + e);
    e.printStackTrace(log);
    log.flush();
    return -FsError.EIO;
  }

  private void traceStore(String path, byte[] data, String answer) {
    if (trace) {
      String text = new String(data, StandardCharsets.ISO_8859_1);
      log.println("apmatrix: write " + path + " \"" + escape(text) + "\": " + answer);
      log.flush();
    }
  }

  /** The text as a C string literal would show it, bounded to one line. */
  static String escape(String text) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < text.length() && b.length() < 200; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        b.append("\\n");
      } else if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private Handle handle(long fh) throws FsError {
    Handle h = handles.get(fh);
    if (h == null) {
      throw new FsError(FsError.EBADF, "no open file " + fh);
    }
    return h;
  }

  private SysfsEntry entry(String path) throws FsError {
    return sysfs
        .stat(sysPath(path))
        .orElseThrow(() -> new FsError(FsError.ENOENT, sysPath(path) + " does not exist"));
  }

  private static FsError failed(SysfsException x) {
    return new FsError(x.errno().number(), String.valueOf(x.getMessage()));
  }
}
