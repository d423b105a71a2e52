package io.comptoir.flow;

/** Files uploaded through the API or the upload page, ingested with the flow's settings. */
public record UploadSource() implements FlowSource {
  @Override
  public String kind() {
    return "upload";
  }
}
