package io.comptoir.demo;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.glossary.GlossaryFacts;
import io.comptoir.glossary.GlossaryFacts.TermStatus;
import io.comptoir.glossary.GlossaryService;
import io.comptoir.glossary.GlossaryService.TermInput;
import io.comptoir.identity.Principal;
import io.comptoir.identity.Role;
import io.comptoir.identity.Username;
import io.comptoir.score.StandingFacts.CertificationLevel;
import io.comptoir.score.StandingService;
import io.comptoir.score.StandingService.ManualAnswer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's business glossary (approved, draft and deprecated terms linked to columns) and its
 * certified products, written by the demo's steward and data office. Idempotent: existing terms
 * keep their status, and a product certified already is not certified again.
 */
public final class DemoStanding {
  private static final Logger log = LoggerFactory.getLogger(DemoStanding.class);

  /** Who writes the terms: the demo's data steward. */
  static final Principal STEWARD =
      new Principal(
          Username.of("sophie.steward"), "BSCC", Set.of(Role.DATA_STEWARD), Optional.empty());

  /** Who approves terms and certifies products: the demo's data office. */
  static final Principal DATA_OFFICE =
      new Principal(
          Username.of("dora.dataoffice"), "BSCC", Set.of(Role.DATA_OFFICE), Optional.empty());

  /** The demo steward may change any demo product's links: an admin principal does it. */
  static final Principal ADMIN =
      new Principal(Username.of("alice.admin"), "BSCC", Set.of(Role.ADMIN), Optional.empty());

  private DemoStanding() {}

  /** A term of the demo glossary and the columns that use it. */
  record DemoTerm(
      String id,
      String name,
      String definition,
      List<String> synonyms,
      List<String> related,
      TermStatus status,
      Map<ProductId, List<String>> columns) {}

  /** A certification the demo grants. */
  record DemoCertification(ProductId product, CertificationLevel level) {}

