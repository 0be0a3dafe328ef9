package io.github.apmatrix.api.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.core.Bitmap256;
import io.github.apmatrix.core.Errno;
import io.github.apmatrix.core.model.CardMode;
import io.github.apmatrix.core.model.CardType;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestTextTest {

  @Test
  void parse_theIssuesExamples() {
    List<Request> rs =
        RequestText.parse(
            """
            # two kinds

            guest g1 adapters=2 type=CEX8 mode=CCA domains=1 control=usage
              guest web*20 on-adapters=0x04,0x05 domains=1\t
            """);
    assertThat(rs).hasSize(21);
    assertThat(rs.get(0))
        .isEqualTo(
            Request.guest("g1")
                .adapters(2)
                .type(CardType.CEX8)
                .mode(CardMode.CCA)
                .domains(1)
                .controlSameAsUsage());
    assertThat(rs.get(20).guest()).isEqualTo("web20");
    assertThat(rs.get(20).adapterIds()).contains(Bitmap256.of(4, 5));
  }

  @Test
  void parse_idsRangesAndControlDomains() {
    Request r =
        RequestText.parse("guest db on-adapters=3 on-domains=0x10-0x12,20 control=0x10").get(0);
    assertThat(r.domainIds()).contains(Bitmap256.of(0x10, 0x11, 0x12, 20));
    assertThat(r.controlIds()).isEqualTo(Bitmap256.of(0x10));
    assertThat(r.domainCount()).isEqualTo(4);
    assertThat(RequestText.parse("guest a mode=ep11").get(0).mode()).contains(CardMode.EP11);
  }

  @Test
  void mistakes_areRefusedWithTheLineAndPosition() {
    assertRefused("guest", 0, "line 1: a request starts with 'guest NAME'");
    assertRefused("\nhost a", 1, "line 2");
    assertRefused("guest a b", 8, "expected KEY=VALUE");
    assertRefused("guest a colour=red", 8, "unknown key colour");
    assertRefused("guest a adapters=0", 17, "a count must be 1..256");
    assertRefused("guest a adapters=x", 17, "expected a number");
    assertRefused("guest a on-adapters=256", 20, "an id must be 0..255");
    assertRefused("guest a on-adapters=5-3", 20, "a range must run upwards");
    assertRefused("guest a type=CEX9", 13, "type must be CEX4..CEX8");
    assertRefused("guest a mode=X", 13, "mode must be CCA, EP11 or ACCEL");
    assertRefused("guest a*0", 6, "NAME*N needs N in 1..256");
    assertRefused("guest a/b", 6, "a guest name is");
    assertRefused("guest a on-adapters=0x", 20, "expected a number");
  }

  private static void assertRefused(String text, int position, String detail) {
    assertThatThrownBy(() -> RequestText.parse(text))
        .isInstanceOfSatisfying(
            SyntaxException.class,
            e -> {
              assertThat(e.errno()).isEqualTo(Errno.EINVAL);
              assertThat(e.position()).isEqualTo(position);
              assertThat(e.getMessage()).contains(detail);
            });
  }

  @Test
  void toString_isTheTextForm_andParsesBack() {
    qt().forAll(lists().of(integers().between(0, 1 << 20)).ofSize(8))
        .checkAssert(
            n -> {
              Request r = PlannerPropertiesTest.request(3, n);
              assertThat(RequestText.parse(r.toString())).containsExactly(r);
            });
  }
}
