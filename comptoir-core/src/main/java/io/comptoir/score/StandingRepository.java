package io.comptoir.score;

import io.comptoir.catalog.ProductId;
import java.util.List;
import java.util.Optional;

/** Persistence of data scores (with their breakdown) and certifications. */
public interface StandingRepository {
  /** Inserts or replaces the product's score. */
  void saveScore(DataScore score);

  Optional<DataScore> findScore(ProductId product);

  List<DataScore> listScores();

  /** Inserts a new certification, or updates its status and end by id. */
  void saveCertification(Certification certification);

  /** The product's certifications, newest first. */
  List<Certification> certifications(ProductId product);

  /** Every certification whose stored status is IN_FORCE. */
  List<Certification> inForce();
}