  static final List<DemoTerm> TERMS =
      List.of(
          new DemoTerm(
              "code-postal",
              "Code postal",
              "Code à cinq chiffres de La Poste qui désigne le bureau distributeur d'une ou de"
                  + " plusieurs communes.",
              List.of("CP", "postcode", "code postal de distribution"),
              List.of(),
              TermStatus.APPROVED,
              Map.of(
                  DemoCatalog.POSTAL_CODES, List.of("code_postal"),
                  DemoCatalog.CUSTOMERS, List.of("code_postal"),
                  DemoCatalog.PARCELS, List.of("code_postal_origine", "code_postal_destination"),
                  DemoCatalog.TRACKING_EVENTS, List.of("code_postal_site"),
                  DemoCatalog.POST_OFFICES, List.of("code_postal"))),
          new DemoTerm(
              "code-commune-insee",
              "Code commune Insee",
              "Code officiel géographique à cinq caractères attribué par l'Insee à chaque commune.",
              List.of("COG", "code Insee"),
              List.of("code-postal", "commune"),
              TermStatus.APPROVED,
              Map.of(
                  DemoCatalog.POSTAL_CODES, List.of("code_commune_insee"),
                  DemoCatalog.POST_OFFICES, List.of("code_commune_insee"))),
          new DemoTerm(
              "commune",
              "Commune",
              "Plus petite subdivision administrative française, désignée par son nom officiel.",
              List.of("ville", "localité"),
              List.of(),
              TermStatus.APPROVED,
              Map.of(
                  DemoCatalog.POSTAL_CODES, List.of("nom_commune"),
                  DemoCatalog.CUSTOMERS, List.of("commune"),
                  DemoCatalog.PARCELS, List.of("commune_origine", "commune_destination"),
                  DemoCatalog.POST_OFFICES, List.of("commune"))),
          new DemoTerm(
              "colis",
              "Colis",
              "Envoi de marchandises pris en charge par La Poste, suivi de son dépôt à sa"
                  + " livraison.",
              List.of("paquet", "parcel", "Colissimo"),
              List.of(),
              TermStatus.APPROVED,
              Map.of()),
          new DemoTerm(
              "poids-taxe",
              "Poids taxé",
              "Poids d'un envoi retenu pour son tarif, en kilogrammes : le poids réel, ou le"
                  + " poids volumétrique quand il est plus grand.",
              List.of("poids", "weight", "chargeable weight"),
              List.of("colis"),
              TermStatus.APPROVED,
              Map.of(DemoCatalog.PARCELS, List.of("poids_kg"))),
          new DemoTerm(
              "numero-de-suivi",
              "Numéro de suivi",
              "Identifiant unique d'un colis, imprimé sur son étiquette, qui permet d'en suivre"
                  + " l'acheminement.",
              List.of("tracking number", "numéro de colis"),
              List.of("colis"),
              TermStatus.APPROVED,
              Map.of(
                  DemoCatalog.PARCELS, List.of("numero_suivi"),
                  DemoCatalog.TRACKING_EVENTS, List.of("numero_suivi"),
                  DemoCatalog.COMPLAINTS, List.of("numero_suivi"))),
          new DemoTerm(
              "iban",
              "IBAN",
              "Identifiant international d'un compte bancaire (norme ISO 13616) : code pays, clé"
                  + " de contrôle et numéro de compte national.",
              List.of("International Bank Account Number", "RIB"),
              List.of(),
              TermStatus.APPROVED,
              Map.of(
                  DemoCatalog.BANK_ACCOUNTS, List.of("iban"),
                  DemoCatalog.BANK_TRANSACTIONS, List.of("iban"))),
          new DemoTerm(
              "identifiant-client",
              "Identifiant client",
              "Numéro unique d'un client particulier dans le référentiel clients du groupe.",
              List.of("numéro client", "client id"),
              List.of(),
              TermStatus.APPROVED,
              Map.of(
                  DemoCatalog.CUSTOMERS, List.of("client_id"),
                  DemoCatalog.PARCELS, List.of("client_id"),
                  DemoCatalog.BANK_ACCOUNTS, List.of("client_id"),
                  DemoCatalog.INSURANCE_CONTRACTS, List.of("client_id"),
                  DemoCatalog.COMPLAINTS, List.of("client_id"),
                  DemoCatalog.DIGITAL_IDENTITIES, List.of("client_id"))),
          new DemoTerm(
              "libelle-acheminement",
              "Libellé d'acheminement",
              "Nom en majuscules sous lequel le courrier d'une commune est acheminé.",
              List.of(),
              List.of("code-postal"),
              TermStatus.DRAFT,
              Map.of(DemoCatalog.POSTAL_CODES, List.of("libelle_acheminement"))),
          new DemoTerm(
              "segment-marketing",
              "Segment marketing",
              "Groupe de clients partageant un profil de consommation, défini par le marketing.",
              List.of("segment"),
              List.of(),
              TermStatus.DRAFT,
              Map.of(DemoCatalog.CUSTOMERS, List.of("segment"))),
          new DemoTerm(
              "code-guichet",
              "Code guichet",
              "Ancien identifiant à cinq chiffres de l'agence tenant un compte, remplacé par le BIC"
                  + " et l'IBAN.",
              List.of(),
              List.of("iban"),
              TermStatus.DEPRECATED,
              Map.of(DemoCatalog.BANK_ACCOUNTS, List.of("code_guichet"))));

  static final List<DemoCertification> CERTIFICATIONS =
      List.of(
          new DemoCertification(DemoCatalog.POSTAL_CODES, CertificationLevel.GOLD),
          new DemoCertification(DemoCatalog.POST_OFFICES, CertificationLevel.SILVER),
          // not the parcels: the README's walkthrough requests them, and certified products also
          // need the data office's approval
          new DemoCertification(DemoCatalog.MAIL_VOLUMES, CertificationLevel.BRONZE));

