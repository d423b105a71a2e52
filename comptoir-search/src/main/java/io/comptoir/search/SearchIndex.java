package io.comptoir.search;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.common.MetadataChanges;
import io.comptoir.glossary.GlossaryFacts.TermStatus;
import io.comptoir.glossary.GlossaryFacts.TermSummary;
import io.comptoir.score.StandingFacts.CertificationLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.VectorUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's full-text index: one Lucene document per product, glossary term and domain, kept on
 * disk under the data directory, rebuilt when missing or stale, updated on metadata changes. Thread
 * safe: writes are serialised, searches run on the latest committed view.
 */
public final class SearchIndex implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);

  /** Changes whenever what is indexed or how changes: an index of another format is rebuilt. */
  static final String FORMAT = "comptoir-search-3";

  /** How many of the best full-text candidates the ranking formula reorders. */
  public static final int RERANKED = 200;

  /** Glossary terms and domains shown beside the products. */
  static final int OTHERS = 5;

  /** Facet values returned per facet (the most frequent). */
  static final int FACET_VALUES = 30;

  private static final Duration READS_TTL = Duration.ofMinutes(5);

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final SearchSources sources;
  private final RankingWeights weights;
  private final Clock clock;
  private final boolean persistent;
  private final SemanticMode semantic;
  private volatile Synonyms synonyms = Synonyms.NONE;
  private volatile Map<ProductId, Long> reads = Map.of();
  private volatile Instant readsAt = Instant.MIN;
  private volatile FacetOrdinals facetOrdinals;
  private final Object ordinalsLock = new Object();

  /** Most query embeddings remembered. */
  static final int QUERY_VECTORS = 256;

  private final Map<String, float[]> queryVectors =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
          return size() > QUERY_VECTORS;
        }
      };

  private SearchIndex(
      Directory directory,
      boolean persistent,
      SearchSources sources,
      RankingWeights weights,
      Clock clock,
      Optional<SemanticMode> semantic)
      throws IOException {
    this.semantic = semantic.orElse(null);
    this.directory = directory;
    this.persistent = persistent;
    this.sources = requireNonNull(sources, "sources is null");
    this.weights = requireNonNull(weights, "weights is null");
    this.clock = requireNonNull(clock, "clock is null");
    IndexWriterConfig config = new IndexWriterConfig(SearchAnalysis.BY_FIELD);
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setRAMBufferSizeMB(64);
    this.writer = new IndexWriter(directory, config);
    this.searchers = new SearcherManager(writer, null);
  }

  /**
   * Opens the index kept in {@code path}, rebuilt when missing or stale. When another process holds
   * it, searches an index in memory instead, built from the same sources.
   */
  public static SearchIndex open(
      Path path, SearchSources sources, RankingWeights weights, Clock clock) {
    return open(path, sources, weights, clock, Optional.empty());
  }

  /** {@link #open(Path, SearchSources, RankingWeights, Clock)}, in the semantic mode if given. */
  public static SearchIndex open(
      Path path,
      SearchSources sources,
      RankingWeights weights,
      Clock clock,
      Optional<SemanticMode> semantic) {
    SearchIndex index;
    try {
      Directory directory = FSDirectory.open(path);
      try {
        index = new SearchIndex(directory, true, sources, weights, clock, semantic);
      } catch (LockObtainFailedException e) {
        directory.close();
        LOG.debug("search index {} is used by another process: searching in memory", path);
        return inMemory(sources, weights, clock, semantic);
      }
    } catch (IOException e) {
      throw new ComptoirException(
          ErrorCode.INTERNAL, "cannot open the search index " + path + ": " + e, e);
    }
    index.rebuildIfStale();
    return index;
  }

  /** An index in memory, built now. */
  public static SearchIndex inMemory(SearchSources sources, RankingWeights weights, Clock clock) {
    return inMemory(sources, weights, clock, Optional.empty());
  }

  /** An index in memory, built now, in the semantic mode if given. */
  public static SearchIndex inMemory(
      SearchSources sources, RankingWeights weights, Clock clock, Optional<SemanticMode> semantic) {
    try {
      SearchIndex index =
          new SearchIndex(new ByteBuffersDirectory(), false, sources, weights, clock, semantic);
      index.rebuild();
      return index;
    } catch (IOException e) {
      throw new ComptoirException(ErrorCode.INTERNAL, "cannot create the search index: " + e, e);
    }
  }

  /** Keeps the index up to date with the changes published on the bus. */
  public void follow(MetadataChanges changes) {
    changes.subscribe(this::onChange);
  }

  void onChange(MetadataChanges.Change change) {
    switch (change.kind()) {
      case PRODUCT, VERSION, STANDING -> {
        if (change.id().isEmpty()) {
          // an entity or a domain: rebuilt when the facts many documents hold changed
          refreshFacts();
        } else {
          reindex(ProductId.of(change.id()));
        }
      }
      case GLOSSARY -> rebuild();
      case QUALITY -> {
        // the quality of a product weighs on its score, which arrives as STANDING
      }
    }
  }

  /** Whether the index on disk was built from other metadata than the catalog's now. */
  public synchronized boolean rebuildIfStale() {
    try {
      Map<String, String> data = new HashMap<>();
      writer.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
      List<DataProduct> products = sources.products();
      String facts = factsFingerprint();
      boolean stale =
          !format().equals(data.get("format"))
              || !facts.equals(data.get("facts"))
              || !indexedStates().equals(currentStates(products));
      if (stale) {
        LOG.debug("search index missing or stale: rebuilding ({} products)", products.size());
        rebuild(products, facts);
      } else {
        synonyms = Synonyms.of(sources.glossary().terms());
      }
      return stale;
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /** Indexes everything again when the domains, entities or glossary terms changed. */
  public synchronized void refreshFacts() {
    Map<String, String> data = new HashMap<>();
    writer.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
    if (!factsFingerprint().equals(data.get("facts"))) {
      rebuild();
    }
  }

  /** Indexes everything again. */
  public synchronized void rebuild() {
    try {
      rebuild(sources.products(), factsFingerprint());
    } catch (IOException e) {
      throw failure(e);
    }
  }

  private void rebuild(List<DataProduct> products, String facts) throws IOException {
    List<TermSummary> terms = sources.glossary().terms();
    Context context = context(terms);
    writer.deleteAll();
    for (DataProduct product : products) {
      writer.addDocument(productDocument(product, context));
    }
    for (TermSummary term : terms) {
      if (term.status() != TermStatus.DEPRECATED) {
        writer.addDocument(otherDocument("term", term.id(), term.name(), termText(term)));
      }
    }
    for (Domain domain : sources.domains()) {
      writer.addDocument(otherDocument("domain", domain.id(), domain.name(), domain.description()));
    }
    commit(facts);
    synonyms = Synonyms.of(terms);
  }

  /** Indexes one product again, or removes it when it no longer exists. */
  public synchronized void reindex(ProductId id) {
    try {
      Optional<DataProduct> product = sources.product(id);
      Term uid = new Term("uid", "product:" + id.value());
      if (product.isPresent()) {
        writer.updateDocument(
            uid, productDocument(product.get(), context(sources.glossary().terms())));
      } else {
        writer.deleteDocuments(uid);
      }
      commit(factsFingerprint());
    } catch (IOException e) {
      throw failure(e);
    }
  }

  private void commit(String facts) throws IOException {
    writer.setLiveCommitData(Map.of("format", format(), "facts", facts).entrySet());
    writer.commit();
    searchers.maybeRefreshBlocking();
  }

  /** The number of products indexed. */
  public int products() {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return searcher.count(new TermQuery(new Term("kind", "product")));
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw failure(e);
    }
  }

  public boolean persistent() {
    return persistent;
  }

  public boolean semantic() {
    return semantic != null;
  }

  /** The format of the documents: with the embedding model's name in the semantic mode. */
  private String format() {
    return semantic == null ? FORMAT : FORMAT + "+" + semantic.embedder().name();
  }

  // indexing

  private record Context(
      Map<String, String> entities, Map<String, Domain> domains, Map<String, TermSummary> terms) {}

  private Context context(List<TermSummary> terms) {
    Map<String, String> entities = new HashMap<>();
    for (LegalEntity entity : sources.entities()) {
      entities.put(entity.code(), entity.name());
    }
    Map<String, Domain> domains = new HashMap<>();
    for (Domain domain : sources.domains()) {
      domains.put(domain.id(), domain);
    }
    Map<String, TermSummary> byId = new HashMap<>();
    for (TermSummary term : terms) {
      byId.put(term.id(), term);
    }
    return new Context(entities, domains, byId);
  }

  private Document productDocument(DataProduct product, Context context) {
    Document doc = new Document();
    String id = product.id().value();
    doc.add(new StringField("uid", "product:" + id, Store.NO));
    doc.add(new StringField("kind", "product", Store.NO));
    doc.add(new StoredField("id", id));
    doc.add(new StringField("exact", SearchAnalysis.exactForm(product.title()), Store.NO));
    doc.add(new StringField("exact", SearchAnalysis.exactForm(id), Store.NO));
    text(doc, "title", product.title());
    StringBuilder body = new StringBuilder(product.description());
    body.append('\n').append(String.join(" ", product.tags()));
    Domain domain = context.domains().get(product.domain());
    body.append('\n').append(domain == null ? product.domain() : domain.name());
    body.append('\n').append(product.entity()).append(' ');
    body.append(context.entities().getOrDefault(product.entity(), ""));
    body.append('\n').append(product.sourceSystem());
    body.append('\n').append(id.replace('-', ' '));
    text(doc, "body", body.toString());
    Map<String, List<String>> linked = sources.glossary().columnTerms(product.id());
    StringBuilder columns = new StringBuilder();
    for (Column column : product.columns()) {
      columns.append(column.name()).append(' ').append(column.description());
      for (String termId : linked.getOrDefault(column.name(), List.of())) {
        TermSummary term = context.terms().get(termId);
        if (term != null) {
          columns.append(' ').append(term.name());
        }
      }
      columns.append('\n');
      doc.add(new StoredField("column", column.name() + "\t" + column.description()));
    }
    text(doc, "cols", columns.toString());
    OptionalInt score = sources.standing().score(product.id());
    Optional<CertificationLevel> certification = sources.standing().certification(product.id());
    facet(doc, SearchFacet.ENTITY, product.entity());
    facet(doc, SearchFacet.DOMAIN, product.domain());
    facet(doc, SearchFacet.CLASSIFICATION, product.classification().name());
    facet(doc, SearchFacet.CERTIFICATION, certification.map(Enum::name).orElse("NONE"));
    for (String tag : product.tags()) {
      facet(doc, SearchFacet.TAG, tag);
    }
    facet(doc, SearchFacet.OWNER, product.owner());
    doc.add(new StoredField("title", product.title()));
    doc.add(new StoredField("description", product.description()));
    for (String tag : product.tags()) {
      doc.add(new StoredField("tag", tag));
    }
    doc.add(new StoredField("entity", product.entity()));
    doc.add(new StoredField("domain", product.domain()));
    doc.add(new StoredField("classification", product.classification().name()));
    doc.add(new StoredField("score", score.orElse(-1)));
    doc.add(new StoredField("certification", certification.map(Enum::name).orElse("")));
    doc.add(new NumericDocValuesField("data_score", score.orElse(-1)));
    doc.add(
        new NumericDocValuesField(
            "cert_level", certification.map(level -> level.ordinal() + 1).orElse(0)));
    doc.add(new SortedDocValuesField("id_dv", new BytesRef(id)));
    doc.add(
        new SortedDocValuesField(
            "title_sort", new BytesRef(SearchAnalysis.exactForm(product.title()))));
    doc.add(new StoredField("state", state(product)));
    if (semantic != null) {
      doc.add(
          new KnnFloatVectorField(
              "vector",
              semantic
                  .embedder()
                  .embed(semanticText(product, linkedTerms(product, linked, context))),
              VectorSimilarityFunction.COSINE));
    }
    return doc;
  }

  private Document otherDocument(String kind, String id, String name, String text) {
    Document doc = new Document();
    doc.add(new StringField("uid", kind + ":" + id, Store.NO));
    doc.add(new StringField("kind", kind, Store.YES));
    doc.add(new StoredField("id", id));
    doc.add(new StringField("exact", SearchAnalysis.exactForm(name), Store.NO));
    text(doc, "title", name);
    text(doc, "body", text);
    doc.add(new StoredField("title", name));
    doc.add(new StoredField("description", text));
    return doc;
  }

  /**
   * What the model reads of a product: its title, its description, the glossary terms linked to its
   * columns (names, and the synonyms of approved terms: often the English words, which the model
   * knows best), then the columns' descriptions.
   */
  static String semanticText(DataProduct product, List<TermSummary> terms) {
    StringBuilder text = new StringBuilder(product.title()).append(". ");
    text.append(product.description());
    for (TermSummary term : terms) {
      text.append(' ').append(term.name());
      if (term.status() == TermStatus.APPROVED && !term.synonyms().isEmpty()) {
        text.append(" (").append(String.join(", ", term.synonyms())).append(')');
      }
      text.append('.');
    }
    for (Column column : product.columns()) {
      text.append(' ')
          .append(column.description().isEmpty() ? column.name() : column.description());
    }
    return text.toString();
  }

  /** The terms linked to a product's columns, once each, deprecated ones left out. */
  private static List<TermSummary> linkedTerms(
      DataProduct product, Map<String, List<String>> linked, Context context) {
    Map<String, TermSummary> terms = new LinkedHashMap<>();
    for (Column column : product.columns()) {
      for (String termId : linked.getOrDefault(column.name(), List.of())) {
        TermSummary term = context.terms().get(termId);
        if (term != null && term.status() != TermStatus.DEPRECATED) {
          terms.putIfAbsent(termId, term);
        }
      }
    }
    return List.copyOf(terms.values());
  }

  private static String termText(TermSummary term) {
    return term.definition() + "\n" + String.join(", ", term.synonyms());
  }

  private static void text(Document doc, String field, String value) {
    for (String analysis : List.of("fr", "en", "plain")) {
      doc.add(new TextField(field + "_" + analysis, value, Store.NO));
    }
  }

  private static void facet(Document doc, SearchFacet facet, String value) {
    doc.add(new KeywordField(facet.field(), value, Store.NO));
  }

  /** What the index must agree with for a product: its update time and standing. */
  private String state(DataProduct product) {
    return product.updatedAt().toEpochMilli()
        + "|"
        + sources.standing().score(product.id())
        + "|"
        + sources.standing().certification(product.id()).map(Enum::name).orElse("");
  }

  private Map<String, String> currentStates(List<DataProduct> products) {
    Map<String, String> states = new HashMap<>();
    for (DataProduct product : products) {
      states.put(product.id().value(), state(product));
    }
    return states;
  }

  private Map<String, String> indexedStates() throws IOException {
    Map<String, String> states = new HashMap<>();
    IndexSearcher searcher = searchers.acquire();
    try {
      TopDocs all =
          searcher.search(
              new TermQuery(new Term("kind", "product")),
              Math.max(1, searcher.getIndexReader().maxDoc()));
      StoredFields stored = searcher.storedFields();
      for (ScoreDoc hit : all.scoreDocs) {
        Document doc = stored.document(hit.doc, Set.of("id", "state"));
        states.put(doc.get("id"), doc.get("state"));
      }
    } finally {
      searchers.release(searcher);
    }
    return states;
  }

  /** A digest of the domains, entities and glossary terms, which many documents hold. */
  private String factsFingerprint() {
    StringBuilder facts = new StringBuilder();
    for (Domain domain : sources.domains()) {
      facts.append(domain).append('\n');
    }
    for (LegalEntity entity : sources.entities()) {
      facts.append(entity).append('\n');
    }
    for (TermSummary term : sources.glossary().terms()) {
      facts.append(term).append('\n');
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(digest.digest(facts.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // searching

  /** Searches what the visibility lets the caller see. */
  public SearchResult search(SearchRequest request, SearchVisibility visibility) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return search(searcher, request, visibility);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw failure(e);
    }
  }

  private SearchResult search(
      IndexSearcher searcher, SearchRequest request, SearchVisibility visibility)
      throws IOException {
    QueryPlan plan = new QueryPlan(request.query(), synonyms, searcher.getIndexReader());
    boolean words = !plan.isEmpty();
    boolean relaxed = false;
    // rewritten once (typo expansions) for the passes below, which would each rewrite it again
    Query match = words ? searcher.rewrite(plan.query(false)) : new MatchAllDocsQuery();
    float[] vector =
        semantic != null && !request.query().isBlank() ? queryVector(request.query()) : null;
    // the nearest products, searched once (the HNSW graph is walked when the query is rewritten)
    Query nearAll = null;
    Query nearChosen = null;
    if (vector != null) {
      nearAll = searcher.rewrite(neighbours(vector, visibility, Map.of()));
      nearChosen =
          request.filters().isEmpty()
              ? nearAll
              : searcher.rewrite(neighbours(vector, visibility, request.filters()));
    }
    FacetOrdinals ordinals = ordinals(searcher.getIndexReader());
    SearchSort sort = request.sort();
    if (!words && sort == SearchSort.RELEVANCE) {
      sort = SearchSort.TITLE;
    }
    int wanted = request.offset() + request.limit();
    int candidates = Math.max(RERANKED, wanted);
    // full text by relevance: one pass counts the facets and collects the best candidates
    boolean onePass = vector == null && sort == SearchSort.RELEVANCE;
    TopScoreDocCollector best = onePass ? topCollector(candidates) : null;
    FacetCounter counter = new FacetCounter(ordinals, request.filters(), FACET_VALUES, best);
    if (vector == null) {
      searcher.search(products(match, visibility, Map.of()), counter);
      if (words && counter.total() == 0 && plan.slots() > 1) {
        relaxed = true;
        match = searcher.rewrite(plan.query(true));
        best = onePass ? topCollector(candidates) : null;
        counter = new FacetCounter(ordinals, request.filters(), FACET_VALUES, best);
        searcher.search(products(match, visibility, Map.of()), counter);
      }
    } else {
      if (words && plan.slots() > 1 && searcher.count(products(match, visibility, Map.of())) == 0) {
        relaxed = true;
        match = searcher.rewrite(plan.query(true));
      }
      if (!words) {
        match = new BooleanQuery.Builder().build();
      }
      searcher.search(products(withNeighbours(match, nearAll), visibility, Map.of()), counter);
    }
    Query lexical = products(match, visibility, request.filters());
    Query filtered =
        vector == null
            ? lexical
            : products(withNeighbours(match, nearChosen), visibility, request.filters());
    List<Ranked> ranked = new ArrayList<>();
    StoredFields stored = searcher.storedFields();
    switch (sort) {
      case RELEVANCE -> {
        TopDocs top = best != null ? best.topDocs() : searcher.search(lexical, candidates);
        Map<Integer, Double> cosines = null;
        if (vector != null) {
          cosines = new HashMap<>();
          for (ScoreDoc neighbour :
              searcher.search(nearChosen, SemanticMode.NEIGHBOURS).scoreDocs) {
            cosines.put(neighbour.doc, cosine(searcher, neighbour.doc, vector));
          }
          for (int i = 0; i < Math.min(RERANKED, top.scoreDocs.length); i++) {
            cosines.computeIfAbsent(top.scoreDocs[i].doc, doc -> cosine(searcher, doc, vector));
          }
        }
        ranked = rank(top.scoreDocs, cosines, searcher.getIndexReader());
      }
      case SCORE -> {
        TopDocs top =
            searcher.search(
                filtered,
                wanted,
                new Sort(
                    new SortField("data_score", SortField.Type.LONG, true), SortField.FIELD_SCORE),
                true);
        for (ScoreDoc hit : top.scoreDocs) {
          ranked.add(new Ranked(hit.doc, hit.score, hit.score));
        }
      }
      case TITLE -> {
        TopDocs top =
            searcher.search(
                filtered,
                wanted,
                new Sort(new SortField("title_sort", SortField.Type.STRING)),
                true);
        for (ScoreDoc hit : top.scoreDocs) {
          ranked.add(new Ranked(hit.doc, hit.score, hit.score));
        }
      }
    }
    Highlighter highlighter = new Highlighter(plan.words(), plan.typos());
    List<SearchResult.ProductHit> page = new ArrayList<>();
    for (int i = request.offset(); i < Math.min(wanted, ranked.size()); i++) {
      page.add(productHit(stored, ranked.get(i), highlighter));
    }
    List<SearchResult.OtherHit> others = new ArrayList<>();
    if (words) {
      BooleanQuery.Builder other = new BooleanQuery.Builder();
      other.add(match, Occur.MUST);
      other.add(
          new TermInSetQuery("kind", List.of(new BytesRef("term"), new BytesRef("domain"))),
          Occur.FILTER);
      for (ScoreDoc hit : searcher.search(other.build(), OTHERS).scoreDocs) {
        Document doc = stored.document(hit.doc);
        String kind = "term".equals(doc.get("kind")) ? "TERM" : "DOMAIN";
        others.add(
            new SearchResult.OtherHit(
                SearchResult.Kind.valueOf(kind),
                doc.get("id"),
                highlighter.mark(doc.get("title")),
                highlighter.snippet(doc.get("description"))));
      }
    }
    return new SearchResult(
        request.query(),
        page,
        counter.total(),
        facets(counter.counts(), request.filters()),
        others,
        relaxed);
  }

  private static TopScoreDocCollector topCollector(int count) {
    return new TopScoreDocCollectorManager(count, null, Integer.MAX_VALUE).newCollector();
  }

  /** The facet ordinals of the view searched, built once per view. */
  private FacetOrdinals ordinals(IndexReader reader) throws IOException {
    FacetOrdinals current = facetOrdinals;
    if (current != null && current.isOf(reader)) {
      return current;
    }
    synchronized (ordinalsLock) {
      current = facetOrdinals;
      if (current == null || !current.isOf(reader)) {
        current = FacetOrdinals.of(reader);
        facetOrdinals = current;
      }
      return current;
    }
  }

  private static Query products(
      Query match, SearchVisibility visibility, Map<SearchFacet, String> filters) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    query.add(match, Occur.MUST);
    query.add(new TermQuery(new Term("kind", "product")), Occur.FILTER);
    visibility
        .entities()
        .ifPresent(
            entities ->
                query.add(
                    new TermInSetQuery(
                        SearchFacet.ENTITY.field(), entities.stream().map(BytesRef::new).toList()),
                    Occur.FILTER));
    filters.forEach(
        (facet, value) -> query.add(new TermQuery(new Term(facet.field(), value)), Occur.FILTER));
    return query.build();
  }

  /** The full-text match or the query's nearest products. */
  private static Query withNeighbours(Query match, Query near) {
    BooleanQuery.Builder either = new BooleanQuery.Builder();
    either.add(match, Occur.SHOULD);
    either.add(near, Occur.SHOULD);
    return either.build();
  }

  /** The embedding of a query, remembered for the last queries (typed again, paged through). */
  private float[] queryVector(String query) {
    synchronized (queryVectors) {
      float[] known = queryVectors.get(query);
      if (known != null) {
        return known;
      }
    }
    float[] vector = semantic.embedder().embed(query);
    synchronized (queryVectors) {
      queryVectors.put(query, vector);
    }
    return vector;
  }

  private static Query neighbours(
      float[] vector, SearchVisibility visibility, Map<SearchFacet, String> filters) {
    return new KnnFloatVectorQuery(
        "vector",
        vector,
        SemanticMode.NEIGHBOURS,
        products(new MatchAllDocsQuery(), visibility, filters));
  }

  /** The cosine between a product's embedding and the query's. */
  private static double cosine(IndexSearcher searcher, int doc, float[] vector) {
    try {
      List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
      FloatVectorValues values = leaf.reader().getFloatVectorValues("vector");
      if (values == null || values.advance(doc - leaf.docBase) != doc - leaf.docBase) {
        return 0;
      }
      return VectorUtil.cosine(values.vectorValue(), vector);
    } catch (IOException e) {
      throw failure(e);
    }
  }

  private record Ranked(int doc, double relevance, double rank) {}

  /** The ranking formula over the best candidates; the others keep their full-text order. */
  private List<Ranked> rank(ScoreDoc[] lexical, Map<Integer, Double> cosines, IndexReader reader)
      throws IOException {
    List<Ranked> ranked = new ArrayList<>();
    ScoreDoc[] hits = lexical;
    double[] semantic = null;
    if (cosines != null) {
      // the neighbours the full text did not find join the candidates with a full-text score of 0
      Map<Integer, ScoreDoc> all = new LinkedHashMap<>();
      for (int i = 0; i < Math.min(RERANKED, lexical.length); i++) {
        all.put(lexical[i].doc, lexical[i]);
      }
      for (Integer doc : cosines.keySet()) {
        all.putIfAbsent(doc, new ScoreDoc(doc, 0f));
      }
      List<ScoreDoc> merged = new ArrayList<>(all.values());
      for (int i = RERANKED; i < lexical.length; i++) {
        merged.add(lexical[i]);
      }
      hits = merged.toArray(new ScoreDoc[0]);
      semantic = new double[hits.length];
      double bestCosine = 0;
      for (int i = 0; i < hits.length; i++) {
        semantic[i] = Math.max(0, cosines.getOrDefault(hits[i].doc, 0.0));
        bestCosine = Math.max(bestCosine, semantic[i]);
      }
      for (int i = 0; i < hits.length; i++) {
        semantic[i] = bestCosine > 0 ? semantic[i] / bestCosine : 0;
      }
    }
    if (hits.length == 0) {
      return ranked;
    }
    int n = Math.min(RERANKED + (cosines == null ? 0 : SemanticMode.NEIGHBOURS), hits.length);
    double best = 0;
    for (ScoreDoc hit : hits) {
      best = Math.max(best, hit.score);
    }
    Map<ProductId, Long> counts = reads();
    long[] productReads = new long[n];
    int[] scores = new int[n];
    int[] levels = new int[n];
    long most = 0;
    // doc values, read in document order (stored fields would decompress a block per product)
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    final ScoreDoc[] candidates = hits;
    Arrays.sort(order, Comparator.comparingInt(i -> candidates[i].doc));
    List<LeafReaderContext> leaves = reader.leaves();
    int current = -1;
    NumericDocValues scoreValues = null;
    NumericDocValues levelValues = null;
    SortedDocValues idValues = null;
    for (int i : order) {
      int doc = hits[i].doc;
      int leafIndex = ReaderUtil.subIndex(doc, leaves);
      LeafReaderContext leaf = leaves.get(leafIndex);
      if (leafIndex != current) {
        current = leafIndex;
        scoreValues = DocValues.getNumeric(leaf.reader(), "data_score");
        levelValues = DocValues.getNumeric(leaf.reader(), "cert_level");
        idValues = DocValues.getSorted(leaf.reader(), "id_dv");
      }
      int local = doc - leaf.docBase;
      scores[i] = scoreValues.advanceExact(local) ? (int) scoreValues.longValue() : -1;
      levels[i] = levelValues.advanceExact(local) ? (int) levelValues.longValue() : 0;
      if (!counts.isEmpty() && idValues.advanceExact(local)) {
        String id = idValues.lookupOrd(idValues.ordValue()).utf8ToString();
        productReads[i] = counts.getOrDefault(ProductId.of(id), 0L);
        most = Math.max(most, productReads[i]);
      }
    }
    for (int i = 0; i < n; i++) {
      double relevance = best > 0 ? hits[i].score / best : 0;
      if (semantic != null) {
        relevance = (1 - this.semantic.weight()) * relevance + this.semantic.weight() * semantic[i];
      }
      double rank =
          weights.relevance() * relevance
              + weights.score() * Math.max(0, scores[i]) / 100.0
              + weights.certification() * levels[i] / 3.0
              + (most > 0
                  ? weights.consumption() * Math.log1p(productReads[i]) / Math.log1p(most)
                  : 0);
      ranked.add(new Ranked(hits[i].doc, hits[i].score, rank));
    }
    ranked.sort(Comparator.comparingDouble(Ranked::rank).reversed());
    for (int i = n; i < hits.length; i++) {
      ranked.add(new Ranked(hits[i].doc, hits[i].score, 0));
    }
    return ranked;
  }

  private Map<ProductId, Long> reads() {
    Instant now = clock.instant();
    if (Duration.between(readsAt, now).compareTo(READS_TTL) > 0) {
      reads = Map.copyOf(sources.reads());
      readsAt = now;
    }
    return reads;
  }

  private SearchResult.ProductHit productHit(
      StoredFields stored, Ranked ranked, Highlighter highlighter) throws IOException {
    Document doc = stored.document(ranked.doc());
    List<Highlighted> columns = new ArrayList<>();
    for (String column : doc.getValues("column")) {
      int tab = column.indexOf('\t');
      String name = column.substring(0, tab);
      String description = column.substring(tab + 1);
      Highlighted marked =
          highlighter.mark(description.isEmpty() ? name : name + " — " + description);
      if (marked.hasHit()) {
        columns.add(marked);
        if (columns.size() == 3) {
          break;
        }
      }
    }
    int score = doc.getField("score").numericValue().intValue();
    return new SearchResult.ProductHit(
        ProductId.of(doc.get("id")),
        doc.get("entity"),
        doc.get("domain"),
        doc.get("classification"),
        List.of(doc.getValues("tag")),
        score < 0 ? OptionalInt.empty() : OptionalInt.of(score),
        doc.get("certification"),
        ranked.rank(),
        ranked.relevance(),
        highlighter.mark(doc.get("title")),
        highlighter.snippet(doc.get("description")),
        columns);
  }

  private static Map<SearchFacet, List<SearchResult.FacetCount>> facets(
      Map<SearchFacet, Map<String, Long>> counts, Map<SearchFacet, String> chosen) {
    Map<SearchFacet, List<SearchResult.FacetCount>> facets = new EnumMap<>(SearchFacet.class);
    for (SearchFacet facet : SearchFacet.values()) {
      Map<String, Long> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      values.putAll(counts.get(facet));
      List<SearchResult.FacetCount> list = new ArrayList<>();
      for (Map.Entry<String, Long> entry : values.entrySet()) {
        list.add(new SearchResult.FacetCount(entry.getKey(), entry.getValue()));
      }
      if (list.size() > FACET_VALUES) {
        List<SearchResult.FacetCount> top =
            new ArrayList<>(
                list.stream()
                    .sorted(Comparator.comparingLong(SearchResult.FacetCount::count).reversed())
                    .limit(FACET_VALUES)
                    .toList());
        String value = chosen.get(facet);
        if (value != null && top.stream().noneMatch(c -> c.value().equals(chosen.get(facet)))) {
          top.add(new SearchResult.FacetCount(value, values.getOrDefault(value, 0L)));
        }
        top.sort(
            Comparator.comparing(SearchResult.FacetCount::value, String.CASE_INSENSITIVE_ORDER));
        list = top;
      }
      facets.put(facet, List.copyOf(list));
    }
    return facets;
  }

  private static ComptoirException failure(IOException e) {
    return new ComptoirException(ErrorCode.INTERNAL, "search index failure: " + e, e);
  }

  @Override
  public synchronized void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw failure(e);
    }
  }
}
