package io.comptoir.demo;

import static io.comptoir.catalog.PersonalDataCategory.IDENTIFIER;
import static io.comptoir.catalog.PersonalDataCategory.NONE;
import static io.comptoir.catalog.PersonalDataCategory.QUASI_IDENTIFIER;
import static io.comptoir.catalog.PersonalDataCategory.SENSITIVE;
import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.Classification;
import io.comptoir.catalog.Column;
import io.comptoir.catalog.DataProduct;
import io.comptoir.catalog.DataType;
import io.comptoir.catalog.Domain;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.catalog.PersonalDataCategory;
import io.comptoir.catalog.ProductId;
import io.comptoir.common.NotFoundException;
import java.time.Instant;
import java.util.List;

/**
 * The demo catalog: the group's legal entities, its data domains and eleven documented data
 * products. Every column has a French description, a type and a personal-data category. The data of
 * {@link #POSTAL_CODES} is real (La Poste open data); everything else is fictitious and made by
 * {@link DemoFiles}.
 *
 * <table>
 *   <caption>Demo products</caption>
 *   <tr><th>id</th><th>entity</th><th>what it is</th></tr>
 *   <tr><td>codes-postaux</td><td>BSCC</td><td>real La Poste postcodes, 39,192 rows</td></tr>
 *   <tr><td>clients-particuliers</td><td>BGPN</td><td>customers with personal data</td></tr>
 *   <tr><td>colis-expedies</td><td>BSCC</td><td>200,000 parcels</td></tr>
 *   <tr><td>suivi-colis-evenements</td><td>BSCC</td><td>~1.1 M tracking events</td></tr>
 *   <tr><td>bureaux-de-poste</td><td>BGPN</td><td>post offices and partner outlets</td></tr>
 *   <tr><td>volumes-courrier-quotidiens</td><td>BSCC</td><td>daily mail volumes per office</td></tr>
 *   <tr><td>comptes-bancaires</td><td>LBP</td><td>bank accounts (IBAN)</td></tr>
 *   <tr><td>transactions-bancaires</td><td>LBP</td><td>bank account transactions</td></tr>
 *   <tr><td>contrats-assurance-emprunteur</td><td>CNP</td><td>borrower insurance contracts</td></tr>
 *   <tr><td>reclamations-clients</td><td>BGPN</td><td>customer complaints, free text</td></tr>
 *   <tr><td>comptes-identite-numerique</td><td>NUM</td><td>digital identity accounts</td></tr>
 * </table>
 */
public final class DemoCatalog {
  public static final ProductId POSTAL_CODES = ProductId.of("codes-postaux");
  public static final ProductId CUSTOMERS = ProductId.of("clients-particuliers");
  public static final ProductId PARCELS = ProductId.of("colis-expedies");
  public static final ProductId TRACKING_EVENTS = ProductId.of("suivi-colis-evenements");
  public static final ProductId POST_OFFICES = ProductId.of("bureaux-de-poste");
  public static final ProductId MAIL_VOLUMES = ProductId.of("volumes-courrier-quotidiens");
  public static final ProductId BANK_ACCOUNTS = ProductId.of("comptes-bancaires");
  public static final ProductId BANK_TRANSACTIONS = ProductId.of("transactions-bancaires");
  public static final ProductId INSURANCE_CONTRACTS = ProductId.of("contrats-assurance-emprunteur");
  public static final ProductId COMPLAINTS = ProductId.of("reclamations-clients");
  public static final ProductId DIGITAL_IDENTITIES = ProductId.of("comptes-identite-numerique");

  /** The pattern of the French dates some demo files use, declared on their columns. */
  static final String FRENCH_DATE = "dd/MM/yyyy";

  private DemoCatalog() {}

