package io.comptoir.search;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * The all-MiniLM-L6-v2 sentence model (quantized, 384 dimensions), shipped inside the LangChain4j
 * Maven package and run in process by ONNX Runtime: no network, no service. Trained on English; it
 * helps most with English questions and words close to the catalog's.
 */
public final class MiniLmEmbedder implements Embedder {
  /** Longest text embedded, in characters (the model reads at most 256 word pieces anyway). */
  static final int MAX_TEXT = 1_000;

  private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();

  @Override
  public String name() {
    return "all-minilm-l6-v2-q";
  }

  @Override
  public float[] embed(String text) {
    String cut = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    return model.embed(cut.isBlank() ? "-" : cut).content().vector();
  }
}
