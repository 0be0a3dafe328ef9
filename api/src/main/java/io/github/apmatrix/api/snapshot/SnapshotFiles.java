package io.github.apmatrix.api.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Careful reading of a snapshot directory: nothing outside the root is ever read (a link that leads
 * out is refused), files above {@link #MAX_BYTES} and binary files are refused, and every error
 * names the file relative to the root. Not thread-safe.
 */
final class SnapshotFiles {

  /** The largest file a snapshot may hold: 1 MiB (sysfs attributes are at most a page). */
  static final int MAX_BYTES = 1 << 20;

  private final Path root;

  private SnapshotFiles(Path root) {
    this.root = root;
  }

  static SnapshotFiles open(Path dir) throws SnapshotException {
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      throw new SnapshotException(dir.toString(), "cannot open the snapshot: " + reason(e));
    }
    if (!Files.isDirectory(real)) {
      throw new SnapshotException(dir.toString(), "a snapshot is a directory");
    }
    return new SnapshotFiles(real);
  }

  /**
   * Returns the path of {@code rel} after checking it stays inside the root, or empty if absent.
   */
  private Optional<Path> inside(String rel) throws SnapshotException {
    Path p = root.resolve(rel);
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Path real;
    try {
      real = p.toRealPath();
    } catch (NoSuchFileException e) {
      throw new SnapshotException(rel, "a link to a file that does not exist");
    } catch (IOException e) {
      throw new SnapshotException(rel, "cannot read: " + reason(e));
    }
    if (!real.startsWith(root)) {
      throw new SnapshotException(rel, "a link out of the snapshot (to " + real + "); refused");
    }
    return Optional.of(real);
  }

  boolean isDirectory(String rel) throws SnapshotException {
    Optional<Path> p = inside(rel);
    return p.isPresent() && Files.isDirectory(p.get(), LinkOption.NOFOLLOW_LINKS);
  }

  /** Returns the text of a file, or empty when there is no such file. */
  Optional<String> readOptional(String rel) throws SnapshotException {
    Optional<Path> p = inside(rel);
    if (p.isEmpty()) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(p.get(), LinkOption.NOFOLLOW_LINKS)) {
      throw new SnapshotException(rel, "expected a file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(p.get(), LinkOption.NOFOLLOW_LINKS)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new SnapshotException(rel, "cannot read: " + reason(e));
    }
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
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      throw new SnapshotException(rel, "binary content (not UTF-8 text)");
    }
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
    Optional<Path> p = inside(rel);
    List<String> out = new ArrayList<>();
    if (p.isEmpty() || !Files.isDirectory(p.get(), LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(p.get())) {
      for (Path e : ds) {
        out.add(e.getFileName().toString());
      }
    } catch (IOException e) {
      throw new SnapshotException(rel, "cannot list: " + reason(e));
    }
    out.sort(null);
    return out;
  }

  private static String reason(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
  }
}