  /** The legal entities of the group. */
  public static List<LegalEntity> entities() {
    return List.of(
        new LegalEntity(
            "BSCC",
            "Branche Services-Courrier-Colis",
            "Collecte, tri, acheminement et distribution du courrier et des colis (Colissimo),"
                + " services de proximité rendus par les facteurs."),
        new LegalEntity(
            "BGPN",
            "Branche Grand Public et Numérique",
            "Réseau des bureaux de poste et des points de contact partenaires, relation avec les"
                + " clients particuliers, service client et canaux numériques grand public."),
        new LegalEntity(
            "LBP",
            "La Banque Postale",
            "Banque de détail du groupe : comptes, épargne réglementée, moyens de paiement et"
                + " crédit. Soumise au secret bancaire."),
        new LegalEntity(
            "CNP",
            "CNP Assurances",
            "Assureur de personnes du groupe : assurance emprunteur, prévoyance et assurance vie."),
        new LegalEntity(
            "NUM",
            "Pôle Numérique",
            "Services numériques de confiance du groupe : identité numérique, coffre-fort"
                + " électronique, signature et échanges dématérialisés."));
  }

  /** The data domains the products are organised in. */
  public static List<Domain> domains() {
    return List.of(
        new Domain(
            "colis",
            "Colis",
            "Expédition, acheminement et suivi des colis, de la prise en charge à la livraison."),
        new Domain(
            "courrier",
            "Courrier",
            "Trafic du courrier : dépôts, tri et distribution des lettres et imprimés."),
        new Domain(
            "clients",
            "Clients",
            "Connaissance client : identité, contacts, consentements, réclamations et comptes en"
                + " ligne."),
        new Domain(
            "reseau",
            "Réseau",
            "Points de contact du groupe : bureaux de poste, agences postales communales, relais"
                + " commerçants, automates."),
        new Domain(
            "banque", "Banque", "Comptes, opérations et produits bancaires de La Banque Postale."),
        new Domain(
            "assurance", "Assurance", "Contrats d'assurance de personnes, primes et garanties."),
        new Domain(
            "referentiels",
            "Référentiels",
            "Données de référence partagées par tout le groupe : géographie, codes postaux,"
                + " nomenclatures."));
  }

  /** Ids of the demo products, in load order (the reference data first). */
  public static List<ProductId> productIds() {
    return List.of(
        POSTAL_CODES,
        CUSTOMERS,
        POST_OFFICES,
        MAIL_VOLUMES,
        PARCELS,
        TRACKING_EVENTS,
        BANK_ACCOUNTS,
        BANK_TRANSACTIONS,
        INSURANCE_CONTRACTS,
        COMPLAINTS,
        DIGITAL_IDENTITIES);
  }

  /** The demo products, in {@link #productIds()} order, stamped with the given creation time. */
  public static List<DataProduct> products(Instant now) {
    requireNonNull(now, "now is null");
    return productIds().stream().map(id -> product(id, now)).toList();
  }

  /**
   * One demo product.
   *
   * @throws NotFoundException when the id is not a demo product
   */
  public static DataProduct product(ProductId id, Instant now) {
    requireNonNull(id, "id is null");
    requireNonNull(now, "now is null");
    return switch (id.value()) {
      case "codes-postaux" -> postalCodes(now);
      case "clients-particuliers" -> customers(now);
      case "colis-expedies" -> parcels(now);
      case "suivi-colis-evenements" -> trackingEvents(now);
      case "bureaux-de-poste" -> postOffices(now);
      case "volumes-courrier-quotidiens" -> mailVolumes(now);
      case "comptes-bancaires" -> bankAccounts(now);
      case "transactions-bancaires" -> bankTransactions(now);
      case "contrats-assurance-emprunteur" -> insuranceContracts(now);
      case "reclamations-clients" -> complaints(now);
      case "comptes-identite-numerique" -> digitalIdentities(now);
      default -> throw new NotFoundException("demo product", id);
    };
  }

  /** The declared column names of a demo product, in file order. */
  static List<String> columnNames(ProductId id) {
    return product(id, Instant.EPOCH).columns().stream().map(Column::name).toList();
  }

