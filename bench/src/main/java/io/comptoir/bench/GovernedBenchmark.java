package io.comptoir.bench;

import io.comptoir.ingest.ProgressListener;
import io.comptoir.ingest.SourceFiles;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Governed reads benchmark. Generates a customers table with personal data to Parquet (DuckDB SQL),
 * then, with a Comptoir server in its own JVM that ingested it into a real version and gave a
 * consumer an active usage contract (8 of 9 columns, 3 masked including {@code HASH_KEYED}, a row
 * scope), measures in the same run:
 *
 * <ol>
 *   <li>the baseline {@code duckdb_copy_seconds}: DuckDB's own {@code COPY} of the same projection
 *       (the very statement the engine runs: granted columns masked with the contract's key, the
 *       same filters) of the version's files to a CSV file, in its own JVM; its output must be the
 *       governed export's, byte for byte ({@code governed_export_same_output_as_duckdb});
 *   <li>the diagnostic {@code duckdb_unmasked_copy_seconds}: the same COPY without the masking;
 *   <li>{@code governed_export_seconds}: {@code GET /api/v1/products/{id}/data?format=csv} with the
 *       consumer's token and filter, streamed to a file by this process's HTTP client;
 *   <li>small reads: {@code --connections} threads, each looping on the same {@code limit=100} read
 *       for {@code --seconds}, every one checked against the contract and audited; latency
 *       percentiles. The server's read cache answers all but the first;
 *   <li>distinct small reads: the same, each read with a different filter (the first 100 rows of a
 *       random range of ids), which the read cache cannot answer.
 * </ol>
 *
 * <p>Prints {@code name=value} lines. Usage: {@code GovernedBenchmark [--rows 5000000] [--seconds
 * 30] [--warmup-seconds 30] [--connections 50] [--repeat 1] [--work bench/work] [--postgres]
 * [--small-reads-only] [--smoke]}; {@code --postgres} keeps the server's metadata in PostgreSQL on
 * 127.0.0.1 (as in production) instead of the default SQLite file; {@code --small-reads-only} skips
 * the HTTP floor and the distinct small reads (for quick comparisons of the small reads).
 */
public final class GovernedBenchmark {
  private static final String DATA_PATH = "/api/v1/products/" + GovernedServerChild.PRODUCT.value();

  private GovernedBenchmark() {}

  public static void main(String[] args) throws Exception {
    run(args, System.out);
  }

