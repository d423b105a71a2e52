package io.comptoir.search;

import java.util.List;

/** A text cut into parts, the parts holding a word of the query marked as hits. */
public record Highlighted(List<Part> parts) {
  public Highlighted {
    parts = List.copyOf(parts);
  }

  /** A piece of the text. */
  public record Part(String text, boolean hit) {}

  public static Highlighted plain(String text) {
    return new Highlighted(List.of(new Part(text, false)));
  }

  public boolean hasHit() {
    return parts.stream().anyMatch(Part::hit);
  }

  public String text() {
    StringBuilder text = new StringBuilder();
    parts.forEach(part -> text.append(part.text()));
    return text.toString();
  }

  /** HTML: every part escaped, hits inside {@code <mark>}. */
  public String html() {
    StringBuilder html = new StringBuilder();
    for (Part part : parts) {
      if (part.hit()) {
        html.append("<mark>").append(escape(part.text())).append("</mark>");
      } else {
        html.append(escape(part.text()));
      }
    }
    return html.toString();
  }

  private static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