  private static DataProduct postalCodes(Instant now) {
    return new DataProduct(
        POSTAL_CODES,
        "Base officielle des codes postaux",
        "Correspondance entre les codes postaux et les communes (code Insee), avec le libellé"
            + " d'acheminement, la ligne 5 d'adresse et les coordonnées GPS de la commune."
            + " Données réelles publiées par La Poste en open data (Licence Ouverte Etalab),"
            + " recopiées telles quelles ; les coordonnées « lat,lon » sont séparées en deux"
            + " colonnes. Référentiel de base pour contrôler et enrichir les adresses.",
        "BSCC",
        "referentiels",
        "olivier.proprietaire",
        "sophie.steward",
        "La Poste — Base officielle des codes postaux (datanova.laposte.fr)",
        Classification.PUBLIC,
        List.of("open-data", "referentiel", "adresse", "geographie"),
        List.of(
            text(
                "code_commune_insee",
                "Code officiel géographique de la commune attribué par l'Insee, sur 5 caractères"
                    + " (2A et 2B pour la Corse) ; en texte pour garder les zéros initiaux.",
                NONE),
            text("nom_commune", "Nom de la commune en majuscules, sans accents.", NONE),
            text(
                "code_postal",
                "Code postal à 5 chiffres, en texte : 01000 garde son zéro initial. Une commune"
                    + " peut avoir plusieurs codes postaux et inversement.",
                NONE),
            text(
                "ligne_5",
                "Mention facultative de la ligne 5 de l'adresse (lieu-dit, commune déléguée) ;"
                    + " vide le plus souvent.",
                NONE),
            text(
                "libelle_acheminement",
                "Libellé d'acheminement à écrire sur la dernière ligne de l'adresse, après le"
                    + " code postal.",
                NONE),
            column(
                "latitude",
                DataType.DOUBLE,
                "Latitude WGS84 du centre de la commune en degrés décimaux, tirée du champ"
                    + " coordonnees_gps ; vide quand La Poste ne la publie pas.",
                NONE),
            column(
                "longitude",
                DataType.DOUBLE,
                "Longitude WGS84 du centre de la commune en degrés décimaux, tirée du champ"
                    + " coordonnees_gps ; vide quand La Poste ne la publie pas.",
                NONE)),
        now,
        now);
  }

  private static DataProduct customers(Instant now) {
    return new DataProduct(
        CUSTOMERS,
        "Clients particuliers",
        "Référentiel des clients particuliers de La Poste : identité, coordonnées, date de"
            + " naissance, segment marketing et consentement à la prospection. Données"
            + " personnelles : toute lecture passe par un contrat validé par le DPO. Extrait"
            + " quotidien du RCU, encodé en Windows-1252 avec des dates au format jj/mm/aaaa.",
        "BGPN",
        "clients",
        "marie.dupont",
        "thomas.leroy",
        "RCU — Référentiel Client Unique",
        Classification.RESTRICTED,
        List.of("donnees-personnelles", "rgpd", "client", "crm"),
        List.of(
            text(
                "client_id",
                "Identifiant client unique attribué par le RCU, de la forme C0000001 ; clé de"
                    + " jointure avec les colis, comptes, contrats et réclamations.",
                IDENTIFIER),
            text("civilite", "Civilité déclarée par le client : M. ou Mme.", QUASI_IDENTIFIER),
            text("prenom", "Prénom du client.", IDENTIFIER),
            text("nom", "Nom de famille du client.", IDENTIFIER),
            text("email", "Adresse électronique de contact.", IDENTIFIER),
            text(
                "telephone",
                "Numéro de téléphone mobile au format national (06 12 34 56 78).",
                IDENTIFIER),
            text("adresse", "Numéro et libellé de la voie du domicile.", IDENTIFIER),
            text(
                "code_postal",
                "Code postal du domicile (5 chiffres, en texte), issu de la base officielle des"
                    + " codes postaux.",
                QUASI_IDENTIFIER),
            text("commune", "Libellé d'acheminement de la commune du domicile.", QUASI_IDENTIFIER),
            frenchDate(
                "date_naissance",
                "Date de naissance du client, au format jj/mm/aaaa dans le fichier source.",
                QUASI_IDENTIFIER),
            frenchDate(
                "date_inscription",
                "Date de création de la fiche client, au format jj/mm/aaaa dans le fichier source.",
                NONE),
            text(
                "segment",
                "Segment marketing : Étudiant, Jeune actif, Famille, Senior, Indépendant.",
                NONE),
            text(
                "canal_acquisition",
                "Canal par lequel le client est arrivé : bureau de poste, laposte.fr,"
                    + " application mobile, facteur.",
                NONE),
            column(
                "consentement_marketing",
                DataType.BOOLEAN,
                "Vrai si le client a accepté de recevoir des offres commerciales (opt-in).",
                NONE)),
        now,
        now);
  }

