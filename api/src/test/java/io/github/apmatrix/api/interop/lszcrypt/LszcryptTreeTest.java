package io.github.apmatrix.api.interop.lszcrypt;

import static io.github.apmatrix.api.interop.lszcrypt.LszcryptTest.HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * lszcrypt on trees the model does not make (a Secure Execution guest with APSB, files missing,
 * other drivers), through a {@link ZcryptSysfs} of its own: the rules of {@code lszcrypt.c} for
 * what it cannot read.
 */
class LszcryptTreeTest {

  /** A tree of files, directories and links given by path. */
  static final class Tree implements ZcryptSysfs {
    final Map<String, String> files = new HashMap<>();
    final Set<String> dirs = new HashSet<>();
    final Map<String, String> links = new HashMap<>();

    @CanIgnoreReturnValue
    Tree file(String path, String content) {
      files.put(path, content);
      for (int i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
        dirs.add(path.substring(0, i));
      }
      return this;
    }

    @CanIgnoreReturnValue
    Tree link(String path, String target) {
      links.put(path, target);
      return this;
    }

    @Override
    public Optional<String> read(String path) {
      return Optional.ofNullable(files.get(path));
    }

    @Override
    public boolean isDirectory(String path) {
      return dirs.contains(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    @Override
    public boolean isFile(String path) {
      return files.containsKey(path);
    }

    @Override
    public List<String> list(String path) {
      String p = path.endsWith("/") ? path : path + "/";
      Set<String> names = new HashSet<>();
      for (String f : files.keySet()) {
        if (f.startsWith(p)) {
          String rest = f.substring(p.length());
          names.add(rest.indexOf('/') < 0 ? rest : rest.substring(0, rest.indexOf('/')));
        }
      }
      return new ArrayList<>(names);
    }

    @Override
    public Optional<String> linkTarget(String path) {
      return Optional.ofNullable(links.get(path));
    }
  }

  /** An SE guest's tree: APSB, card 03 (CEX8P) with queues in three bind states. */
  static Tree seGuest() {
    Tree t = new Tree();
    t.file("/sys/bus/ap/features", "APSC APXA QACT RC8A APSB\n");
    t.file("/sys/bus/ap/ap_domain", "65\n");
    t.file("/sys/bus/ap/ap_max_domain_id", "84\n");
    t.file("/sys/bus/ap/config_time", "30\n");
    t.file("/sys/bus/ap/poll_thread", "1\n");
    t.file("/sys/bus/ap/ap_usage_domain_mask", "0x" + "0".repeat(64) + "\n");
    t.file("/sys/bus/ap/ap_control_domain_mask", "0x" + "0".repeat(64) + "\n");
    String c = "/sys/devices/ap/card03";
    t.file(c + "/type", "CEX8P\n").file(c + "/config", "1\n").file(c + "/online", "1\n");
    t.file(c + "/ap_functions", "0x06800000\n").file(c + "/request_count", "2\n");
    t.file(c + "/pendingq_count", "1\n").file(c + "/requestq_count", "3\n");
    t.file(c + "/hwtype", "14\n").file(c + "/depth", "8\n");
    t.link(c + "/driver", "../../../bus/ap/drivers/cex4card");
    String[][] queues = {
      {"03.0041", "0x06800000"},
      {"03.0042", "0x06804000"},
      {"03.0043", "0x06808000"},
      {"03.0044", "0x0680c000"},
      {"03.0045", "0x00000000"}
    };
    for (String[] q : queues) {
      String d = c + "/" + q[0];
      t.file(d + "/config", "1\n").file(d + "/online", "0\n").file(d + "/request_count", "2\n");
      t.file(d + "/ap_functions", q[1]);
      t.link(d + "/driver", "../../../../bus/ap/drivers/cex4queue");
    }
    String d = c + "/03.0046";
    t.file(d + "/config", "1\n").file(d + "/request_count", "-\n");
    t.link(d + "/driver", "../../../../bus/ap/drivers/my_driver");
    return t;
  }

  @Test
  void apsb_addsTheSestatColumn_fromEachQueuesBindState() {
    LszcryptResult r = Lszcrypt.of(seGuest()).verboseListing(List.of());
    String f = "     14     08 -----XN-F- ";
    assertThat(r.out())
        .isEqualTo(
            "CARD.DOM TYPE  MODE        STATUS     REQUESTS  PENDING HWTYPE QDEPTH FUNCTIONS "
                + " DRIVER      SESTAT     \n"
                + "-".repeat(104)
                + "\n"
                + "03       CEX8P EP11-Coproc online            2        4"
                + f
                + "cex4card    -          \n"
                + "03.0041  CEX8P EP11-Coproc offline           2        0"
                + f
                + "cex4queue   usable     \n"
                + "03.0042  CEX8P EP11-Coproc offline           2        0"
                + f
                + "cex4queue   bound      \n"
                + "03.0043  CEX8P EP11-Coproc offline           2        0"
                + f
                + "cex4queue   unbound    \n"
                + "03.0044  CEX8P EP11-Coproc offline           2        0"
                + f
                + "cex4queue   illicit    \n"
                + "03.0045  CEX8P EP11-Coproc offline           2        0"
                + f
                + "cex4queue   invalid    \n"
                + "03.0046  CEX8P EP11-Coproc -                 -        -"
                + f
                + "-no-driver- error      \n"
                + "Warning: Default domain 0x41 is not available.\n");
  }

  @Test
  void bus_marksAnUnusableDefaultDomain_andSkipsWhatIsNotAFile() {
    assertThat(Lszcrypt.of(seGuest()).bus().out())
        .isEqualTo(
            LszcryptTest.text(
                "features: APSC APXA QACT RC8A APSB",
                "ap_domain=0x41 (unavailable)",
                "ap_max_domain_id=0x54",
                "config_time=30 (seconds)",
                "poll_thread is enabled"));
  }

  @Test
  void withoutTheApBus_everyListingFails() {
    Tree empty = new Tree();
    LszcryptResult r = Lszcrypt.of(empty).listing(List.of());
    assertThat(r.err()).isEqualTo("lszcrypt: Crypto device driver not available.\n");
    assertThat(r.status()).isEqualTo(1);
    assertThat(Lszcrypt.of(empty).bus().err())
        .isEqualTo("lszcrypt: Crypto device driver not available.\n");
    assertThat(Lszcrypt.of(empty).domains().err())
        .isEqualTo("lszcrypt: Control domain mask not available.\n");
    Tree noUsage = new Tree().file("/sys/bus/ap/ap_control_domain_mask", "0x00\n");
    assertThat(Lszcrypt.of(noUsage).domains().err())
        .isEqualTo("lszcrypt: Usage domain mask not available.\n");
  }

  @Test
  void cardWithoutTypeOrFunctions_isSkippedPlain_andFailsVerbose() {
    Tree t = new Tree().file("/sys/bus/ap/ap_domain", "0\n");
    t.file("/sys/devices/ap/card07/hwtype", "7\n")
        .file("/sys/devices/ap/card07/07.0000/config", "1\n");
    LszcryptResult plain = Lszcrypt.of(t).listing(List.of());
    assertThat(plain.out()).isEqualTo(HEADER + "Warning: Default domain 0x00 is not available.\n");
    LszcryptResult verbose = Lszcrypt.of(t).verboseListing(List.of("07"));
    assertThat(verbose.err())
        .isEqualTo(
            "lszcrypt: Error - Read of sysfs attribute /sys/devices/ap/card07/ap_functions"
                + " failed.\n");
    assertThat(verbose.status()).isEqualTo(1);
    t.file("/sys/devices/ap/card07/ap_functions", "0x00000000\n");
    t.file("/sys/devices/ap/card07/request_count", "5\n");
    assertThat(Lszcrypt.of(t).verboseListing(List.of("07")).out())
        .contains(
            "07       -     Unknown     -                 5        0      7     -1 ----------"
                + " -no-driver-");
  }
}
