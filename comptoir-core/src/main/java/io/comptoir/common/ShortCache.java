package io.comptoir.common;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A cache of metadata-store lookups that lives a short time and that the service owning it empties
 * on each of its own writes. An entry is used only while it is younger than its lifetime and no
 * write happened since its lookup started: a lookup that raced with a write (it read the old state,
 * the write then emptied the cache, the lookup stored what it read) is never used. Writes made by
 * another process (a CLI on the same store) are seen once the lifetime is over.
 *
 * @param <K> the key
 * @param <V> the looked-up value; a failed lookup (an exception) is not cached
 */
public final class ShortCache<K, V> {
  private record Entry<V>(V value, long generation, long loadedAt) {}

  private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final long lifetimeNanos;
  private final int maximumEntries;
  private final LongSupplier nanoTime;

  /**
   * @param lifetime how long an entry may be used; zero turns the cache off
   * @param maximumEntries the cache is emptied when it would hold more
   */
  public ShortCache(Duration lifetime, int maximumEntries) {
    this(lifetime, maximumEntries, System::nanoTime);
  }

  ShortCache(Duration lifetime, int maximumEntries, LongSupplier nanoTime) {
    requireNonNull(lifetime, "lifetime is null");
    if (lifetime.isNegative()) {
      throw new IllegalArgumentException("lifetime must be >= 0, got " + lifetime);
    }
    if (maximumEntries < 1) {
      throw new IllegalArgumentException("maximum entries must be >= 1, got " + maximumEntries);
    }
    this.lifetimeNanos = lifetime.toNanos();
    this.maximumEntries = maximumEntries;
    this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
  }

  /** The cached value of the key, or the lookup's, cached when no write raced with it. */
  public V get(K key, Function<K, V> lookup) {
    if (lifetimeNanos == 0) {
      return lookup.apply(key);
    }
    long now = nanoTime.getAsLong();
    long current = generation.get();
    Entry<V> entry = entries.get(key);
    if (entry != null && entry.generation() == current && now - entry.loadedAt() < lifetimeNanos) {
      return entry.value();
    }
    V value = lookup.apply(key);
    if (value != null && generation.get() == current) {
      if (entries.size() >= maximumEntries) {
        entries.clear();
      }
      entries.put(key, new Entry<>(value, current, now));
    }
    return value;
  }

  /** Forgets one key (the owner changed what it looked up). */
  public void forget(K key) {
    entries.remove(key);
  }

  /** Forgets everything; lookups in progress will not be cached. Call after each write. */
  public void invalidate() {
    generation.incrementAndGet();
    entries.clear();
  }

  /** Entries held, for tests. */
  int size() {
    return entries.size();
  }
}