  private static DataProduct parcels(Instant now) {
    return new DataProduct(
        PARCELS,
        "Colis expédiés",
        "Un enregistrement par colis Colissimo déposé au premier semestre 2025 : service,"
            + " poids, valeur déclarée, codes postaux d'origine et de destination (réels),"
            + " dates de dépôt et de livraison prévue, statut final. Les événements de suivi de"
            + " chaque colis sont dans suivi-colis-evenements.",
        "BSCC",
        "colis",
        "olivier.proprietaire",
        "sophie.steward",
        "Colissimo — SI Expédition",
        Classification.CONFIDENTIAL,
        List.of("colissimo", "logistique", "expedition"),
        List.of(
            text(
                "numero_suivi",
                "Numéro de suivi Colissimo à 13 caractères (6A et 11 chiffres), communiqué à"
                    + " l'expéditeur et au destinataire.",
                QUASI_IDENTIFIER),
            text("type_expediteur", "PARTICULIER ou PROFESSIONNEL.", NONE),
            text(
                "client_id",
                "Identifiant RCU de l'expéditeur particulier ; vide pour un professionnel.",
                IDENTIFIER),
            text(
                "service",
                "Offre utilisée : Colissimo Domicile avec ou sans signature, Point Retrait,"
                    + " Outre-Mer, International, Chronopost 13.",
                NONE),
            column("poids_kg", DataType.DOUBLE, "Poids taxé du colis en kilogrammes.", NONE),
            column(
                "valeur_declaree_eur",
                DataType.decimal(10, 2),
                "Valeur déclarée du contenu en euros, base de l'indemnisation en cas de perte.",
                NONE),
            text("code_postal_origine", "Code postal du site de dépôt du colis.", NONE),
            text("commune_origine", "Libellé d'acheminement du site de dépôt.", NONE),
            text(
                "code_postal_destination",
                "Code postal de l'adresse de livraison.",
                QUASI_IDENTIFIER),
            text(
                "commune_destination",
                "Libellé d'acheminement de l'adresse de livraison.",
                QUASI_IDENTIFIER),
            date("date_depot", "Date de prise en charge du colis.", NONE),
            date("date_livraison_prevue", "Date de livraison annoncée au destinataire.", NONE),
            column(
                "signature_requise",
                DataType.BOOLEAN,
                "Vrai si la remise se fait contre signature.",
                NONE),
            column(
                "nombre_evenements",
                DataType.INTEGER,
                "Nombre d'événements de suivi du colis (4 à 7).",
                NONE),
            text(
                "statut",
                "Dernier événement connu : LIVRE, LIVRE_POINT_RETRAIT, AVISE_EN_BUREAU ou"
                    + " RETOUR_EXPEDITEUR.",
                NONE)),
        now,
        now);
  }

