import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PIT's mutations.xml and prints the mutation score twice: as PIT counts it (a mutant that
 * timed out counts as killed) and without the timeouts (only mutants a test failed on count), and
 * lists the timed-out mutants so each can be checked for an endless loop rather than a slow test.
 * Exits 1 when the score without timeouts is below the threshold given (percent).
 *
 * <p>Run with the JDK alone: {@code java .ci/MutationScore.java core/target/pit-reports/mutations.xml
 * 90}.
 */
public final class MutationScore {

  private static final Pattern MUTATION =
      Pattern.compile("<mutation [^>]*status='([A-Z_]+)'[^>]*>(.*?)</mutation>", Pattern.DOTALL);
  private static final Pattern CLASS = Pattern.compile("<mutatedClass>([^<]*)</mutatedClass>");
  private static final Pattern LINE = Pattern.compile("<lineNumber>([^<]*)</lineNumber>");
  private static final Pattern MUTATOR = Pattern.compile("<mutator>([^<]*)</mutator>");

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: java MutationScore.java MUTATIONS_XML THRESHOLD_PERCENT");
      System.exit(2);
    }
    String xml = Files.readString(Path.of(args[0]));
    int threshold = Integer.parseInt(args[1]);
    Map<String, Integer> byStatus = new TreeMap<>();
    StringBuilder timedOut = new StringBuilder();
    Matcher m = MUTATION.matcher(xml);
    while (m.find()) {
      String status = m.group(1);
      byStatus.merge(status, 1, Integer::sum);
      if (status.equals("TIMED_OUT")) {
        timedOut
            .append("  timed out: ")
            .append(first(CLASS, m.group(2)))
            .append(':')
            .append(first(LINE, m.group(2)))
            .append(' ')
            .append(simple(first(MUTATOR, m.group(2))))
            .append('\n');
      }
    }
    int nonViable = byStatus.getOrDefault("NON_VIABLE", 0);
    int total = byStatus.values().stream().mapToInt(Integer::intValue).sum() - nonViable;
    int killed = byStatus.getOrDefault("KILLED", 0);
    int detected =
        killed
            + byStatus.getOrDefault("TIMED_OUT", 0)
            + byStatus.getOrDefault("MEMORY_ERROR", 0)
            + byStatus.getOrDefault("RUN_ERROR", 0);
    if (total == 0) {
      System.err.println("no mutants in " + args[0]);
      System.exit(2);
    }
    System.out.println("mutants by status: " + byStatus);
    System.out.printf(
        "mutation score as PIT counts it (timeouts as kills): %d/%d = %.1f%%%n",
        detected, total, 100.0 * detected / total);
    System.out.printf(
        "mutation score without timeouts (killed by a failing test): %d/%d = %.1f%%%n",
        killed, total, 100.0 * killed / total);
    System.out.print(timedOut);
    if (killed * 100L < (long) threshold * total) {
      System.err.println("the score without timeouts is below " + threshold + "%");
      System.exit(1);
    }
  }

  private static String first(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? m.group(1) : "?";
  }

  private static String simple(String mutator) {
    return mutator.substring(mutator.lastIndexOf('.') + 1);
  }
}
