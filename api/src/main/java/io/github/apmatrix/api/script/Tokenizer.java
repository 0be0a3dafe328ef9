package io.github.apmatrix.api.script;

import io.github.apmatrix.api.text.MessageText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a line of the script language into words: blanks separate words; {@code '...'} quotes
 * literally; {@code "..."} quotes with {@code \"} and {@code \\} escapes; quoted and unquoted parts
 * next to each other make one word; an unquoted {@code >} is the redirection operator; {@code
 * $NAME} and {@code ${NAME}} outside single quotes are replaced by a variable's value. Stateless.
 */
final class Tokenizer {

  /** A word, or the redirection operator. */
  record Token(String text, boolean redirect) {

    static Token word(String text) {
      return new Token(text, false);
    }

    static final Token REDIRECT = new Token(">", true);
  }

  /**
   * The most characters a line may hold once its variables are expanded: as a line ({@link
   * ScriptLines#MAX_LINE}), so a variable doubled again and again stops here.
   */
  static final int MAX_EXPANDED = ScriptLines.MAX_LINE;

  /** What opens a braced variable reference. */
  private static final String BRACED = "${";

  private Tokenizer() {}

  /**
   * Splits {@code line}.
   *
   * @throws UsageException for an unterminated quote, an undefined variable, or a line that expands
   *     to more than {@link #MAX_EXPANDED} characters
   */
  static List<Token> tokenize(String line, Map<String, String> variables) {
    Expansion grown = new Expansion(line.length());
    List<Token> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t') {
        if (inWord) {
          out.add(Token.word(word.toString()));
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else if (c == '>') {
        if (inWord) {
          out.add(Token.word(word.toString()));
          word.setLength(0);
          inWord = false;
        }
        out.add(Token.REDIRECT);
        i++;
      } else if (c == '\'') {
        int close = line.indexOf('\'', i + 1);
        if (close < 0) {
          throw new UsageException("unterminated ' quote");
        }
        word.append(line, i + 1, close);
        inWord = true;
        i = close + 1;
      } else if (c == '"') {
        i = doubleQuoted(line, i + 1, word, variables, grown);
        inWord = true;
      } else if (c == '$') {
        i = variable(line, i, word, variables, grown);
        inWord = true;
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      out.add(Token.word(word.toString()));
    }
    return out;
  }

  /** Appends a double-quoted part starting after the opening quote; returns the index after it. */
  private static int doubleQuoted(
      String line, int from, StringBuilder word, Map<String, String> variables, Expansion grown) {
    int i = from;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < line.length()) {
        char next = line.charAt(i + 1);
        if (next == '"' || next == '\\') {
          word.append(next);
          i += 2;
          continue;
        }
      }
      if (c == '$') {
        i = variable(line, i, word, variables, grown);
        continue;
      }
      word.append(c);
      i++;
    }
    throw new UsageException("unterminated \" quote");
  }

  /** Expands {@code $NAME} or {@code ${NAME}} at {@code i}; a lone {@code $} stays itself. */
  private static int variable(
      String line, int i, StringBuilder word, Map<String, String> vars, Expansion grown) {
    int start;
    int end;
    int next;
    if (i + 1 < line.length() && line.charAt(i + 1) == '{') {
      start = i + 2;
      end = line.indexOf('}', start);
      if (end < 0) {
        throw new UsageException(
            "unterminated " + BRACED + " in " + MessageText.quote(line.substring(i)));
      }
      next = end + 1;
      if (!isName(line.substring(start, end))) {
        throw new UsageException(
            "bad variable name " + MessageText.quote(BRACED + line.substring(start, end) + "}"));
      }
    } else {
      start = i + 1;
      end = start;
      while (end < line.length() && isNameChar(line.charAt(end), end == start)) {
        end++;
      }
      if (end == start) {
        word.append('$');
        return i + 1;
      }
      next = end;
    }
    String name = line.substring(start, end);
    String value = vars.get(name);
    if (value == null) {
      throw new UsageException("undefined variable " + MessageText.bare(name));
    }
    grown.add(value.length() - (next - i)); // the value takes the place of its reference
    word.append(value);
    return next;
  }

  /** How long the line has grown by its expansions; refuses growth past the limit. */
  private static final class Expansion {
    private long length;

    Expansion(int lineLength) {
      this.length = lineLength;
    }

    void add(int growth) {
      length += growth;
      if (length > MAX_EXPANDED) {
        throw new UsageException(
            "the line expands to more than "
                + MAX_EXPANDED
                + " characters with its variables (a sysfs write takes at most one page, 4096"
                + " bytes)");
      }
    }
  }

  static boolean isName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isNameChar(s.charAt(i), i == 0)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNameChar(char c, boolean first) {
    return c == '_'
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (!first && c >= '0' && c <= '9');
  }
}