  private static DataProduct trackingEvents(Instant now) {
    return new DataProduct(
        TRACKING_EVENTS,
        "Événements de suivi des colis",
        "Tous les événements de suivi des colis expédiés (dépôt, prise en charge, tris en"
            + " plateforme, mise en livraison, livraison ou avis de passage), horodatés. Plus"
            + " d'un million de lignes livrées en Parquet : c'est le produit volumineux de la"
            + " démonstration.",
        "BSCC",
        "colis",
        "olivier.proprietaire",
        "sophie.steward",
        "Colissimo — plateforme de suivi",
        Classification.INTERNAL,
        List.of("colissimo", "suivi", "evenements", "volumineux"),
        List.of(
            text(
                "numero_suivi",
                "Numéro de suivi du colis, clé de jointure avec colis-expedies.",
                QUASI_IDENTIFIER),
            column(
                "rang_evenement",
                DataType.INTEGER,
                "Rang de l'événement dans la vie du colis, à partir de 1.",
                NONE),
            column(
                "horodatage",
                DataType.TIMESTAMP,
                "Date et heure locales de l'événement (heure de Paris).",
                NONE),
            text(
                "code_evenement",
                "Code de l'événement : DEPOT, PRISE_EN_CHARGE, TRI_PLATEFORME,"
                    + " EN_COURS_DE_LIVRAISON, LIVRE, LIVRE_POINT_RETRAIT, AVISE_EN_BUREAU,"
                    + " RETOUR_EXPEDITEUR.",
                NONE),
            text(
                "libelle_evenement", "Libellé de l'événement tel qu'affiché sur laposte.fr.", NONE),
            text(
                "type_site",
                "Type de site où l'événement a lieu : BUREAU_DE_POSTE, PLATEFORME_COLIS,"
                    + " SITE_DE_DISTRIBUTION.",
                NONE),
            text(
                "code_postal_site",
                "Code postal du site ; pour la livraison, c'est celui du destinataire.",
                QUASI_IDENTIFIER)),
        now,
        now);
  }

  private static DataProduct postOffices(Instant now) {
    return new DataProduct(
        POST_OFFICES,
        "Bureaux de poste et points de contact",
        "Les points de contact du réseau : bureaux de poste, agences postales communales et"
            + " relais poste commerçants, avec leur adresse, leurs coordonnées GPS (celles de la"
            + " commune, légèrement décalées), leurs équipements et leurs horaires. Livré en JSON"
            + " lines.",
        "BGPN",
        "reseau",
        "isabelle.fournier",
        "antoine.girard",
        "Référentiel des points de contact",
        Classification.PUBLIC,
        List.of("reseau", "points-de-contact", "open-data", "geographie"),
        List.of(
            text("code_site", "Identifiant du point de contact, sur 6 chiffres.", NONE),
            text("libelle_site", "Nom du point de contact tel qu'affiché en façade.", NONE),
            text(
                "type_point",
                "BUREAU_DE_POSTE, AGENCE_POSTALE_COMMUNALE ou RELAIS_POSTE_COMMERCANT.",
                NONE),
            text("adresse", "Numéro et libellé de la voie.", NONE),
            text("code_postal", "Code postal du point de contact.", NONE),
            text("commune", "Libellé d'acheminement de la commune.", NONE),
            text("code_commune_insee", "Code Insee de la commune.", NONE),
            column("latitude", DataType.DOUBLE, "Latitude WGS84 en degrés décimaux.", NONE),
            column("longitude", DataType.DOUBLE, "Longitude WGS84 en degrés décimaux.", NONE),
            column(
                "nombre_guichets", DataType.INTEGER, "Nombre de guichets ouverts au public.", NONE),
            column(
                "automate_affranchissement",
                DataType.BOOLEAN,
                "Vrai si un automate d'affranchissement libre-service est installé.",
                NONE),
            column(
                "distributeur_billets",
                DataType.BOOLEAN,
                "Vrai si un distributeur automatique de billets est accessible.",
                NONE),
            column(
                "accessible_pmr",
                DataType.BOOLEAN,
                "Vrai si le site est accessible aux personnes à mobilité réduite.",
                NONE),
            text("horaires", "Horaires d'ouverture de la semaine, en texte.", NONE),
            date("date_ouverture", "Date d'ouverture du point de contact.", NONE)),
        now,
        now);
  }

