package io.comptoir.flow;

import io.comptoir.common.ComptoirException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The readers of every kind available: drop zones here, others (databases, Kafka, HTTP) registered
 * by the modules that bring their clients.
 */
public final class KindSourceReaders implements SourceReaders {
  private final Map<Class<? extends FlowSource>, BiFunction<FlowDefinition, Path, SourceReader>>
      readers = new LinkedHashMap<>();

  private final Path dataDirectory;

  /** Drop zones, relative to the data directory. */
  public KindSourceReaders(Path dataDirectory, Clock clock) {
    this.dataDirectory = dataDirectory;
    register(
        FileDropSource.class,
        (flow, work) ->
            new DropZoneReader(flow, (FileDropSource) flow.source(), dataDirectory, clock));
  }

  /** Adds (or replaces) the reader of a kind of source. */
  public <S extends FlowSource> KindSourceReaders register(
      Class<S> kind, BiFunction<FlowDefinition, Path, SourceReader> opener) {
    readers.put(kind, opener);
    return this;
  }

  @Override
  public void restore(FlowDefinition flow, String source) {
    if (flow.source() instanceof FileDropSource drop) {
      DropZoneReader.restore(drop, dataDirectory, source);
    }
  }

  @Override
  public SourceReader open(FlowDefinition flow, Path workDirectory) {
    BiFunction<FlowDefinition, Path, SourceReader> opener = readers.get(flow.source().getClass());
    if (opener == null && flow.source() instanceof UploadSource) {
      throw ComptoirException.invalidInput(
          "flow %s takes its files by upload (POST /api/v1/flows/%s/uploads or the upload page):"
              + " it does not run by itself",
          flow.id(), flow.id());
    }
    if (opener == null) {
      throw ComptoirException.invalidInput(
          "flow %s: running %s sources is not available yet", flow.id(), flow.source().kind());
    }
    return opener.apply(flow, workDirectory);
  }
}
