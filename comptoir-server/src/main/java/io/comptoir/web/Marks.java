package io.comptoir.web;

import gg.jte.Content;
import gg.jte.TemplateOutput;
import io.comptoir.search.Highlighted;

/**
 * A highlighted text as template content: its HTML (every part escaped by {@link Highlighted#html},
 * the matched words in {@code <mark>}) written as is.
 */
public record Marks(Highlighted text) implements Content {
  public static Marks of(Highlighted text) {
    return new Marks(text);
  }

  @Override
  public void writeTo(TemplateOutput output) {
    output.writeContent(text.html());
  }
}
