package io.comptoir.bench;

import io.comptoir.catalog.Classification;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.catalog.ProductId;
import io.comptoir.glossary.GlossaryFacts;
import io.comptoir.score.StandingFacts;
import io.comptoir.search.Embedder;
import io.comptoir.search.MiniLmEmbedder;
import io.comptoir.search.RankingWeights;
import io.comptoir.search.SearchFacet;
import io.comptoir.search.SearchIndex;
import io.comptoir.search.SearchRequest;
import io.comptoir.search.SearchSort;
import io.comptoir.search.SearchSources;
import io.comptoir.search.SearchVisibility;
import io.comptoir.search.SemanticMode;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import net.datafaker.Faker;

/**
 * Search benchmark: generates {@code --products} realistic catalog products with DataFaker (French
 * titles and descriptions of business data sets, 4 to 12 documented columns each, entities,
 * domains, tags, owners), builds the Lucene index on disk, then runs {@code --queries} mixed
 * queries (one to three words, typos, prefixes, English words, some with a facet filter) after a
 * warm-up, and the same queries against PostgreSQL full-text search ({@code to_tsvector('french',
 * ...)} stored, GIN index, {@code plainto_tsquery} ranked by {@code ts_rank}, top 20) in a schema
 * of its own, dropped at the end. Prints {@code name=value} lines.
 *
 * <p>With {@code --semantic}, the index embeds every product with the in-process model and the
 * queries run in the hybrid mode; its figures are printed as {@code search_hybrid_*}.
 *
 * <p>Usage: {@code SearchBenchmark [--products 100000] [--queries 1000] [--semantic] [--url
 * jdbc:postgresql://127.0.0.1:5432/test] [--user postgres] [--work bench/work]}
 */
public final class SearchBenchmark {
  static final String[] SUBJECTS = {
    "colis", "courrier", "clients", "comptes", "opérations", "contrats", "réclamations",
    "factures", "livraisons", "tournées", "bureaux", "agences", "paiements", "virements",
    "prêts", "assurances", "sinistres", "adresses", "événements", "expéditions", "retours",
    "abonnements", "commandes", "stocks", "véhicules", "facteurs", "guichets", "automates",
    "cartes", "prélèvements"
  };
  static final String[] QUALIFIERS = {
    "quotidiens",
    "mensuels",
    "annuels",
    "particuliers",
    "professionnels",
    "internationaux",
    "nationaux",
    "régionaux",
    "expédiés",
    "livrés",
    "retournés",
    "ouverts",
    "clôturés",
    "signés",
    "résiliés",
    "traités",
    "en attente",
    "historisés",
    "consolidés",
    "certifiés"
  };
  static final String[] ABOUT = {
    "par code postal",
    "par bureau",
    "par région",
    "par client",
    "par site de tri",
    "par tournée",
    "par canal",
    "par produit",
    "par agence",
    "par département",
    "par semaine",
    "par commune"
  };
  static final String[] COLUMN_WORDS = {
    "code_postal",
    "date_depot",
    "date_livraison",
    "poids_kg",
    "montant_eur",
    "statut",
    "identifiant_client",
    "numero_suivi",
    "commune",
    "departement",
    "region",
    "canal",
    "type_compte",
    "iban",
    "date_ouverture",
    "date_cloture",
    "motif",
    "categorie",
    "nombre",
    "duree_jours",
    "taux",
    "prime_eur",
    "site_tri",
    "code_insee",
    "latitude",
    "longitude",
    "email",
    "telephone",
    "segment",
    "score_satisfaction"
  };
  static final String[] COLUMN_TEXT = {
    "Code postal de destination",
    "Date de dépôt au guichet",
    "Date de livraison effective",
    "Poids taxé en kilogrammes",
    "Montant en euros",
    "Statut final du traitement",
    "Identifiant unique du client",
    "Numéro de suivi",
    "Libellé de la commune",
    "Département",
    "Région administrative",
    "Canal de contact",
    "Type de compte",
    "Numéro IBAN",
    "Date d'ouverture",
    "Date de clôture",
    "Motif déclaré",
    "Catégorie",
    "Nombre d'opérations",
    "Durée en jours",
    "Taux appliqué",
    "Prime annuelle",
    "Site de tri",
    "Code Insee de la commune",
    "Latitude WGS84",
    "Longitude WGS84",
    "Adresse électronique",
    "Numéro de téléphone",
    "Segment marketing",
    "Note de satisfaction sur 10"
  };
  static final String[] ENTITIES = {"BSCC", "BGPN", "LBP", "CNP", "NUM", "GEOPOST"};
  static final String[] DOMAINS = {
    "colis",
    "courrier",
    "clients",
    "reseau",
    "banque",
    "assurance",
    "referentiels",
    "rh",
    "finance",
    "logistique"
  };
  static final String[] TAGS = {
    "rgpd",
    "open-data",
    "pilotage",
    "temps-reel",
    "historique",
    "qualite",
    "referentiel",
    "geographie",
    "secret-bancaire",
    "sante",
    "logistique",
    "finance"
  };

