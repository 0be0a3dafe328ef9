package io.github.apmatrix.api.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.apmatrix.api.script.Tokenizer.Token;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenizerTest {

  private static final Map<String, String> VARS = Map.of("U", "uuid", "M", "/sys/m");

  static List<String> words(String line) {
    return Tokenizer.tokenize(line, VARS).stream()
        .map(t -> t.redirect() ? "<REDIRECT>" : "[" + t.text() + "]")
        .toList();
  }

  @Test
  void blanks_separateWords_andCollapse() {
    assertThat(words("  echo \t a   b ")).containsExactly("[echo]", "[a]", "[b]");
  }

  @Test
  void singleQuotes_areLiteral_evenForDollarAndBackslash() {
    assertThat(words("echo 'a  $U \\\" b'")).containsExactly("[echo]", "[a  $U \\\" b]");
  }

  @Test
  void doubleQuotes_escapeQuoteAndBackslash_andExpandVariables() {
    assertThat(words("echo \"a \\\"q\\\" \\\\ \\n $U\""))
        .containsExactly("[echo]", "[a \"q\" \\ \\n uuid]");
  }

  @Test
  void adjacentQuotedAndUnquotedParts_makeOneWord_andEmptyQuotesMakeAnEmptyWord() {
    assertThat(words("a'b c'\"d\"e ''")).containsExactly("[ab cde]", "[]");
  }

  @Test
  void unquotedGreaterThan_isTheRedirection_evenWithoutBlanks() {
    assertThat(words("echo 1>$M/x")).containsExactly("[echo]", "[1]", "<REDIRECT>", "[/sys/m/x]");
    assertThat(words("echo '>' \">\"")).containsExactly("[echo]", "[>]", "[>]");
  }

  @Test
  void variables_dollarBraces_andALoneDollar() {
    assertThat(words("${U}x $U.y $ $5")).containsExactly("[uuidx]", "[uuid.y]", "[$]", "[$5]");
  }

  @Test
  void unterminatedQuotes_andUndefinedVariables_areUsageErrors() {
    assertThatThrownBy(() -> Tokenizer.tokenize("echo 'a", VARS))
        .isInstanceOf(UsageException.class)
        .hasMessage("unterminated ' quote");
    assertThatThrownBy(() -> Tokenizer.tokenize("echo \"a", VARS))
        .hasMessage("unterminated \" quote");
    assertThatThrownBy(() -> Tokenizer.tokenize("echo $NOPE", VARS))
        .hasMessage("undefined variable NOPE");
    assertThatThrownBy(() -> Tokenizer.tokenize("echo ${U", VARS))
        .isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> Tokenizer.tokenize("echo ${1x}", VARS))
        .hasMessage("bad variable name \"${1x}\"");
  }

  @Test
  void redirectToken_isDistinctFromAQuotedGreaterThan() {
    assertThat(Tokenizer.tokenize(">", VARS)).containsExactly(Token.REDIRECT);
    assertThat(Tokenizer.tokenize("'>'", VARS)).containsExactly(Token.word(">"));
  }
}
