package io.comptoir.flow;

/** Where a flow reads: one of five kinds of source. */
public sealed interface FlowSource
    permits FileDropSource, JdbcSource, KafkaSource, HttpSource, UploadSource {
  /** The kind as written in flow documents: {@code file-drop}, {@code jdbc}, ... */
  String kind();
}