  /** The kinds of queries, in the order {@link #queries} cycles through them. */
  static final String[] KINDS = {
    "word", "two_words", "word_par", "typo", "prefix", "column", "english", "word_column"
  };

  static final String[] ENGLISH = {"parcels", "customers", "accounts", "payments", "insurance"};

  private SearchBenchmark() {}

  public static void main(String[] args) throws Exception {
    run(args, System.out);
  }

  static void run(String[] args, PrintStream out) throws Exception {
    int count = 100_000;
    int queries = 1_000;
    String url = "jdbc:postgresql://127.0.0.1:5432/test";
    String user = "postgres";
    Path work = Path.of("bench/work");
    boolean semantic = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--semantic" -> semantic = true;
        case "--products" -> count = Integer.parseInt(args[++i]);
        case "--queries" -> queries = Integer.parseInt(args[++i]);
        case "--url" -> url = args[++i];
        case "--user" -> user = args[++i];
        case "--work" -> work = Path.of(args[++i]);
        default -> {
          System.err.println("error: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    long generateStart = System.nanoTime();
    List<DataProduct> products = products(count, new Random(42));
    out.printf(
        Locale.ROOT,
        "search_products=%d%nsearch_generate_seconds=%.1f%n",
        products.size(),
        seconds(generateStart));
    List<SearchRequest> mixed = queries(queries, new Random(7));

    Path directory = Files.createDirectories(work).resolve("search-index-" + UUID.randomUUID());
    long buildStart = System.nanoTime();
    double[] lucene;
    // the CPU time of the searching thread too: on a shared machine it varies less than the time
    double[] cpu;
    // the hybrid mode prints its figures under search_hybrid_*
    String prefix = semantic ? "search_hybrid_" : "search_";
    // counts the embeddings computed while the queries are timed: the index remembers the last
    // queries' embeddings, and the mixed queries repeat some (printed, to read the figures right)
    CountingEmbedder embedder = new CountingEmbedder(semantic ? new MiniLmEmbedder() : null);
    Optional<SemanticMode> mode =
        semantic ? Optional.of(new SemanticMode(embedder, 0.3)) : Optional.empty();
    try (SearchIndex index =
        SearchIndex.open(
            directory, sources(products), RankingWeights.DEFAULT, Clock.systemUTC(), mode)) {
      out.printf(Locale.ROOT, "%sbuild_seconds=%.1f%n", prefix, seconds(buildStart));
      for (SearchRequest request : queries(300, new Random(99))) {
        index.search(request, SearchVisibility.everything());
      }
      embedder.reset();
      lucene = new double[mixed.size()];
      cpu = new double[mixed.size()];
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long hits = 0;
      for (int i = 0; i < mixed.size(); i++) {
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        hits += index.search(mixed.get(i), SearchVisibility.everything()).total();
        lucene[i] = (System.nanoTime() - start) / 1e6;
        cpu[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
      }
      out.printf(
          Locale.ROOT,
          "search_queries=%d%nsearch_mean_hits=%.0f%n",
          mixed.size(),
          (double) hits / mixed.size());
      if (semantic) {
        out.printf(
            Locale.ROOT,
            "search_hybrid_queries_embedded=%d%nsearch_hybrid_query_embedding_mean_ms=%.2f%n",
            embedder.calls,
            embedder.calls == 0 ? 0 : embedder.nanos / 1e6 / embedder.calls);
      }
    } finally {
      deleteTree(directory);
    }
    // the kinds of queries (see queries()), each timed apart: where the slow tail comes from
    for (int kind = 0; kind < KINDS.length; kind++) {
      double[] times = new double[(lucene.length + KINDS.length - 1 - kind) / KINDS.length];
      for (int i = kind, j = 0; i < lucene.length; i += KINDS.length, j++) {
        times[j] = lucene[i];
      }
      Arrays.sort(times);
      out.printf(
          Locale.ROOT,
          "%s%s_p50_ms=%.2f%n%s%s_p95_ms=%.2f%n",
          prefix,
          KINDS[kind],
          percentile(times, 50),
          prefix,
          KINDS[kind],
          percentile(times, 95));
    }
    Arrays.sort(lucene);
    Arrays.sort(cpu);
    out.printf(
        Locale.ROOT,
        "%1$scpu_p50_ms=%2$.2f%n%1$scpu_p95_ms=%3$.2f%n",
        prefix,
        percentile(cpu, 50),
        percentile(cpu, 95));
    out.printf(
        Locale.ROOT,
        "%1$sp50_ms=%2$.2f%n%1$sp95_ms=%3$.2f%n%1$sp99_ms=%4$.2f%n",
        prefix,
        percentile(lucene, 50),
        percentile(lucene, 95),
        percentile(lucene, 99));

    double[] postgres = postgres(url, user, products, mixed, out);
    Arrays.sort(postgres);
    double p95 = percentile(postgres, 95);
    out.printf(
        Locale.ROOT,
        "postgres_fts_p50_ms=%.2f%npostgres_fts_p95_ms=%.2f%n%svs_postgres_fts_p95_ratio=%.2f%n",
        percentile(postgres, 50),
        p95,
        prefix,
        percentile(lucene, 95) / p95);
  }

  /** Products with French titles, descriptions and columns, drawn from a seeded Faker. */
  static List<DataProduct> products(int count, Random random) {
    Faker faker = new Faker(Locale.FRENCH, random);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    List<DataProduct> products = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String subject = pick(SUBJECTS, random);
      String title =
          capitalize(subject) + " " + pick(QUALIFIERS, random) + " " + pick(ABOUT, random);
      String description =
          capitalize(subject)
              + " de "
              + faker.company().name()
              + ", suivis à "
              + faker.address().city()
              + " depuis "
              + (2015 + random.nextInt(11))
              + " : "
              + pick(COLUMN_TEXT, random).toLowerCase(Locale.ROOT)
              + ", "
              + pick(COLUMN_TEXT, random).toLowerCase(Locale.ROOT)
              + ". "
              + faker.lorem().sentence(8);
      int columnCount = 4 + random.nextInt(9);
      Map<String, Column> columns = new LinkedHashMap<>();
      while (columns.size() < columnCount) {
        int c = random.nextInt(COLUMN_WORDS.length);
        columns.put(
            COLUMN_WORDS[c],
            new Column(
                COLUMN_WORDS[c], DataType.STRING, COLUMN_TEXT[c], PersonalDataCategory.NONE, ""));
      }
      List<String> tags =
          List.of(pick(TAGS, random), pick(TAGS, random)).stream().distinct().toList();
      products.add(
          new DataProduct(
              ProductId.of("produit-" + i),
              title,
              description,
              pick(ENTITIES, random),
              pick(DOMAINS, random),
              faker.name().username().replaceAll("[^a-z.]", "") + "@example.org",
              "",
              faker.company().name(),
              Classification.values()[random.nextInt(4)],
              tags,
              List.copyOf(columns.values()),
              now,
              now));
    }
    return products;
  }

  /** Mixed queries as users type them: words, phrases, typos, prefixes, English, facets. */
  static List<SearchRequest> queries(int count, Random random) {
    List<SearchRequest> queries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String text =
          switch (i % 8) {
            case 0 -> pick(SUBJECTS, random);
            case 1 -> pick(SUBJECTS, random) + " " + pick(QUALIFIERS, random);
            case 2 -> pick(SUBJECTS, random) + " " + pick(ABOUT, random);
            case 3 -> typo(pick(SUBJECTS, random), random);
            case 4 -> pick(SUBJECTS, random).substring(0, 4);
            case 5 -> pick(COLUMN_TEXT, random).toLowerCase(Locale.ROOT);
            case 6 -> pick(ENGLISH, random);
            default -> pick(SUBJECTS, random) + " " + pick(COLUMN_WORDS, random).replace('_', ' ');
          };
      Map<SearchFacet, String> filters =
          i % 5 == 0 ? Map.of(SearchFacet.ENTITY, pick(ENTITIES, random)) : Map.of();
      queries.add(new SearchRequest(text, filters, SearchSort.RELEVANCE, 0, 20));
    }
    return queries;
  }

  private static String typo(String word, Random random) {
    if (word.length() < 5) {
      return word;
    }
    int at = 1 + random.nextInt(word.length() - 2);
    char[] chars = word.toCharArray();
    char swap = chars[at];
    chars[at] = chars[at + 1];
    chars[at + 1] = swap;
    return new String(chars);
  }

  private static double[] postgres(
      String url,
      String user,
      List<DataProduct> products,
      List<SearchRequest> mixed,
      PrintStream out)
      throws Exception {
    String schema =
        "comptoir_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    try (Connection connection = DriverManager.getConnection(url, user, "");
        Statement statement = connection.createStatement()) {
      try {
        long start = System.nanoTime();
        statement.execute("CREATE SCHEMA " + schema);
        statement.execute(
            "CREATE TABLE "
                + schema
                + ".products (id text PRIMARY KEY, entity text, title text, body text,"
                + " tsv tsvector)");
        connection.setAutoCommit(false);
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO "
                    + schema
                    + ".products VALUES (?, ?, ?, ?, setweight(to_tsvector('french', ?), 'A')"
                    + " || to_tsvector('french', ?))")) {
          int batch = 0;
          for (DataProduct product : products) {
            String body =
                product.description()
                    + " "
                    + String.join(" ", product.tags())
                    + " "
                    + product.columns().stream()
                        .map(c -> c.name().replace('_', ' ') + " " + c.description())
                        .collect(Collectors.joining(" "));
            insert.setString(1, product.id().value());
            insert.setString(2, product.entity());
            insert.setString(3, product.title());
            insert.setString(4, body);
            insert.setString(5, product.title());
            insert.setString(6, body);
            insert.addBatch();
            if (++batch % 2000 == 0) {
              insert.executeBatch();
            }
          }
          insert.executeBatch();
        }
        connection.commit();
        connection.setAutoCommit(true);
        statement.execute("CREATE INDEX ON " + schema + ".products USING GIN (tsv)");
        statement.execute("ANALYZE " + schema + ".products");
        out.printf(Locale.ROOT, "postgres_fts_build_seconds=%.1f%n", seconds(start));
        String sql =
            "SELECT id, ts_rank(tsv, q) AS rank FROM "
                + schema
                + ".products, plainto_tsquery('french', ?) q WHERE tsv @@ q"
                + " AND (? IS NULL OR entity = ?) ORDER BY rank DESC LIMIT 20";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
          for (SearchRequest request : queries(300, new Random(99))) {
            run(query, request);
          }
          double[] times = new double[mixed.size()];
          for (int i = 0; i < mixed.size(); i++) {
            long queryStart = System.nanoTime();
            run(query, mixed.get(i));
            times[i] = (System.nanoTime() - queryStart) / 1e6;
          }
          return times;
        }
      } finally {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private static void run(PreparedStatement query, SearchRequest request) throws Exception {
    String entity = request.filters().get(SearchFacet.ENTITY);
    query.setString(1, request.query());
    query.setString(2, entity);
    query.setString(3, entity);
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        rows.getString(1);
      }
    }
  }

  static SearchSources sources(List<DataProduct> products) {
    Map<ProductId, DataProduct> byId = new HashMap<>();
    products.forEach(p -> byId.put(p.id(), p));
    List<Domain> domains =
        Arrays.stream(DOMAINS).map(d -> new Domain(d, capitalize(d), "")).toList();
    List<LegalEntity> entities =
        Arrays.stream(ENTITIES).map(e -> new LegalEntity(e, e, "")).toList();
    return new SearchSources() {
      @Override
      public List<DataProduct> products() {
        return products;
      }

      @Override
      public Optional<DataProduct> product(ProductId id) {
        return Optional.ofNullable(byId.get(id));
      }

      @Override
      public List<Domain> domains() {
        return domains;
      }

      @Override
      public List<LegalEntity> entities() {
        return entities;
      }

      @Override
      public GlossaryFacts glossary() {
        return GlossaryFacts.NONE;
      }

      @Override
      public StandingFacts standing() {
        return new StandingFacts() {
          @Override
          public OptionalInt score(ProductId product) {
            return OptionalInt.of(Math.floorMod(product.value().hashCode(), 101));
          }

          @Override
          public Optional<CertificationLevel> certification(ProductId product) {
            int h = Math.floorMod(product.value().hashCode(), 10);
            return h < 3 ? Optional.of(CertificationLevel.values()[h]) : Optional.empty();
          }
        };
      }

      @Override
      public Map<ProductId, Long> reads() {
        return Map.of();
      }
    };
  }

  /** An embedder counting its calls and their time. */
  static final class CountingEmbedder implements Embedder {
    private final Embedder embedder;
    long calls;
    long nanos;

    CountingEmbedder(Embedder embedder) {
      this.embedder = embedder;
    }

    void reset() {
      calls = 0;
      nanos = 0;
    }

    @Override
    public String name() {
      return embedder.name();
    }

    @Override
    public float[] embed(String text) {
      long start = System.nanoTime();
      float[] vector = embedder.embed(text);
      nanos += System.nanoTime() - start;
      calls++;
      return vector;
    }
  }

  private static String pick(String[] values, Random random) {
    return values[random.nextInt(values.length)];
  }

  private static String capitalize(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  static double percentile(double[] sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static void deleteTree(Path directory) throws Exception {
    if (!Files.exists(directory)) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