  /**
   * The demo glossary as the search and the data score see it once {@link #load} wrote it: every
   * term with its status, and the columns linked to each.
   */
  public static GlossaryFacts glossary() {
    List<GlossaryFacts.TermSummary> terms =
        TERMS.stream()
            .map(
                t ->
                    new GlossaryFacts.TermSummary(
                        t.id(), t.name(), t.definition(), t.synonyms(), t.status()))
            .toList();
    Map<ProductId, Map<String, List<String>>> links = new LinkedHashMap<>();
    for (DemoTerm term : TERMS) {
      term.columns()
          .forEach(
              (product, columns) ->
                  columns.forEach(
                      column ->
                          links
                              .computeIfAbsent(product, p -> new LinkedHashMap<>())
                              .computeIfAbsent(column, c -> new java.util.ArrayList<>())
                              .add(term.id())));
    }
    return new GlossaryFacts() {
      @Override
      public List<GlossaryFacts.TermSummary> terms() {
        return terms;
      }

      @Override
      public Map<String, List<String>> columnTerms(ProductId product) {
        return links.getOrDefault(product, Map.of());
      }
    };
  }

  /** What was written. */
  public record Result(int termsCreated, int certified) {}

  /** Writes the glossary, its links and the certifications; run after the demo catalog. */
  public static Result load(
      GlossaryService glossary, StandingService standing, java.time.Clock clock) {
    requireNonNull(glossary, "glossary is null");
    requireNonNull(standing, "standing is null");
    // terms first, without relations (a related term must exist), then relations and statuses
    List<DemoTerm> missing = TERMS.stream().filter(t -> glossary.find(t.id()).isEmpty()).toList();
    for (DemoTerm term : missing) {
      glossary.create(
          STEWARD,
          Optional.of(term.id()),
          new TermInput(term.name(), term.definition(), term.synonyms(), "", List.of()));
    }
    for (DemoTerm term : missing) {
      if (!term.related().isEmpty()) {
        glossary.update(
            STEWARD,
            term.id(),
            new TermInput(term.name(), term.definition(), term.synonyms(), "", term.related()));
      }
      if (term.status() != TermStatus.DRAFT) {
        glossary.setStatus(DATA_OFFICE, term.id(), term.status(), "démonstration");
      }
    }
    int created = missing.size();
    Map<ProductId, Map<String, List<String>>> links = new LinkedHashMap<>();
    for (DemoTerm term : TERMS) {
      term.columns()
          .forEach(
              (product, columns) ->
                  columns.forEach(
                      column ->
                          links
                              .computeIfAbsent(product, p -> new LinkedHashMap<>())
                              .computeIfAbsent(column, c -> new java.util.ArrayList<>())
                              .add(term.id())));
    }
    links.forEach(
        (product, columns) ->
            columns.forEach(
                (column, terms) -> {
                  if (!glossary
                      .columnTerms(product)
                      .getOrDefault(column, List.of())
                      .equals(terms)) {
                    glossary.linkColumn(ADMIN, product, column, terms);
                  }
                }));
    int certified = 0;
    LocalDate expiry =
        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
            .plusMonths(Math.max(1, standing.policy().maxMonths() - 1));
    Map<String, ManualAnswer> answers = new LinkedHashMap<>();
    standing.policy().checklist().stream()
        .filter(item -> !item.computed())
        .forEach(
            item ->
                answers.put(item.id(), new ManualAnswer(true, "vérifié pour la démonstration")));
    for (DemoCertification certification : CERTIFICATIONS) {
      if (standing.inForce(certification.product()).isPresent()) {
        continue;
      }
      try {
        standing.grant(
            DATA_OFFICE, certification.product(), certification.level(), answers, expiry);
        certified++;
      } catch (ComptoirException e) {
        // the configuration may ask for more than the demo product offers: say so, go on
        log.warn(
            "demo certification of {} not granted: {}", certification.product(), e.getMessage());
      }
    }
    return new Result(created, certified);
  }
}
