package io.comptoir.contract;

import io.comptoir.common.ComptoirException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits the text of a filter, an order or a column list into tokens. Only ASCII letters, digits,
 * '_', quotes, parentheses, commas, '-', '.', comparison signs and spaces are accepted outside of
 * strings: anything else (';', comments, other Unicode characters) is an error with its position.
 */
final class Lexer {
  static final int MAX_TEXT = 4096;
  static final int MAX_IDENTIFIER = 128;
  static final int MAX_NUMBER = 38;
  static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "not",
          "in",
          "like",
          "is",
          "null",
          "between",
          "true",
          "false",
          "date",
          "timestamp",
          "asc",
          "desc");

  enum Kind {
    IDENTIFIER,
    KEYWORD,
    STRING,
    NUMBER,
    OPERATOR,
    LEFT_PARENTHESIS,
    RIGHT_PARENTHESIS,
    COMMA,
    END
  }

  /**
   * @param text identifier as written, keyword in lower case, string value without quotes, number
   *     or operator as written
   * @param position 1-based character position in the input
   */
  record Token(Kind kind, String text, int position) {
    boolean is(Kind expected, String value) {
      return kind == expected && text.equals(value);
    }

    String describe() {
      return switch (kind) {
        case END -> "the end";
        case STRING -> "a string";
        default -> "'" + text + "'";
      };
    }
  }

  private final String what;
  private final String input;
  private int index;

  private Lexer(String what, String input) {
    this.what = what;
    this.input = input;
  }

  /** The tokens of the input, the last one being END. */
  static List<Token> tokenize(String what, String input) {
    if (input.length() > MAX_TEXT || input.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT) {
      throw ComptoirException.invalidInput(
          "%s is too long: %d characters (at most %d bytes)", what, input.length(), MAX_TEXT);
    }
    return new Lexer(what, input).all();
  }

  static ComptoirException error(String what, int position, String format, Object... args) {
    return ComptoirException.invalidInput(
        "invalid %s at position %d: %s", what, position, String.format(format, args));
  }

  private List<Token> all() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      while (index < input.length() && isSpace(input.charAt(index))) {
        index++;
      }
      if (index >= input.length()) {
        tokens.add(new Token(Kind.END, "", input.length() + 1));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Token next() {
    int start = index;
    int position = start + 1;
    char c = input.charAt(index);
    if (isIdentifierStart(c)) {
      while (index < input.length()
          && (isIdentifierStart(input.charAt(index)) || isDigit(input.charAt(index)))) {
        index++;
      }
      String word = input.substring(start, index);
      String lower = word.toLowerCase(Locale.ROOT);
      if (KEYWORDS.contains(lower)) {
        return new Token(Kind.KEYWORD, lower, position);
      }
      if (word.length() > MAX_IDENTIFIER) {
        throw error(what, position, "identifier longer than %d characters", MAX_IDENTIFIER);
      }
      return new Token(Kind.IDENTIFIER, word, position);
    }
    if (isDigit(c)
        || (c == '-' && index + 1 < input.length() && isDigit(input.charAt(index + 1)))) {
      index++;
      while (index < input.length() && isDigit(input.charAt(index))) {
        index++;
      }
      if (index + 1 < input.length()
          && input.charAt(index) == '.'
          && isDigit(input.charAt(index + 1))) {
        index++;
        while (index < input.length() && isDigit(input.charAt(index))) {
          index++;
        }
      }
      if (index < input.length() && isIdentifierStart(input.charAt(index))) {
        throw error(
            what, index + 1, "unexpected character '%s' after a number", input.charAt(index));
      }
      String number = input.substring(start, index);
      if (number.replace("-", "").replace(".", "").length() > MAX_NUMBER) {
        throw error(what, position, "number with more than %d digits", MAX_NUMBER);
      }
      return new Token(Kind.NUMBER, number, position);
    }
    switch (c) {
      case '\'':
        return string(position);
      case '(':
        index++;
        return new Token(Kind.LEFT_PARENTHESIS, "(", position);
      case ')':
        index++;
        return new Token(Kind.RIGHT_PARENTHESIS, ")", position);
      case ',':
        index++;
        return new Token(Kind.COMMA, ",", position);
      case '=':
        index++;
        return new Token(Kind.OPERATOR, "=", position);
      case '!':
        if (peek(1) == '=') {
          index += 2;
          return new Token(Kind.OPERATOR, "!=", position);
        }
        break;
      case '<':
        if (peek(1) == '=' || peek(1) == '>') {
          index += 2;
          return new Token(Kind.OPERATOR, input.substring(start, index), position);
        }
        index++;
        return new Token(Kind.OPERATOR, "<", position);
      case '>':
        if (peek(1) == '=') {
          index += 2;
          return new Token(Kind.OPERATOR, ">=", position);
        }
        index++;
        return new Token(Kind.OPERATOR, ">", position);
      case '-':
        if (peek(1) == '-') {
          throw error(what, position, "comments are not allowed");
        }
        break;
      case '/':
        if (peek(1) == '*') {
          throw error(what, position, "comments are not allowed");
        }
        break;
      case '"':
        throw error(what, position, "quoted identifiers are not allowed");
      default:
        break;
    }
    throw error(what, position, "unexpected character %s", printable(input.codePointAt(index)));
  }

  private char peek(int ahead) {
    return index + ahead < input.length() ? input.charAt(index + ahead) : '\0';
  }

  private Token string(int position) {
    StringBuilder value = new StringBuilder();
    index++;
    while (index < input.length()) {
      char c = input.charAt(index);
      if (c == '\'') {
        if (peek(1) == '\'') {
          value.append('\'');
          index += 2;
          continue;
        }
        index++;
        return new Token(Kind.STRING, value.toString(), position);
      }
      value.append(c);
      index++;
    }
    throw error(what, position, "unterminated string");
  }

  private static String printable(int codePoint) {
    if (codePoint >= 0x21 && codePoint < 0x7f) {
      return "'" + Character.toString(codePoint) + "'";
    }
    return String.format("U+%04X", codePoint);
  }
}
