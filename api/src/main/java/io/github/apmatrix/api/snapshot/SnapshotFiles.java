package io.github.apmatrix.api.snapshot;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Careful reading of a snapshot directory, open first and check what was opened: every directory is
 * opened relative to its already opened parent without following a link ({@code openat} with {@code
 * O_NOFOLLOW}), so no component of a path can lead out of the snapshot, even when entries are
 * swapped while the snapshot is read; a link anywhere is refused. A file is opened only after its
 * own attributes say it is a regular file, and refused when its identity or size changed between
 * that check, the open and the end of the read; a FIFO or a device is never opened, and an open
 * that blocks anyway (an entry swapped for a FIFO at that moment) is abandoned after {@link
 * BoundedIo#LIMIT_SECONDS}. Reads stop at {@link #MAX_BYTES}; binary files are refused; every error
 * names the file relative to the root. Not thread-safe; close it when the load is done.
 */
final class SnapshotFiles implements Closeable {

  /** The largest file a snapshot may hold: 1 MiB (sysfs attributes are at most a page). */
  static final int MAX_BYTES = 1 << 20;

  private static final String LINK =
      "a symbolic link; a snapshot is read without following links, so it is refused";
  private static final String CHANGED = "changed while it was being read; refused";
  private static final Set<OpenOption> READ =
      Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  /** The opened directories by path relative to the root ({@code ""}); empty: none there. */
  private final Map<String, Optional<SecureDirectoryStream<Path>>> dirs = new HashMap<>();

  private SnapshotFiles(SecureDirectoryStream<Path> root) {
    dirs.put("", Optional.of(root));
  }

  /**
   * Opens the snapshot's root directory (a link to it is followed: the caller named it).
   *
   * @throws SnapshotException when it is not a directory or cannot be opened
   */
  @SuppressWarnings("StreamResourceLeak") // the root stays open for the load; close() closes it
  static SnapshotFiles open(Path dir) throws SnapshotException {
    String shown = dir.toString();
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(dir, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new SnapshotException(shown, "cannot open the snapshot: " + BoundedIo.reason(e));
    }
    if (!a.isDirectory()) {
      throw new SnapshotException(shown, "a snapshot is a directory");
    }
    DirectoryStream<Path> ds = BoundedIo.run(shown, () -> Files.newDirectoryStream(dir));
    if (!(ds instanceof SecureDirectoryStream<Path> s)) {
      closeQuietly(ds);
      throw new SnapshotException(
          shown, "this file system cannot open a directory without following links");
    }
    SnapshotFiles files = new SnapshotFiles(s);
    files.checkSame(s, a, shown);
    return files;
  }

  /** Returns whether {@code rel} is a directory (not a link to one). */
  boolean isDirectory(String rel) throws SnapshotException {
    Optional<SecureDirectoryStream<Path>> parent = dir(parentOf(rel));
    if (parent.isEmpty()) {
      return false;
    }
    Optional<BasicFileAttributes> a = stat(parent.get(), nameOf(rel), rel);
    return a.isPresent() && a.get().isDirectory();
  }

  /** Returns the text of a file, or empty when there is no such file. */
  Optional<String> readOptional(String rel) throws SnapshotException {
    Optional<SecureDirectoryStream<Path>> parent = dir(parentOf(rel));
    if (parent.isEmpty()) {
      return Optional.empty();
    }
    SecureDirectoryStream<Path> d = parent.get();
    Path name = Path.of(nameOf(rel));
    Optional<BasicFileAttributes> before = stat(d, nameOf(rel), rel);
    if (before.isEmpty()) {
      return Optional.empty();
    }
    if (before.get().isDirectory()) {
      throw new SnapshotException(rel, "expected a file, found a directory");
    }
    if (!before.get().isRegularFile()) {
      throw new SnapshotException(
          rel, "expected a file, found a FIFO, socket or device; refused without opening it");
    }
    long size = before.get().size();
    Optional<byte[]> bytes =
        BoundedIo.run(
            rel,
            () -> {
              try (SeekableByteChannel ch = d.newByteChannel(name, READ);
                  InputStream in = Channels.newInputStream(ch)) {
                // a FIFO or a replaced file opened in its place shows another size
                return ch.size() == size
                    ? Optional.of(in.readNBytes(MAX_BYTES + 1))
                    : Optional.<byte[]>empty();
              }
            });
    Optional<BasicFileAttributes> after = stat(d, nameOf(rel), rel);
    if (bytes.isEmpty()
        || after.isEmpty()
        || !after.get().isRegularFile()
        || after.get().size() != size
        || !Objects.equals(after.get().fileKey(), before.get().fileKey())) {
      throw new SnapshotException(rel, CHANGED);
    }
    return Optional.of(text(rel, bytes.get()));
  }

  /** Returns the text of a file that must exist. */
  String read(String rel) throws SnapshotException {
    Optional<String> s = readOptional(rel);
    if (s.isEmpty()) {
      throw new SnapshotException(rel, "missing");
    }
    return s.get();
  }

  /** Returns the names in a directory, sorted; empty when there is no such directory. */
  List<String> list(String rel) throws SnapshotException {
    List<String> out = new ArrayList<>();
    Optional<SecureDirectoryStream<Path>> d = dir(rel);
    if (d.isEmpty()) {
      return out;
    }
    try (SecureDirectoryStream<Path> again = d.get().newDirectoryStream(Path.of("."), NOFOLLOW)) {
      for (Path e : again) {
        out.add(e.getFileName().toString());
      }
    } catch (IOException e) {
      throw new SnapshotException(rel, "cannot list: " + BoundedIo.reason(e));
    } catch (DirectoryIteratorException e) {
      throw new SnapshotException(rel, "cannot list: " + BoundedIo.reason(e.getCause()));
    }
    out.sort(null);
    return out;
  }

  /** Closes every directory opened. */
  @Override
  public void close() {
    List<SecureDirectoryStream<Path>> open = new ArrayList<>();
    for (Optional<SecureDirectoryStream<Path>> d : dirs.values()) {
      d.ifPresent(open::add);
    }
    dirs.clear();
    BoundedIo.closeAll(open);
  }

  // ------------------------------------------------------------------ opening

  /** Returns the opened directory {@code rel}, or empty when there is no directory there. */
  private Optional<SecureDirectoryStream<Path>> dir(String rel) throws SnapshotException {
    Optional<SecureDirectoryStream<Path>> known = dirs.get(rel);
    if (known != null) {
      return known;
    }
    Optional<SecureDirectoryStream<Path>> parent = dir(parentOf(rel));
    Optional<SecureDirectoryStream<Path>> opened = Optional.empty();
    if (parent.isPresent()) {
      Optional<BasicFileAttributes> a = stat(parent.get(), nameOf(rel), rel);
      if (a.isPresent() && a.get().isDirectory()) {
        Path name = Path.of(nameOf(rel));
        SecureDirectoryStream<Path> p = parent.get();
        SecureDirectoryStream<Path> d =
            BoundedIo.run(rel, () -> p.newDirectoryStream(name, NOFOLLOW));
        dirs.put(rel, Optional.of(d)); // closed with the others, even when refused below
        checkSame(d, a.get(), rel);
        opened = Optional.of(d);
      }
    }
    dirs.put(rel, opened);
    return opened;
  }

  /** Refuses {@code rel} unless the opened directory is the one whose attributes were read. */
  private void checkSame(SecureDirectoryStream<Path> d, BasicFileAttributes expected, String rel)
      throws SnapshotException {
    BasicFileAttributes a;
    try {
      a = d.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
    } catch (IOException e) {
      throw new SnapshotException(rel, "cannot read: " + BoundedIo.reason(e));
    }
    if (!a.isDirectory() || !Objects.equals(a.fileKey(), expected.fileKey())) {
      throw new SnapshotException(rel, CHANGED);
    }
  }

  /** The attributes of {@code name} in {@code d}, the entry itself; empty when there is none. */
  private static Optional<BasicFileAttributes> stat(
      SecureDirectoryStream<Path> d, String name, String rel) throws SnapshotException {
    BasicFileAttributes a;
    try {
      a =
          d.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, NOFOLLOW)
              .readAttributes();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new SnapshotException(rel, "cannot read: " + BoundedIo.reason(e));
    }
    if (a.isSymbolicLink()) {
      throw new SnapshotException(rel, LINK);
    }
    return Optional.of(a);
  }

  private static String parentOf(String rel) {
    int slash = rel.lastIndexOf('/');
    return slash < 0 ? "" : rel.substring(0, slash);
  }

  private static String nameOf(String rel) {
    return rel.substring(rel.lastIndexOf('/') + 1);
  }

  // ------------------------------------------------------------------ content

  private static String text(String rel, byte[] bytes) throws SnapshotException {
    if (bytes.length > MAX_BYTES) {
      throw new SnapshotException(
          rel, "larger than " + MAX_BYTES + " bytes; sysfs attributes are small text files");
    }
    for (byte b : bytes) {
      if (b == 0 || (b > 0 && b < 0x20 && b != '\n' && b != '\t')) {
        throw new SnapshotException(rel, "binary content; sysfs attributes are text");
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SnapshotException(rel, "binary content (not UTF-8 text)");
    }
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // a directory only read from: nothing is lost when closing it fails
    }
  }
}
