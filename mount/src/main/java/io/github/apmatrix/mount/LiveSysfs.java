package io.github.apmatrix.mount;

import java.nio.charset.StandardCharsets;
import jnr.ffi.Pointer;
import jnr.ffi.types.mode_t;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;
import ru.serce.jnrfuse.FuseFillDir;
import ru.serce.jnrfuse.FuseStubFS;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.FuseFileInfo;
import ru.serce.jnrfuse.struct.Timespec;

/**
 * The FUSE callbacks of the live tree: each one hands its arguments to {@link SysfsOps} and turns
 * the answer into what libfuse expects (0, a count, or a negated errno). Operations sysfs has no
 * use for get the answer the VFS gives on sysfs: creating a file {@code EACCES}; {@code mkdir},
 * {@code mknod}, {@code rename}, {@code unlink}, {@code rmdir}, {@code symlink}, {@code link}
 * {@code EPERM}; changing times, owner or mode is accepted and changes nothing.
 *
 * <p>Thread-safe, as {@link SysfsOps} is.
 */
final class LiveSysfs extends FuseStubFS {

  private static final int O_ACCMODE = 3;
  private static final int O_WRONLY = 1;
  private static final int O_RDWR = 2;

  private final SysfsOps ops;
  private final long startSeconds = System.currentTimeMillis() / 1000;

  LiveSysfs(SysfsOps ops) {
    this.ops = ops;
  }

  /** A callback's work: its answer, or an FsError with the errno. */
  @FunctionalInterface
  interface Call {
    int run() throws FsError;
  }

  /**
   * Runs a callback's work: the errno of an FsError negated, EIO (logged) for any other failure of
   * the Java side, so the mount keeps serving.
   */
  int guard(String operation, String path, Call call) {
    try {
      return call.run();
    } catch (FsError e) {
      return -e.errno();
    } catch (RuntimeException e) {
      return ops.unexpected(operation, path, e);
    }
  }

  @Override
  public int getattr(String path, FileStat stat) {
    return guard(
        "getattr",
        path,
        () -> {
          SysfsOps.Stat s = ops.stat(path);
          stat.st_mode.set(s.mode());
          stat.st_size.set(s.size());
          stat.st_nlink.set((s.mode() & SysfsOps.S_IFDIR) == SysfsOps.S_IFDIR ? 2 : 1);
          stat.st_uid.set(0);
          stat.st_gid.set(0);
          stat.st_blksize.set(SysfsOps.PAGE_SIZE);
          stat.st_mtim.tv_sec.set(startSeconds);
          stat.st_ctim.tv_sec.set(startSeconds);
          stat.st_atim.tv_sec.set(startSeconds);
          return 0;
        });
  }

  @Override
  public int readdir(
      String path, Pointer buf, FuseFillDir filter, @off_t long offset, FuseFileInfo fi) {
    return guard(
        "readdir",
        path,
        () -> {
          for (String name : ops.list(path)) {
            if (filter.apply(buf, name, null, 0) != 0) {
              break;
            }
          }
          return 0;
        });
  }

  /**
   * Opening a directory answers for the directory now ({@code ENOENT} once it is gone, {@code
   * ENOTDIR} for anything else), as the kernel's lookup would: with entries cached in the kernel
   * (see {@link LiveMount}), this is where a removed device's directory is found missing.
   */
  @Override
  public int opendir(String path, FuseFileInfo fi) {
    return guard(
        "opendir",
        path,
        () -> {
          ops.opendir(path);
          return 0;
        });
  }

  /**
   * {@code access(2)} and {@code chdir(2)}: answered from the path's mode and the caller's user as
   * the kernel's {@code generic_permission} does on sysfs ({@code ENOENT} once the path is gone).
   */
  @Override
  public int access(String path, int mask) {
    return guard(
        "access",
        path,
        () -> {
          ops.access(path, mask, callerUid());
          return 0;
        });
  }

  /** The user of the process whose request is served now. */
  private long callerUid() {
    return getContext().uid.get();
  }

  @Override
  public int readlink(String path, Pointer buf, @size_t long size) {
    return guard(
        "readlink",
        path,
        () -> {
          byte[] target = ops.readlink(path).getBytes(StandardCharsets.UTF_8);
          int n = (int) Math.min(target.length, size - 1);
          buf.put(0, target, 0, n);
          buf.putByte(n, (byte) 0);
          return 0;
        });
  }

  @Override
  public int open(String path, FuseFileInfo fi) {
    return guard(
        "open",
        path,
        () -> {
          int mode = fi.flags.get() & O_ACCMODE;
          boolean read = mode != O_WRONLY;
          boolean write = mode == O_WRONLY || mode == O_RDWR;
          fi.fh.set(ops.open(path, read, write));
          return 0;
        });
  }

  @Override
  public int read(
      String path, Pointer buf, @size_t long size, @off_t long offset, FuseFileInfo fi) {
    return guard(
        "read",
        path,
        () -> {
          return ops.read(
              fi.fh.get(),
              offset,
              (int) Math.min(size, Integer.MAX_VALUE),
              (text, from, count) -> buf.put(0, text, from, count));
        });
  }

  @Override
  public int write(
      String path, Pointer buf, @size_t long size, @off_t long offset, FuseFileInfo fi) {
    return guard(
        "write",
        path,
        () -> {
          byte[] bytes = new byte[(int) Math.min(Math.max(size, 0), SysfsOps.PAGE_SIZE)];
          buf.get(0, bytes, 0, bytes.length);
          return ops.write(fi.fh.get(), bytes);
        });
  }

  @Override
  public int release(String path, FuseFileInfo fi) {
    ops.release(fi.fh.get());
    return 0;
  }

  @Override
  public int truncate(String path, @off_t long size) {
    return guard(
        "truncate",
        path,
        () -> {
          ops.truncate(path);
          return 0;
        });
  }

  @Override
  public int create(String path, @mode_t long mode, FuseFileInfo fi) {
    return -FsError.EACCES;
  }

  @Override
  public int mknod(String path, @mode_t long mode, long rdev) {
    return -FsError.EPERM;
  }

  @Override
  public int mkdir(String path, @mode_t long mode) {
    return -FsError.EPERM;
  }

  @Override
  public int rmdir(String path) {
    return -FsError.EPERM;
  }

  @Override
  public int unlink(String path) {
    return -FsError.EPERM;
  }

  @Override
  public int rename(String oldpath, String newpath) {
    return -FsError.EPERM;
  }

  @Override
  public int symlink(String oldpath, String newpath) {
    return -FsError.EPERM;
  }

  @Override
  public int link(String oldpath, String newpath) {
    return -FsError.EPERM;
  }

  @Override
  public int chmod(String path, @mode_t long mode) {
    return exists(path);
  }

  @Override
  public int chown(String path, long uid, long gid) {
    return exists(path);
  }

  @Override
  public int utimens(String path, Timespec[] timespec) {
    return exists(path);
  }

  private int exists(String path) {
    return guard(
        "setattr",
        path,
        () -> {
          ops.stat(path);
          return 0;
        });
  }
}