  private static DataProduct mailVolumes(Instant now) {
    return new DataProduct(
        MAIL_VOLUMES,
        "Volumes de courrier quotidiens par bureau",
        "Trafic quotidien de 2024, du lundi au samedi hors jours fériés, de 100 bureaux de poste :"
            + " objets"
            + " déposés par catégorie, objets distribués et qualité de service. Fichier"
            + " tabulé (TSV) produit chaque nuit par les mesures de trafic.",
        "BSCC",
        "courrier",
        "olivier.proprietaire",
        "sophie.steward",
        "Mesures de trafic courrier",
        Classification.INTERNAL,
        List.of("courrier", "trafic", "pilotage", "series-temporelles"),
        List.of(
            date("date_jour", "Jour de mesure.", NONE),
            text("code_site", "Bureau de poste mesuré (code_site de bureaux-de-poste).", NONE),
            count("lettres_vertes", "Lettres vertes (J+3) déposées."),
            count("lettres_services_plus", "Lettres services plus (suivies, J+2) déposées."),
            count("lettres_recommandees", "Lettres recommandées déposées."),
            count("imprimes_publicitaires", "Imprimés publicitaires déposés."),
            count("colis_deposes", "Colis déposés au guichet."),
            count("objets_distribues", "Objets distribués par les tournées rattachées au site."),
            column(
                "taux_distribution_delai",
                DataType.DOUBLE,
                "Part des lettres vertes distribuées dans le délai annoncé, entre 0 et 1.",
                NONE)),
        now,
        now);
  }

  private static DataProduct bankAccounts(Instant now) {
    return new DataProduct(
        BANK_ACCOUNTS,
        "Comptes bancaires",
        "Comptes des clients particuliers de La Banque Postale : IBAN, type de compte, date"
            + " d'ouverture, solde de fin de journée et découvert autorisé. Secret bancaire :"
            + " aucune sortie de l'entité sans accord juridique. Extrait CSV au format français"
            + " (séparateur point-virgule, virgule décimale).",
        "LBP",
        "banque",
        "laurent.garnier",
        "elodie.faure",
        "Core banking La Banque Postale",
        Classification.RESTRICTED,
        List.of("banque", "comptes", "rgpd", "secret-bancaire"),
        List.of(
            text(
                "iban",
                "IBAN français du compte (FR76 20041...), identifiant direct du titulaire.",
                IDENTIFIER),
            text("bic", "Code BIC de La Banque Postale.", NONE),
            text("client_id", "Identifiant RCU du titulaire.", IDENTIFIER),
            text("type_compte", "COMPTE_COURANT, LIVRET_A, LDDS, LEP ou PEL.", NONE),
            date("date_ouverture", "Date d'ouverture du compte.", NONE),
            column(
                "solde_eur",
                DataType.decimal(14, 2),
                "Solde de fin de journée en euros, négatif en cas de découvert.",
                NONE),
            column(
                "decouvert_autorise_eur",
                DataType.decimal(10, 2),
                "Montant du découvert autorisé en euros (0 pour un livret).",
                NONE),
            text("statut", "OUVERT, BLOQUE ou CLOTURE.", NONE),
            text("code_guichet", "Code guichet (5 chiffres) du centre financier teneur.", NONE)),
        now,
        now);
  }

