package io.github.apmatrix.api.snapshot;

import io.github.apmatrix.api.text.ApConfigText;
import io.github.apmatrix.api.text.MatrixText;
import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.api.text.UuidText;
import io.github.apmatrix.core.Apcb;
import io.github.apmatrix.core.Bitmap256;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the mediated device directories of a snapshot ({@code devices/vfio_ap/matrix/UUID}): the
 * matrix from {@code ap_config}, or from {@code matrix} and {@code control_domains}, the two
 * checked against each other when both are there. Names are read with {@link UuidText}. Not
 * thread-safe; one reader per load.
 */
final class MdevReader {

  static final String MATRIX = "devices/vfio_ap/matrix";

  /** A mediated device directory, as read: its matrix and the file it was taken from. */
  record MdevDir(UUID uuid, String file, Apcb matrix) {}

  private final SnapshotFiles files;

  MdevReader(SnapshotFiles files) {
    this.files = files;
  }

  /** Returns the mediated devices, in the order the directory lists them. */
  List<MdevDir> read() throws SnapshotException {
    List<MdevDir> out = new ArrayList<>();
    for (String name : files.list(MATRIX)) {
      String rel = MATRIX + "/" + name;
      Optional<UUID> uuid = UuidText.tryParse(name);
      if (uuid.isPresent() && files.isDirectory(rel)) {
        out.add(mdev(uuid.get(), rel));
      }
    }
    return out;
  }

  private MdevDir mdev(UUID uuid, String rel) throws SnapshotException {
    Optional<Apcb> fromApConfig = apConfig(rel);
    Optional<String> matrix = files.readOptional(rel + "/matrix");
    if (matrix.isEmpty()) {
      if (fromApConfig.isEmpty()) {
        throw new SnapshotException(rel, "a mediated device needs matrix or ap_config");
      }
      return new MdevDir(uuid, rel + "/ap_config", fromApConfig.get());
    }
    MatrixText.Parsed parsed;
    try {
      parsed = MatrixText.parse(matrix.get());
    } catch (SyntaxException e) {
      throw new SnapshotException(rel + "/matrix", "malformed: " + e.getMessage());
    }
    Optional<Bitmap256> cdoms = controlDomains(rel);
    if (fromApConfig.isEmpty()) {
      Apcb fromListing =
          Apcb.of(parsed.adapters(), parsed.domains(), cdoms.orElse(Bitmap256.empty()));
      return new MdevDir(uuid, rel + "/matrix", fromListing);
    }
    Apcb a = fromApConfig.get();
    if (!a.apm().equals(parsed.adapters()) || !a.aqm().equals(parsed.domains())) {
      throw new SnapshotException(
          rel + "/matrix", "does not list the adapters and domains of ap_config");
    }
    if (cdoms.isPresent() && !a.adm().equals(cdoms.get())) {
      throw new SnapshotException(
          rel + "/control_domains", "does not list the control domains of ap_config");
    }
    return new MdevDir(uuid, rel + "/ap_config", a);
  }

  /** The matrix of {@code ap_config}, which must be exactly what the kernel prints, if there. */
  private Optional<Apcb> apConfig(String rel) throws SnapshotException {
    Optional<String> text = files.readOptional(rel + "/ap_config");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Apcb a;
    try {
      a = ApConfigText.parse(text.get());
    } catch (SyntaxException e) {
      throw new SnapshotException(rel + "/ap_config", "malformed: " + e.getMessage());
    }
    if (!ApConfigText.format(a).equals(text.get())) {
      throw new SnapshotException(
          rel + "/ap_config", "not what the kernel prints (0x<64>,0x<64>,0x<64>\\n)");
    }
    return Optional.of(a);
  }

  private Optional<Bitmap256> controlDomains(String rel) throws SnapshotException {
    Optional<String> text = files.readOptional(rel + "/control_domains");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(MatrixText.parseControlDomains(text.get()));
    } catch (SyntaxException e) {
      throw new SnapshotException(rel + "/control_domains", "malformed: " + e.getMessage());
    }
  }
}