  static void run(String[] args, PrintStream out) throws Exception {
    // keep one connection per small-read thread (the JDK keeps 5 per host by default)
    System.setProperty("http.maxConnections", "256");
    long rows = 5_000_000;
    int seconds = 30;
    int warmupSeconds = 30;
    int connections = 50;
    int repeat = 1;
    Path work = Path.of("bench/work");
    String memoryLimit = "2GB";
    int threads = Runtime.getRuntime().availableProcessors();
    boolean postgres = false;
    boolean smallReadsOnly = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(args[++i]);
        case "--connections" -> connections = Integer.parseInt(args[++i]);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--memory-limit" -> memoryLimit = args[++i];
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--postgres" -> postgres = true;
        case "--small-reads-only" -> smallReadsOnly = true;
        case "--client" -> {
          String client = args[++i];
          if (!client.equals("nio") && !client.equals("threads")) {
            throw new IllegalArgumentException("--client is nio or threads, got " + client);
          }
          threadPerConnection = client.equals("threads");
        }
        case "--smoke" -> {
          rows = 20_000;
          seconds = 2;
          warmupSeconds = 1;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Files.createDirectories(work);
    Path parquet = work.resolve("customers-" + rows + ".parquet");
    if (!Files.exists(parquet)) {
      System.err.printf("generating %s (%d rows)...%n", parquet, rows);
      long start = System.nanoTime();
      CustomersParquet.write(parquet, rows);
      System.err.printf("generated in %.1f s%n", Measure.seconds(start));
    }
    Path data = work.toAbsolutePath().resolve("governed-data");
    IngestBenchmark.deleteRecursively(data);
    List<String> serverArguments =
        new ArrayList<>(
            List.of(
                data.toString(),
                parquet.toAbsolutePath().toString(),
                memoryLimit,
                Integer.toString(threads)));
    if (postgres) {
      serverArguments.add(freshPostgresSchema());
    }
    Process server =
        new ProcessBuilder(
                IngestBenchmark.javaCommand(
                    GovernedServerChild.class, serverArguments.toArray(String[]::new)))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader serverOut =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      Map<String, String> setup = readUntilReady(serverOut);
      System.err.println("GovernedServerChild " + setup);
      String url = setup.get("url");
      String token = setup.get("token");
      List<String> files = Arrays.asList(setup.get("files").split(File.pathSeparator));
      for (String file : files) {
        warm(Path.of(file));
      }
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .build();

      List<Map<String, String>> baseline = new ArrayList<>();
      List<Map<String, String>> unmaskedBaseline = new ArrayList<>();
      List<Export> governed = new ArrayList<>();
      boolean sameOutput = true;
      Path exports = work.resolve("exports");
      for (int round = 0; round < repeat; round++) {
        IngestBenchmark.deleteRecursively(exports);
        Files.createDirectories(exports);
        unmaskedBaseline.add(duckCopy("unmasked", exports, memoryLimit, threads, "-", files));
        IngestBenchmark.deleteRecursively(exports);
        Files.createDirectories(exports);
        Map<String, String> same =
            duckCopy("same", exports, memoryLimit, threads, setup.get("contract_key"), files);
        baseline.add(same);
        Path duckOutput = Path.of(same.get("file"));
        Path governedOutput = exports.resolve("governed.csv");
        double serverCpu = Measure.cpuSeconds(server.pid());
        long clientCpu = Measure.processCpuNanos();
        Export one = export(client, url, token, governedOutput);
        governed.add(
            one.withCpu(
                Measure.cpuSeconds(server.pid()) - serverCpu,
                (Measure.processCpuNanos() - clientCpu) / 1e9));
        System.err.println("governed export " + governed.get(governed.size() - 1));
        // after the timings: the governed export and DuckDB's COPY of the same statement agree
        sameOutput &=
            SourceFiles.sha256(duckOutput, ProgressListener.NONE)
                .equals(SourceFiles.sha256(governedOutput, ProgressListener.NONE));
      }
      IngestBenchmark.deleteRecursively(exports);

      List<String> smallArguments =
          new ArrayList<>(List.of(memoryLimit, Integer.toString(threads)));
      smallArguments.addAll(files);
      Map<String, String> duckSmall =
          IngestBenchmark.child(DuckDbSmallReadChild.class, smallArguments.toArray(String[]::new));
      double smallServerCpu = Measure.cpuSeconds(server.pid());
      long smallClientCpu = Measure.processCpuNanos();
      SmallReads small = smallReads(url, token, connections, warmupSeconds, seconds);
      // warm-up included: the requests of the warm-up are counted for the CPU per read
      smallServerCpu = Measure.cpuSeconds(server.pid()) - smallServerCpu;
      double smallClientCpu2 = (Measure.processCpuNanos() - smallClientCpu) / 1e9;
      SmallReads floor = SmallReads.NONE;
      SmallReads distinct = SmallReads.NONE;
      double floorServerCpu = 0;
      double distinctServerCpu = 0;
      if (!smallReadsOnly) {
        // the floor: the same clients on GET /health (no token, no contract, no data, no audit)
        floorServerCpu = Measure.cpuSeconds(server.pid());
        URI health = URI.create(url + "/health");
        floor = smallReads(token, () -> health, connections, warmupSeconds, seconds);
        floorServerCpu = Measure.cpuSeconds(server.pid()) - floorServerCpu;
        distinctServerCpu = Measure.cpuSeconds(server.pid());
        distinct =
            distinctSmallReads(
                url, token, Long.parseLong(setup.get("rows")), connections, warmupSeconds, seconds);
        distinctServerCpu = Measure.cpuSeconds(server.pid()) - distinctServerCpu;
      }
      Map<String, String> duck = fastest(baseline);
      Map<String, String> unmaskedDuck = fastest(unmaskedBaseline);
      Export best =
          governed.stream().min((a, b) -> Double.compare(a.seconds(), b.seconds())).orElseThrow();
      long duckRows = Long.parseLong(duck.get("rows"));
      double duckSeconds = seconds(duck);
      double duckRowsPerSecond = duckRows / duckSeconds;
      double governedRowsPerSecond = best.rows() / best.seconds();
      server.getOutputStream().close();
      Map<String, String> end = readAll(serverOut);
      if (server.waitFor() != 0) {
        throw new IllegalStateException("GovernedServerChild exited with " + server.exitValue());
      }

      out.println("machine_cpu=" + Measure.cpuModel());
      out.println("metadata_store=" + (postgres ? "postgresql" : "sqlite"));
      out.println("machine_cores=" + Runtime.getRuntime().availableProcessors());
      out.println("product_rows=" + setup.get("rows"));
      out.println("product_files=" + files.size());
      out.printf(
          Locale.ROOT,
          "product_ingest_seconds=%.2f%n",
          Double.parseDouble(setup.get("ingest_seconds")));
      out.println("contract_status=" + setup.get("contract_status"));
      out.println(
          "masked_columns="
              + String.join(",", new java.util.TreeSet<>(CustomersParquet.MASKINGS.keySet())));
      out.println("duckdb_copy_rows=" + duckRows);
      out.printf(Locale.ROOT, "duckdb_copy_seconds=%.2f%n", duckSeconds);
      out.printf(
          Locale.ROOT, "duckdb_copy_mb=%.1f%n", Long.parseLong(duck.get("bytes")) / 1048576.0);
      out.printf(Locale.ROOT, "duckdb_copy_rows_per_second=%.0f%n", duckRowsPerSecond);
      out.println("duckdb_copy_cpu_seconds=" + duck.get("cpu_seconds"));
      out.printf(Locale.ROOT, "duckdb_unmasked_copy_seconds=%.2f%n", seconds(unmaskedDuck));
      out.println("duckdb_unmasked_copy_cpu_seconds=" + unmaskedDuck.get("cpu_seconds"));
      out.printf(
          Locale.ROOT,
          "duckdb_unmasked_copy_mb=%.1f%n",
          Long.parseLong(unmaskedDuck.get("bytes")) / 1048576.0);
      out.println("governed_export_rows=" + best.rows());
      out.printf(Locale.ROOT, "governed_export_seconds=%.2f%n", best.seconds());
      out.printf(Locale.ROOT, "governed_export_mb=%.1f%n", best.bytes() / 1048576.0);
      out.printf(Locale.ROOT, "governed_export_rows_per_second=%.0f%n", governedRowsPerSecond);
      out.println("governed_export_rows_match=" + (best.rows() == duckRows));
      out.println("governed_export_same_output_as_duckdb=" + sameOutput);
      out.printf(Locale.ROOT, "governed_export_server_cpu_seconds=%.2f%n", best.serverCpuSeconds());
      out.printf(Locale.ROOT, "governed_export_client_cpu_seconds=%.2f%n", best.clientCpuSeconds());
      out.println("governed_export_email_hashed=" + best.emailHashed());
      out.printf(
          Locale.ROOT,
          "governed_export_vs_duckdb_ratio=%.2f%n",
          governedRowsPerSecond / duckRowsPerSecond);
      // diagnostics: against DuckDB's COPY without the masking, and what the masking costs DuckDB
      double unmaskedRowsPerSecond =
          Long.parseLong(unmaskedDuck.get("rows")) / seconds(unmaskedDuck);
      out.printf(
          Locale.ROOT,
          "governed_export_vs_duckdb_unmasked_ratio=%.2f%n",
          governedRowsPerSecond / unmaskedRowsPerSecond);
      out.printf(
          Locale.ROOT,
          "duckdb_masked_vs_unmasked_ratio=%.2f%n",
          duckRowsPerSecond / unmaskedRowsPerSecond);
      out.println("duckdb_peak_rss_mib=" + duck.get("peak_rss_mib"));
      out.println("server_peak_rss_mib=" + end.get("peak_rss_mib"));
      out.println("small_read_connections=" + connections);
      out.println("small_read_client=" + (threadPerConnection ? "threads" : "nio"));
      out.println("small_read_seconds=" + seconds);
      out.println("small_read_requests=" + small.latencies().length);
      out.printf(
          Locale.ROOT,
          "small_read_requests_per_second=%.1f%n",
          small.latencies().length / small.seconds());
      out.printf(Locale.ROOT, "small_read_p50_ms=%.1f%n", small.percentileMillis(0.50));
      out.printf(Locale.ROOT, "small_read_p90_ms=%.1f%n", small.percentileMillis(0.90));
      out.printf(Locale.ROOT, "small_read_p99_ms=%.1f%n", small.percentileMillis(0.99));
      out.printf(Locale.ROOT, "small_read_max_ms=%.1f%n", small.percentileMillis(1.0));
      out.println("small_read_errors=" + small.errors());
      out.println("small_read_all_requests=" + small.all());
      out.printf(
          Locale.ROOT,
          "small_read_server_cpu_ms_per_read=%.2f%n",
          smallServerCpu * 1000 / Math.max(1, small.all()));
      out.printf(
          Locale.ROOT,
          "small_read_client_cpu_ms_per_read=%.2f%n",
          smallClientCpu2 * 1000 / Math.max(1, small.all()));
      out.printf(
          Locale.ROOT,
          "small_read_distinct_requests_per_second=%.1f%n",
          distinct.latencies().length / distinct.seconds());
      out.printf(Locale.ROOT, "small_read_distinct_p50_ms=%.1f%n", distinct.percentileMillis(0.50));
      out.printf(Locale.ROOT, "small_read_distinct_p99_ms=%.1f%n", distinct.percentileMillis(0.99));
      out.println("small_read_distinct_errors=" + distinct.errors());
      out.printf(
          Locale.ROOT,
          "small_read_distinct_server_cpu_ms_per_read=%.2f%n",
          distinctServerCpu * 1000 / Math.max(1, distinct.all()));
      out.printf(
          Locale.ROOT,
          "http_floor_requests_per_second=%.1f%n",
          floor.latencies().length / floor.seconds());
      out.printf(Locale.ROOT, "http_floor_p99_ms=%.1f%n", floor.percentileMillis(0.99));
      out.printf(
          Locale.ROOT,
          "http_floor_server_cpu_ms_per_request=%.2f%n",
          floorServerCpu * 1000 / Math.max(1, floor.all()));
      out.println("duckdb_limit100_alone_p50_ms=" + duckSmall.get("p50_ms"));
      out.println("duckdb_limit100_alone_max_ms=" + duckSmall.get("max_ms"));
      out.println("probe_authenticate_ms=" + setup.get("authenticate_ms"));
      out.println("probe_contract_check_ms=" + setup.get("contract_check_ms"));
      out.println("probe_audit_append_ms=" + setup.get("audit_append_ms"));
      for (String probe :
          List.of("authenticate", "contract_check", "audit_append", "cached_read")) {
        out.println("probe_" + probe + "_cpu_ms=" + setup.get(probe + "_cpu_ms"));
      }
      out.println("probe_cached_read_ms=" + setup.get("cached_read_ms"));
      out.println("probe_export_in_process_seconds=" + setup.get("export_in_process_seconds"));
      out.println("repeat=" + repeat);
    } finally {
      server.destroy();
      if (postgres) {
        server.waitFor();
        dropPostgresSchema();
      }
    }
  }

