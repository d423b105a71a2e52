package io.comptoir.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ShortCacheTest {
  private final AtomicLong now = new AtomicLong();
  private final AtomicInteger lookups = new AtomicInteger();
  private final ShortCache<String, String> cache =
      new ShortCache<>(Duration.ofSeconds(1), 3, now::get);

  private String lookUp(String key) {
    lookups.incrementAndGet();
    return key + lookups.get();
  }

  @Test
  void reusesALookupDuringItsLifetimeOnly() {
    assertThat(cache.get("a", this::lookUp)).isEqualTo("a1");
    now.addAndGet(999_000_000L);
    assertThat(cache.get("a", this::lookUp)).isEqualTo("a1");
    now.addAndGet(1_000_000L);
    assertThat(cache.get("a", this::lookUp)).isEqualTo("a2");
  }

  @Test
  void forgetsEverythingOnAWrite() {
    cache.get("a", this::lookUp);
    cache.invalidate();
    assertThat(cache.get("a", this::lookUp)).isEqualTo("a2");
    cache.forget("a");
    assertThat(cache.get("a", this::lookUp)).isEqualTo("a3");
  }

  @Test
  void neverKeepsALookupThatAWriteOvertook() {
    String raced =
        cache.get(
            "a",
            key -> {
              cache.invalidate(); // a write lands while the lookup reads the old state
              return "old";
            });

    assertThat(raced).isEqualTo("old");
    assertThat(cache.size()).isZero();
    assertThat(cache.get("a", this::lookUp)).isEqualTo("a1");
  }

  @Test
  void doesNotCacheFailuresAndStaysBounded() {
    assertThatThrownBy(
            () ->
                cache.get(
                    "a",
                    key -> {
                      throw new IllegalStateException("refused");
                    }))
        .hasMessage("refused");
    assertThat(cache.size()).isZero();
    for (String key : new String[] {"a", "b", "c", "d"}) {
      cache.get(key, this::lookUp);
    }
    assertThat(cache.size()).isLessThanOrEqualTo(3);
  }

  @Test
  void aZeroLifetimeLooksUpEveryTime() {
    ShortCache<String, String> off = new ShortCache<>(Duration.ZERO, 3, now::get);
    off.get("a", this::lookUp);
    off.get("a", this::lookUp);
    assertThat(lookups.get()).isEqualTo(2);
  }
}
