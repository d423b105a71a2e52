package io.comptoir.contract;

import java.util.List;

/**
 * What a user should act on now, computed when asked (nothing to miss if a job did not run).
 *
 * @param pendingApprovals requests awaiting a decision in a committee role the user holds
 * @param expiringSoon the user's contracts ending within the notice period
 * @param overdueReviews contracts suspended because their review is overdue: the user's own, and
 *     those the user governs (data owner of the product's entity, DPO, administrator)
 */
public record Notifications(
    List<UsageContract> pendingApprovals,
    List<UsageContract> expiringSoon,
    List<UsageContract> overdueReviews) {
  public Notifications {
    pendingApprovals = List.copyOf(pendingApprovals);
    expiringSoon = List.copyOf(expiringSoon);
    overdueReviews = List.copyOf(overdueReviews);
  }

  public int count() {
    return pendingApprovals.size() + expiringSoon.size() + overdueReviews.size();
  }
}
