package io.comptoir.engine;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DuckDB resources.
 *
 * @param tempDirectory where DuckDB spills when memory runs short
 * @param memoryLimit DuckDB memory limit such as {@code 2GB}
 * @param threads DuckDB worker threads
 * @param readCache memory kept for the output of small governed reads, such as {@code 64MB}; {@code
 *     0MB} keeps none
 */
public record EngineSettings(
    Path tempDirectory, String memoryLimit, int threads, String readCache) {
  /** The read cache's default size. */
  public static final String DEFAULT_READ_CACHE = "64MB";

  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)");

  public EngineSettings {
    requireNonNull(tempDirectory, "tempDirectory is null");
    requireNonNull(memoryLimit, "memoryLimit is null");
    requireNonNull(readCache, "readCache is null");
    if (!SIZE.matcher(memoryLimit).matches()) {
      throw new IllegalArgumentException("memory limit must look like 2GB, got " + memoryLimit);
    }
    if (!SIZE.matcher(readCache).matches()) {
      throw new IllegalArgumentException("read cache must look like 64MB, got " + readCache);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
  }

  public EngineSettings(Path tempDirectory, String memoryLimit, int threads) {
    this(tempDirectory, memoryLimit, threads, DEFAULT_READ_CACHE);
  }

  public static EngineSettings defaults(Path tempDirectory) {
    return new EngineSettings(
        tempDirectory, "2GB", Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  /** The read cache in bytes. */
  public long readCacheBytes() {
    return bytes(readCache);
  }

  /** Bytes in a size such as {@code 64MB} (1000-based) or {@code 64MiB} (1024-based). */
  static long bytes(String size) {
    Matcher matcher = SIZE.matcher(size);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a size: " + size);
    }
    String unit = matcher.group(2).toUpperCase(Locale.ROOT);
    long base = unit.contains("I") ? 1024 : 1000;
    int power = "KMGT".indexOf(unit.charAt(0)) + 1;
    BigDecimal factor = BigDecimal.valueOf(base).pow(power);
    return new BigDecimal(matcher.group(1))
        .multiply(factor)
        .setScale(0, java.math.RoundingMode.DOWN)
        .longValueExact();
  }
}