  private static Map<String, String> duckCopy(
      String mode,
      Path exports,
      String memoryLimit,
      int threads,
      String contractKey,
      List<String> files)
      throws IOException, InterruptedException {
    Path file = exports.resolve("duckdb-" + mode + ".csv").toAbsolutePath();
    List<String> arguments = new ArrayList<>();
    arguments.add(mode);
    arguments.add(file.toString());
    arguments.add(memoryLimit);
    arguments.add(Integer.toString(threads));
    arguments.add(contractKey);
    arguments.addAll(files);
    Map<String, String> values =
        new LinkedHashMap<>(
            IngestBenchmark.child(DuckDbExportChild.class, arguments.toArray(String[]::new)));
    values.put("file", file.toString());
    return values;
  }

  private static Map<String, String> fastest(List<Map<String, String>> runs) {
    return runs.stream().min((a, b) -> Double.compare(seconds(a), seconds(b))).orElseThrow();
  }

  private static double seconds(Map<String, String> values) {
    return Double.parseDouble(values.get("seconds"));
  }

  private static Map<String, String> readUntilReady(BufferedReader reader) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    String line;
    while ((line = reader.readLine()) != null) {
      put(values, line);
      if (line.equals("ready=true")) {
        return values;
      }
    }
    throw new IllegalStateException("the Comptoir server exited before it was ready: " + values);
  }

  private static Map<String, String> readAll(BufferedReader reader) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    String line;
    while ((line = reader.readLine()) != null) {
      put(values, line);
    }
    return values;
  }

  private static void put(Map<String, String> values, String line) {
    int equals = line.indexOf('=');
    if (equals > 0) {
      values.put(line.substring(0, equals), line.substring(equals + 1));
    }
  }

  /** One governed export: rows, bytes and seconds from the request to the last byte. */
  record Export(
      long rows,
      long bytes,
      double seconds,
      boolean emailHashed,
      double serverCpuSeconds,
      double clientCpuSeconds) {
    Export withCpu(double server, double client) {
      return new Export(rows, bytes, seconds, emailHashed, server, client);
    }
  }

  /** Streams the governed CSV export to a file, counting its bytes and lines as they arrive. */
  static Export export(HttpClient client, String url, String token, Path file)
      throws IOException, InterruptedException {
    URI uri =
        URI.create(
            url
                + DATA_PATH
                + "/data?format=csv&filter="
                + URLEncoder.encode(CustomersParquet.CONSUMER_FILTER, StandardCharsets.UTF_8));
    long start = System.nanoTime();
    // HttpURLConnection: the lightest JDK client, so that the server keeps most of the CPU
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setRequestProperty("Authorization", "Bearer " + token);
    int status = connection.getResponseCode();
    long lines = 0;
    long bytes = 0;
    ByteCollector head = new ByteCollector(4096);
    if (status != 200) {
      throw new IllegalStateException(
          "governed export answered "
              + status
              + ": "
              + new String(connection.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    try (InputStream in = connection.getInputStream();
        OutputStream target = Files.newOutputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      int read;
      while ((read = in.read(buffer)) > 0) {
        target.write(buffer, 0, read);
        head.add(buffer, read);
        bytes += read;
        for (int i = 0; i < read; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
      }
    }
    double seconds = Measure.seconds(start);
    return new Export(Math.max(0, lines - 1), bytes, seconds, emailHashed(head.text()), -1, -1);
  }

  /** Whether the email column (the second) of the first data row is a 64-digit hex HMAC. */
  private static boolean emailHashed(String head) {
    String[] lines = head.split("\r?\n");
    if (lines.length < 2 || !lines[0].startsWith("id,email,")) {
      return false;
    }
    String[] fields = lines[1].split(",", -1);
    return fields.length > 1 && fields[1].matches("[0-9a-f]{64}");
  }

  /** Keeps the first bytes of a stream. */
  private static final class ByteCollector {
    private final byte[] bytes;
    private int size;

    ByteCollector(int capacity) {
      bytes = new byte[capacity];
    }

    void add(byte[] buffer, int length) {
      int n = Math.min(length, bytes.length - size);
      System.arraycopy(buffer, 0, bytes, size, n);
      size += n;
    }

    String text() {
      return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }
  }

  /** Latencies of the measured small reads, in nanoseconds, sorted. */
  record SmallReads(long[] latencies, long errors, double seconds, long all) {
    /** A phase not run ({@code --small-reads-only}): its figures print as NaN. */
    static final SmallReads NONE = new SmallReads(new long[0], 0, Double.NaN, 0);

    double percentileMillis(double fraction) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.ceil(fraction * latencies.length) - 1;
      return latencies[Math.max(0, Math.min(latencies.length - 1, index))] / 1e6;
    }
  }

  /**
   * {@code connections} platform threads each loop on a 100-row read: first for the warm-up (not
   * recorded), then for {@code seconds}, recording the latency of every request that started in the
   * measured window. A response other than 200 or an I/O failure is an error.
   */
  /** {@code --client threads}: the small reads use one thread per connection, as before. */
  private static boolean threadPerConnection;

  static SmallReads smallReads(
      String url, String token, int connections, int warmupSeconds, int seconds)
      throws InterruptedException {
    URI read = smallRead(url, "");
    return smallReads(token, () -> read, connections, warmupSeconds, seconds);
  }

  /**
   * Small reads that are all different: each asks for the first 100 rows of a random range of 1,000
   * ids, so that no two are the same query and the read cache cannot answer them.
   */
  static SmallReads distinctSmallReads(
      String url, String token, long rows, int connections, int warmupSeconds, int seconds)
      throws InterruptedException {
    return smallReads(
        token,
        () -> {
          long from = java.util.concurrent.ThreadLocalRandom.current().nextLong(rows);
          String filter = "id between " + from + " and " + (from + 999);
          return smallRead(url, "&filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
        },
        connections,
        warmupSeconds,
        seconds);
  }

  private static URI smallRead(String url, String parameters) {
    return URI.create(url + DATA_PATH + "/data?format=csv&limit=100" + parameters);
  }

  /**
   * {@code connections} platform threads each loop on a 100-row read: first for the warm-up (not
   * recorded), then for {@code seconds}, recording the latency of every request that started in the
   * measured window. A response other than 200 or an I/O failure is an error. The client is {@link
   * ClosedLoopClient} (one thread, non-blocking sockets); with {@code --client threads}, one
   * platform thread per connection with the JDK's {@link HttpURLConnection} and keep-alive, the
   * client of the earlier runs.
   */
  static SmallReads smallReads(
      String token,
      java.util.function.Supplier<URI> reads,
      int connections,
      int warmupSeconds,
      int seconds)
      throws InterruptedException {
    if (!threadPerConnection) {
      try {
        return ClosedLoopClient.run(token, reads, connections, warmupSeconds, seconds);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    long measureStart = System.nanoTime() + warmupSeconds * 1_000_000_000L;
    long measureEnd = measureStart + seconds * 1_000_000_000L;
    AtomicLong errors = new AtomicLong();
    AtomicLong requests = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    List<Future<long[]>> results = new ArrayList<>();
    for (int t = 0; t < connections; t++) {
      results.add(
          pool.submit(
              () -> {
                long[] latencies = new long[1024];
                int count = 0;
                byte[] buffer = new byte[64 * 1024];
                while (true) {
                  long start = System.nanoTime();
                  if (start >= measureEnd) {
                    break;
                  }
                  boolean ok = get(reads.get(), token, buffer);
                  long latency = System.nanoTime() - start;
                  requests.incrementAndGet();
                  if (start < measureStart) {
                    continue;
                  }
                  if (!ok) {
                    errors.incrementAndGet();
                  }
                  if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                  }
                  latencies[count++] = latency;
                }
                return Arrays.copyOf(latencies, count);
              }));
    }
    pool.shutdown();
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> result : results) {
      try {
        all.add(result.get());
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("a small-read thread failed", e.getCause());
      }
    }
    long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new SmallReads(latencies, errors.get(), seconds, requests.get());
  }

  /** One GET read whole: true for a 200 with a body. The connection is kept for the next. */
  private static boolean get(URI uri, String token, byte[] buffer) {
    try {
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setRequestProperty("Authorization", "Bearer " + token);
      connection.setConnectTimeout(10_000);
      connection.setReadTimeout(30_000);
      int status = connection.getResponseCode();
      long body = 0;
      try (InputStream in =
          status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
        if (in != null) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            body += n;
          }
        }
      }
      return status == 200 && body > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String POSTGRES_SCHEMA = "comptoir_bench_governed";

  /** PostgreSQL on 127.0.0.1 (database test, user postgres): the store's URL in a new schema. */
  private static String freshPostgresSchema() throws java.sql.SQLException {
    dropPostgresSchema();
    try (java.sql.Connection connection =
            java.sql.DriverManager.getConnection(POSTGRES, "postgres", "");
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + POSTGRES_SCHEMA);
    }
    return POSTGRES + "?currentSchema=" + POSTGRES_SCHEMA;
  }

  private static void dropPostgresSchema() throws java.sql.SQLException {
    try (java.sql.Connection connection =
            java.sql.DriverManager.getConnection(POSTGRES, "postgres", "");
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + POSTGRES_SCHEMA + " CASCADE");
    }
  }

  /** Reads the file once so that both contenders start with it in the page cache. */
  private static void warm(Path file) {
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      while (in.read(buffer) > 0) {
        // only reading
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
