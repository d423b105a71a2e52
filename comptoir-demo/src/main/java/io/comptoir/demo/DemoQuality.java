package io.comptoir.demo;

import io.comptoir.catalog.ProductId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The quality rules of some demo products, as their stewards would write them: YAML documents
 * (docs/quality.md). They are saved before the first load, so each version is checked; a few warn
 * rules fail on purpose (communes without coordinates, heavy parcels, old traffic measures), so
 * that the products' results differ.
 */
public final class DemoQuality {
  private DemoQuality() {}

  /** The rules by product, in {@link DemoCatalog#productIds()} order. */
  public static Map<ProductId, String> rules() {
    Map<ProductId, String> rules = new LinkedHashMap<>();
    rules.put(
        DemoCatalog.POSTAL_CODES,
        """
        # Référentiel La Poste : republié chaque mois.
        freshness:
          maxAge: P31D
        rules:
          - name: code-postal-format
            type: regex
            column: code_postal
            pattern: "[0-9]{5}"
            severity: error
          - name: insee-format
            type: regex
            column: code_commune_insee
            pattern: "[0-9][0-9AB][0-9]{3}"
            severity: error
          - name: commune-renseignee
            type: not_null
            column: nom_commune
            severity: error
          - name: coordonnees-connues
            type: not_null
            column: latitude
            severity: warn
            description: La Poste ne publie pas les coordonnées de toutes les communes.
          - name: volume-stable
            type: row_count_change
            min: -5
            max: 5
            severity: error
        """);
    rules.put(
        DemoCatalog.MAIL_VOLUMES,
        """
        # Mesures de trafic produites chaque nuit.
        freshness:
          maxAge: P2D
        rules:
          - name: jour-site-unique
            type: unique
            columns: [date_jour, code_site]
            severity: error
          - name: taux-entre-0-et-1
            type: range
            column: taux_distribution_delai
            min: 0
            max: 1
            severity: error
          - name: site-connu
            type: reference
            column: code_site
            reference: {product: bureaux-de-poste, column: code_site}
            severity: warn
          - name: mesures-recentes
            type: freshness
            column: date_jour
            maxAge: P7D
            severity: warn
            description: L'historique de démonstration date de 2024, la règle échoue.
        """);
    rules.put(
        DemoCatalog.PARCELS,
        """
        freshness:
          maxAge: PT24H
        rules:
          - name: numero-suivi-unique
            type: unique
            columns: [numero_suivi]
            severity: error
          - name: numero-suivi-format
            type: regex
            column: numero_suivi
            pattern: "6A[0-9]{11}"
            severity: error
          - name: poids-colissimo
            type: range
            column: poids_kg
            min: 0
            max: 30
            severity: error
          - name: poids-manutention-legere
            type: range
            column: poids_kg
            max: 15
            severity: warn
            description: Au-delà de 15 kg, le colis passe en manutention lourde.
          - name: statut-connu
            type: allowed_values
            column: statut
            values: [LIVRE, LIVRE_POINT_RETRAIT, AVISE_EN_BUREAU, RETOUR_EXPEDITEUR]
            severity: error
          - name: destination-connue
            type: reference
            column: code_postal_destination
            reference: {product: codes-postaux, column: code_postal}
            severity: warn
          - name: livraison-apres-depot
            type: custom_sql
            sql: date_livraison_prevue > date_depot
            severity: error
          - name: expediteur-particulier-identifie
            type: custom_sql
            sql: type_expediteur = 'PROFESSIONNEL' OR client_id IS NOT NULL
            severity: warn
          - name: volume-stable
            type: row_count_change
            min: -20
            max: 50
            severity: warn
        """);
    rules.put(
        DemoCatalog.BANK_ACCOUNTS,
        """
        freshness:
          maxAge: PT24H
        rules:
          - name: iban-unique
            type: unique
            columns: [iban]
            severity: error
          - name: iban-francais
            type: regex
            column: iban
            pattern: "FR76[0-9A-Z]{23}"
            severity: warn
          - name: type-connu
            type: allowed_values
            column: type_compte
            values: [COMPTE_COURANT, LIVRET_A, LDDS, LEP, PEL]
            severity: error
        """);
    return rules;
  }
}