  private static DataProduct bankTransactions(Instant now) {
    return new DataProduct(
        BANK_TRANSACTIONS,
        "Opérations bancaires",
        "Opérations des comptes courants en 2024 : paiements par carte, prélèvements,"
            + " virements, retraits et dépôts, avec libellé, montant signé et catégorie."
            + " Extrait CSV au format français : point-virgule, virgule décimale, dates"
            + " jj/mm/aaaa.",
        "LBP",
        "banque",
        "laurent.garnier",
        "elodie.faure",
        "Core banking La Banque Postale",
        Classification.RESTRICTED,
        List.of("banque", "operations", "paiements", "secret-bancaire"),
        List.of(
            text("identifiant_operation", "Identifiant unique de l'opération.", NONE),
            text("iban", "IBAN du compte mouvementé.", IDENTIFIER),
            frenchDate(
                "date_operation",
                "Date de l'opération, au format jj/mm/aaaa dans le fichier source.",
                NONE),
            frenchDate(
                "date_valeur",
                "Date de valeur, au format jj/mm/aaaa dans le fichier source.",
                NONE),
            text(
                "libelle",
                "Libellé bancaire de l'opération ; celui d'un virement contient le nom de la"
                    + " personne émettrice ou bénéficiaire.",
                IDENTIFIER),
            column(
                "montant_eur",
                DataType.decimal(12, 2),
                "Montant en euros, négatif pour un débit, écrit avec une virgule décimale.",
                NONE),
            text("sens", "DEBIT ou CREDIT.", NONE),
            text("moyen_paiement", "CARTE, PRELEVEMENT, VIREMENT, RETRAIT, CHEQUE ou DEPOT.", NONE),
            text("categorie", "Catégorie de dépense ou de revenu attribuée par la banque.", NONE)),
        now,
        now);
  }

  private static DataProduct insuranceContracts(Instant now) {
    return new DataProduct(
        INSURANCE_CONTRACTS,
        "Contrats d'assurance emprunteur",
        "Contrats d'assurance emprunteur et de prévoyance souscrits par les clients du groupe :"
            + " capital assuré, quotité, prime, statut. Contient des données de santé (article 9"
            + " du RGPD) issues du questionnaire médical. Extrait CSV encodé en ISO-8859-1.",
        "CNP",
        "assurance",
        "catherine.rousseau",
        "mathieu.blanc",
        "CNP — gestion des contrats emprunteurs",
        Classification.RESTRICTED,
        List.of("assurance", "emprunteur", "sante", "rgpd"),
        List.of(
            text("numero_contrat", "Numéro du contrat (CNP-aaaa-nnnnnnn).", IDENTIFIER),
            text("client_id", "Identifiant RCU de l'assuré.", IDENTIFIER),
            text("produit", "Produit souscrit.", NONE),
            date("date_effet", "Date de prise d'effet des garanties.", NONE),
            date("date_echeance", "Date de fin des garanties.", NONE),
            column("capital_assure_eur", DataType.decimal(12, 2), "Capital assuré en euros.", NONE),
            column(
                "quotite_pct",
                DataType.DOUBLE,
                "Quotité assurée en pourcentage du capital (50 à 100).",
                NONE),
            column(
                "prime_mensuelle_eur", DataType.decimal(10, 2), "Prime mensuelle en euros.", NONE),
            column(
                "fumeur",
                DataType.BOOLEAN,
                "Statut fumeur déclaré dans le questionnaire de santé (donnée de santé).",
                SENSITIVE),
            column(
                "surprime_sante",
                DataType.BOOLEAN,
                "Vrai si une surprime a été appliquée pour raison médicale (donnée de santé).",
                SENSITIVE),
            text("statut", "EN_COURS, RESILIE, ECHU ou SINISTRE.", NONE),
            text("canal_distribution", "Réseau par lequel le contrat a été vendu.", NONE)),
        now,
        now);
  }

