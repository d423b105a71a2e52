package io.comptoir.flow;

import io.comptoir.server.Comptoir;
import io.comptoir.server.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The process {@link FlowCrashIT} kills: opens Comptoir on a data directory (recovery runs) and
 * runs every flow, one after the other (each round starting with the next one), over and over.
 * {@code --until-idle} stops after a round in which no flow had anything to do, and exits 0. The
 * metadata store is the data directory's SQLite file, or the PostgreSQL one given as {@code
 * -Dcomptoir.crash.store-jdbc-url=} (and {@code -Dcomptoir.crash.store-user=}).
 */
public final class FlowWorkerChild {
  private static final int MAX_ROUNDS = 2_000;

  private FlowWorkerChild() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    Path ready = Path.of(args[1]);
    boolean untilIdle = args.length > 2 && args[2].equals("--until-idle");
    int offset = Integer.getInteger("comptoir.crash.offset", 0);
    Map<String, String> settings = new java.util.HashMap<>();
    for (String key : List.of("store-jdbc-url", "store-user")) {
      String value = System.getProperty("comptoir.crash." + key);
      if (value != null) {
        settings.put(key, value);
      }
    }
    try (Comptoir comptoir = Comptoir.open(Fixtures.configuration(data, settings))) {
      Files.writeString(ready, "ready");
      for (int round = 0; round < MAX_ROUNDS || !untilIdle; round++) {
        boolean busy = false;
        // each round starts with the next flow, and each process with another one than the last
        // (-Dcomptoir.crash.offset=), so that a kill soon after a start can hit any flow
        List<StoredFlowDocument> documents = new java.util.ArrayList<>(comptoir.flows().listAll());
        java.util.Collections.rotate(documents, -(round + offset));
        for (StoredFlowDocument document : documents) {
          try {
            FlowRun run = comptoir.flowRunner().run(document);
            busy |= !run.runs().isEmpty() || !run.skipped().isEmpty() || !run.failed().isEmpty();
          } catch (RuntimeException e) {
            busy = true;
            System.out.println("flow " + document.id() + " failed: " + e.getMessage());
          }
        }
        if (untilIdle && !busy) {
          return;
        }
        if (!busy) {
          // nothing new: let the producer catch up instead of spinning
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
      }
      throw new IllegalStateException("still busy after " + MAX_ROUNDS + " rounds");
    }
  }
}
