package io.comptoir.cli;

import io.comptoir.api.ApiServer;
import io.comptoir.server.Comptoir;
import java.io.PrintWriter;

/** Serves HTTP until the lifetime says stop: shared by {@code serve} and {@code demo}. */
final class Serving {
  private Serving() {}

  static void serve(Comptoir comptoir, CliContext context) throws InterruptedException {
    PrintWriter out = context.out();
    try (ApiServer server = comptoir.startHttp()) {
      comptoir.startScheduler();
      if (comptoir.recovered()) {
        // versions whose profile the last process left undone, or that failed
        comptoir.ingestion().resumeProfiles();
      }
      out.println("Comptoir is serving on " + server.url());
      out.println("  API        " + server.url() + "/api/v1/products");
      out.println("  OpenAPI    " + server.url() + "/openapi.json");
      out.println("  metrics    " + server.url() + "/metrics");
      out.println("  data       " + comptoir.dataDirectory());
      out.println("  metadata   " + comptoir.storeDescription());
      out.flush();
      context.lifetime().awaitStop();
      out.println("stopping");
      out.flush();
    }
  }
}
