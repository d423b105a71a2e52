package io.comptoir.flow;

import io.comptoir.ingest.SourceOptions;

/** Files uploaded through the API or the upload page, read with the flow's format options. */
public record UploadSource(SourceOptions options) implements FlowSource {
  public UploadSource {
    options = options == null ? SourceOptions.defaults() : options;
  }

  @Override
  public String kind() {
    return "upload";
  }
}
