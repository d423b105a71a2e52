package io.comptoir.common;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small in-process bus telling who derives data from the metadata (search index, data score) that
 * something changed. Subscribers run on the publisher's thread after its transaction; a failing
 * subscriber is logged and never fails the change itself.
 */
public final class MetadataChanges {
  private static final Logger LOG = LoggerFactory.getLogger(MetadataChanges.class);

  /** What changed. */
  public enum Kind {
    /** A product's description, columns, owner or classification; id is the product id. */
    PRODUCT,
    /** A new version of a product was committed; id is the product id. */
    VERSION,
    /** Quality rules or results of a product; id is the product id. */
    QUALITY,
    /** A glossary term or a column link to a term; id is the term id, or empty. */
    GLOSSARY,
    /** A product's data score or certification; id is the product id. */
    STANDING
  }

  /** One change. */
  public record Change(Kind kind, String id) {
    public Change {
      requireNonNull(kind, "kind is null");
      id = id == null ? "" : id;
    }
  }

  private final List<Consumer<Change>> subscribers = new CopyOnWriteArrayList<>();

  public void subscribe(Consumer<Change> subscriber) {
    subscribers.add(requireNonNull(subscriber, "subscriber is null"));
  }

  public void publish(Kind kind, String id) {
    Change change = new Change(kind, id);
    for (Consumer<Change> subscriber : subscribers) {
      try {
        subscriber.accept(change);
      } catch (RuntimeException e) {
        LOG.warn("a subscriber failed on {} {}", kind, id, e);
      }
    }
  }
}