  private static DataProduct complaints(Instant now) {
    return new DataProduct(
        COMPLAINTS,
        "Réclamations clients",
        "Réclamations reçues par le service client (courrier, colis, bureau de poste) avec le"
            + " motif, le texte libre du client, le traitement et la satisfaction. Le texte"
            + " libre peut contenir des noms et des adresses.",
        "BGPN",
        "clients",
        "marie.dupont",
        "lucie.chevalier",
        "CRM du service client",
        Classification.CONFIDENTIAL,
        List.of("service-client", "reclamations", "qualite", "texte-libre"),
        List.of(
            text("reference", "Référence de la réclamation (REC-aaaa-nnnnnn).", NONE),
            text("client_id", "Identifiant RCU du réclamant.", IDENTIFIER),
            column(
                "date_reception",
                DataType.TIMESTAMP,
                "Date et heure de réception de la réclamation.",
                NONE),
            text("canal", "Canal de réception.", NONE),
            text("motif", "Motif de la réclamation.", NONE),
            text(
                "numero_suivi",
                "Numéro de suivi du colis concerné, vide si la réclamation ne porte pas sur un"
                    + " colis.",
                QUASI_IDENTIFIER),
            text(
                "description",
                "Texte libre saisi par le client ; peut contenir des noms et des adresses.",
                IDENTIFIER),
            text("statut", "OUVERTE, EN_COURS ou CLOSE.", NONE),
            date("date_cloture", "Date de clôture, vide si la réclamation est ouverte.", NONE),
            column(
                "satisfaction",
                DataType.INTEGER,
                "Note de satisfaction de 1 à 5 donnée après clôture, vide sans réponse.",
                NONE),
            column(
                "indemnisation_eur",
                DataType.decimal(8, 2),
                "Indemnisation versée en euros (0 sans indemnisation).",
                NONE)),
        now,
        now);
  }

  private static DataProduct digitalIdentities(Instant now) {
    return new DataProduct(
        DIGITAL_IDENTITIES,
        "Comptes d'identité numérique",
        "Comptes de l'identité numérique La Poste (moyen d'identification électronique eIDAS"
            + " substantiel ou élevé) : création, mode de vérification de l'identité, usage et"
            + " activité. Livré en JSON lines par le fournisseur d'identité.",
        "NUM",
        "clients",
        "karim.benali",
        "emma.robin",
        "Fournisseur d'identité numérique",
        Classification.CONFIDENTIAL,
        List.of("identite-numerique", "eidas", "authentification"),
        List.of(
            text("identifiant_compte", "Identifiant technique du compte (UUID).", IDENTIFIER),
            text("client_id", "Identifiant RCU du titulaire.", IDENTIFIER),
            column(
                "date_creation", DataType.TIMESTAMP, "Date et heure de création du compte.", NONE),
            text("niveau_garantie", "Niveau de garantie eIDAS : SUBSTANTIEL ou ELEVE.", NONE),
            text(
                "mode_verification",
                "Comment l'identité a été vérifiée : BUREAU_DE_POSTE, FACTEUR ou EN_LIGNE_NFC.",
                NONE),
            text("type_piece_identite", "Pièce présentée : CNI, PASSEPORT ou TITRE_SEJOUR.", NONE),
            text("appareil", "Système de l'appareil mobile associé : IOS ou ANDROID.", NONE),
            column(
                "derniere_connexion",
                DataType.TIMESTAMP,
                "Date et heure de la dernière authentification, vide si jamais utilisée.",
                NONE),
            column(
                "connexions_30_jours",
                DataType.INTEGER,
                "Nombre d'authentifications des 30 derniers jours.",
                NONE),
            column("actif", DataType.BOOLEAN, "Faux si le compte est suspendu ou clos.", NONE)),
        now,
        now);
  }

  private static Column column(
      String name, DataType type, String description, PersonalDataCategory category) {
    return new Column(name, type, description, category, "");
  }

  private static Column text(String name, String description, PersonalDataCategory category) {
    return column(name, DataType.STRING, description, category);
  }

  private static Column count(String name, String description) {
    return column(name, DataType.INTEGER, description, NONE);
  }

  /** A date column written in ISO form (2025-01-31). */
  private static Column date(String name, String description, PersonalDataCategory category) {
    return new Column(name, DataType.DATE, description, category, "");
  }

  /** A date column written the French way (31/01/2025), declared through its format. */
  private static Column frenchDate(String name, String description, PersonalDataCategory category) {
    return new Column(name, DataType.DATE, description, category, FRENCH_DATE);
  }
}
