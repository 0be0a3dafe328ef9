package io.github.apmatrix.api.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser: Debian's headless chromium loads it from a file, with no
 * server, takes a screenshot, and dumps the DOM; the page must load without a console message or
 * script error, and the grid must have a cell for each queue with its holder. Skips where chromium
 * is missing, except when {@code CI} is set ({@code .ci/run} installs it).
 */
class HtmlReportBrowserTest {

  private static final Pattern CELL =
      Pattern.compile("class=\"cell ([a-z ]+)\" data-apqn=\"([0-9a-f.]+)\" data-kind=\"([a-z]+)\"");

  private static Path chromium;

  @BeforeAll
  static void findChromium() {
    Optional<Path> found = find("chromium").or(() -> find("chromium-browser"));
    if (found.isEmpty()) {
      String why = "headless chromium is not installed (apt-get install -y chromium)";
      if (System.getenv("CI") != null) {
        throw new AssertionError(why + ", and CI is set");
      }
      Assumptions.assumeTrue(false, why);
    }
    chromium = found.get();
  }

  private static Optional<Path> find(String name) {
    for (String dir : String.valueOf(System.getenv("PATH")).split(File.pathSeparator, -1)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** What the browser saw: the DOM after load and its log on standard error. */
  record Page(String dom, String log) {
    List<String> consoleLines() {
      return log.lines().filter(l -> l.contains(":CONSOLE")).toList();
    }

    boolean loadedCleanly() {
      return dom.contains("data-loaded=\"yes\"")
          && !dom.contains("data-errors=")
          && consoleLines().isEmpty();
    }
  }

  static Page open(Path html, Path work) throws Exception {
    Path dom = work.resolve("dom.html");
    Path log = work.resolve("chromium.log");
    browse(work, List.of("--dump-dom", html.toUri().toString()), dom, log);
    Path shot = work.resolve("shot.png");
    browse(
        work,
        List.of("--screenshot=" + shot, "--window-size=1400,1800", html.toUri().toString()),
        work.resolve("shot.out"),
        work.resolve("shot.log"));
    byte[] png = Files.readAllBytes(shot);
    assertThat(png.length).isGreaterThan(1000);
    assertThat(new String(png, 1, 3, StandardCharsets.ISO_8859_1)).isEqualTo("PNG");
    return new Page(
        Files.readString(dom, StandardCharsets.UTF_8),
        Files.readString(log, StandardCharsets.UTF_8) + Files.readString(work.resolve("shot.log")));
  }

  private static void browse(Path work, List<String> what, Path out, Path err) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(work, "profile"),
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=10000"));
    cmd.addAll(what);
    Process p =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 180 s: " + cmd);
    }
    assertThat(p.exitValue()).as(Files.readString(err)).isZero();
  }

  private static List<String[]> cells(String dom) {
    List<String[]> out = new ArrayList<>();
    Matcher m = CELL.matcher(dom);
    while (m.find()) {
      out.add(new String[] {m.group(2), m.group(3), m.group(1)});
    }
    return out;
  }

  @Test
  void demoReport_loadsWithoutErrors_andHasACellPerQueue(@TempDir Path dir) throws Exception {
    HtmlReport.write(PictureHosts.demo(), dir.resolve("report"));
    Page page = open(dir.resolve("report/index.html"), dir);
    assertThat(page.loadedCleanly()).as(page.consoleLines().toString()).isTrue();
    List<String[]> cells = cells(page.dom());
    assertThat(cells).hasSize(6);
    assertThat(cells)
        .anySatisfy(c -> assertThat(c).containsExactly("03.0002", "guest", "guest"))
        .anySatisfy(c -> assertThat(c).containsExactly("0a.0020", "device", "device withheld"))
        .anySatisfy(c -> assertThat(c).containsExactly("03.0001", "free", "free"));
    assertThat(page.dom()).contains("<table id=\"devices\">", "guest g1");
  }

  @Test
  void fullHostReport_loadsWithoutErrors_andHasAllItsCells(@TempDir Path dir) throws Exception {
    HtmlReport.write(PictureHosts.full(), dir.resolve("report"));
    Page page = open(dir.resolve("report/index.html"), dir);
    assertThat(page.loadedCleanly()).as(page.consoleLines().toString()).isTrue();
    List<String[]> cells = cells(page.dom());
    assertThat(cells).hasSize(256 * 256);
    assertThat(cells.get(0)).containsExactly("00.0000", "host", "host");
    assertThat(cells.get(256 * 256 - 1)).containsExactly("ff.00ff", "guest", "guest");
  }

  @Test
  void aPageWithAScriptError_isCaught(@TempDir Path dir) throws Exception {
    Path bad =
        Files.writeString(
            dir.resolve("bad.html"),
            HtmlReport.render(PictureHosts.demo())
                .replace("</body>", "<script>undefinedFunction();</script></body>"));
    Page page = open(bad, dir);
    assertThat(page.loadedCleanly()).isFalse();
    assertThat(page.dom()).contains("data-errors=");
  }
}
