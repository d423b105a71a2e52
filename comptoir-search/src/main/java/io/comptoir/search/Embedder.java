package io.comptoir.search;

/** Turns a text into a vector whose cosine to another text's says how close their meanings are. */
public interface Embedder {
  /** A short name, kept in the index: an index built with another model is rebuilt. */
  String name();

  float[] embed(String text);
}
