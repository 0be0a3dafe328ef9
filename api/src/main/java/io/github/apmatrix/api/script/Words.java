package io.github.apmatrix.api.script;

import io.github.apmatrix.api.script.Tokenizer.Token;
import io.github.apmatrix.api.text.ApqnText;
import io.github.apmatrix.api.text.KernelNumber;
import io.github.apmatrix.api.text.MessageText;
import io.github.apmatrix.api.text.SyntaxException;
import io.github.apmatrix.api.text.UuidText;
import io.github.apmatrix.core.Apqn;
import io.github.apmatrix.core.Bitmap256;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The words of a verb's operands, read with the grammars of {@code api.text}: a mistake is a {@link
 * UsageException} naming the word. Stateless.
 */
final class Words {

  private Words() {}

  /** The texts of {@code tokens}; a redirection among them is a usage error of {@code verb}. */
  static List<String> of(String verb, List<Token> tokens) {
    List<String> out = new ArrayList<>();
    for (Token t : tokens) {
      if (t.redirect()) {
        throw new UsageException(verb + " takes no redirection");
      }
      out.add(t.text());
    }
    return out;
  }

  /** Refuses {@code args} unless there are exactly {@code n}, printing {@code usage}. */
  static void requireCount(List<String> args, int n, String usage) {
    if (args.size() != n) {
      throw new UsageException("usage: " + usage);
    }
  }

  /** A UUID in any case ({@link UuidText#parseAnyCase}). */
  static UUID uuid(String word) {
    try {
      return UuidText.parseAnyCase(word);
    } catch (SyntaxException e) {
      throw new UsageException("not a UUID: " + MessageText.bare(word));
    }
  }

  /** A queue number in the script language's lenient form ({@link ApqnText#parseLenient}). */
  static Apqn apqn(String word) {
    try {
      return ApqnText.parseLenient(word);
    } catch (SyntaxException e) {
      throw new UsageException("not a queue number (aa.dddd, hex): " + MessageText.bare(word));
    }
  }

  /** An adapter or domain id 0..255 in the kernel's number grammar ({@link KernelNumber}). */
  static int id(String word) {
    long v;
    try {
      v = KernelNumber.parse(word);
    } catch (SyntaxException e) {
      throw new UsageException("not a number: " + e.getMessage());
    }
    if (v < 0 || v > Bitmap256.MAX_ID) {
      throw new UsageException("ids are 0..255: " + MessageText.bare(word));
    }
    return (int) v;
  }
}
