package io.comptoir.web;

import io.comptoir.api.Services;
import io.comptoir.api.Uploads;
import io.javalin.config.RoutesConfig;

/** The governance page groups: approvals, uploads and runs, the dashboard, administration. */
final class GovernancePages {
  private GovernancePages() {}

  static void register(Pages pages, Services services, Uploads uploads, RoutesConfig routes) {
    new ApprovalPages(pages, services).register(routes);
    new UploadPages(pages, services, uploads).register(routes);
    new DashboardPages(pages, services).register(routes);
    new AdminPages(pages, services).register(routes);
    new StandingPages(pages, services).register(routes);
  }
}
