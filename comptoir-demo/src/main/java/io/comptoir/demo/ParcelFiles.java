package io.comptoir.demo;

import io.comptoir.demo.PostalCodes.PostalCode;
import io.comptoir.ingest.SourceFormat;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Parcels and their tracking events, generated in DuckDB SQL from the row number: every attribute
 * is a pseudo-random function of {@code hash(parcel, k)}, so generation is set-based (no row-by-row
 * insert), fast (about a million events a second) and gives the same bytes each time with the same
 * DuckDB version. Origin and destination postcodes come from the real La Poste file.
 */
final class ParcelFiles {
  static final int PARCELS = 200_000;

  /** Real postcodes of parcel sorting hubs (Wissous, Moissy-Cramayel, Saint-Priest...). */
  static final List<String> HUBS =
      List.of(
          "91320", "77550", "69800", "13127", "33610", "44470", "59810", "67120", "31140", "35135");

  private ParcelFiles() {}

  /** The tracking number of a parcel, as the SQL computes it: 6A and 11 digits. */
  static String trackingNumber(long parcel) {
    return String.format(Locale.ROOT, "6A%011d", (parcel * 7_919L + 13_579L) % 100_000_000_000L);
  }

  static long writeParcels(Path target) {
    try (Connection connection = open(target)) {
      createParcels(connection, PARCELS);
      List<String> columns = DemoCatalog.columnNames(DemoCatalog.PARCELS);
      return copy(
          connection,
          "SELECT " + String.join(", ", columns) + " FROM parcels",
          target,
          SourceFormat.CSV);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot generate " + target + ": " + e.getMessage(), e);
    }
  }

  static long writeEvents(Path target, int parcels, SourceFormat format) {
    if (parcels < 1) {
      throw new IllegalArgumentException("parcels must be >= 1, got " + parcels);
    }
    try (Connection connection = open(target)) {
      createParcels(connection, parcels);
      // unnest over the ordered parcels table keeps the order without a join or a sort
      String events =
          """
          SELECT
            numero_suivi,
            rang AS rang_evenement,
            CAST(date_depot AS TIMESTAMP)
              + to_seconds(CAST(28800 + (rang - 1) * 36000 + hash(parcel, rang) %% 32400
                AS BIGINT)) AS horodatage,
            CASE
              WHEN rang = 1 THEN 'DEPOT'
              WHEN rang = 2 THEN 'PRISE_EN_CHARGE'
              WHEN rang = nombre_evenements THEN statut
              WHEN rang = nombre_evenements - 1 THEN 'EN_COURS_DE_LIVRAISON'
              ELSE 'TRI_PLATEFORME'
            END AS code_evenement,
            CASE
              WHEN rang = 1 THEN 'Votre colis a été déposé'
              WHEN rang = 2 THEN 'Votre colis est pris en charge par La Poste'
              WHEN rang = nombre_evenements THEN
                CASE statut
                  WHEN 'LIVRE' THEN 'Votre colis est livré'
                  WHEN 'LIVRE_POINT_RETRAIT' THEN 'Votre colis a été retiré en point de retrait'
                  WHEN 'AVISE_EN_BUREAU' THEN
                    'Vous étiez absent : votre colis vous attend en bureau de poste'
                  ELSE 'Votre colis est retourné à l''expéditeur'
                END
              WHEN rang = nombre_evenements - 1 THEN 'Votre colis est en cours de livraison'
              ELSE 'Votre colis est en cours d''acheminement'
            END AS libelle_evenement,
            CASE
              WHEN rang = 1 THEN 'BUREAU_DE_POSTE'
              WHEN rang = nombre_evenements AND statut <> 'LIVRE' THEN 'BUREAU_DE_POSTE'
              WHEN rang >= nombre_evenements - 1 THEN 'SITE_DE_DISTRIBUTION'
              ELSE 'PLATEFORME_COLIS'
            END AS type_site,
            CASE
              WHEN rang = 1 THEN code_postal_origine
              WHEN rang = nombre_evenements AND statut = 'RETOUR_EXPEDITEUR'
                THEN code_postal_origine
              WHEN rang >= nombre_evenements - 1 THEN code_postal_destination
              ELSE %s[CAST(hash(parcel, rang, 7) %% %d AS INTEGER) + 1]
            END AS code_postal_site
          FROM (
            SELECT
              parcel, numero_suivi, date_depot, nombre_evenements, statut,
              code_postal_origine, code_postal_destination,
              unnest(range(1, nombre_evenements + 1)) AS rang
            FROM parcels)
          """
              .formatted(hubList(), HUBS.size());
      // materialising first then copying a table is faster than copying the query directly
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE events AS " + events);
      }
      return copy(connection, "SELECT * FROM events", target, format);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot generate " + target + ": " + e.getMessage(), e);
    }
  }

  private static Connection open(Path target) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET memory_limit = '1GB'");
      statement.execute(
          "SET temp_directory = "
              + literal(target.toAbsolutePath().getParent().resolve(".duckdb-tmp").toString()));
      statement.execute("SET preserve_insertion_order = true");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /** Loads the real postcodes, then derives the parcels table from {@code range(count)}. */
  private static void createParcels(Connection connection, int count) throws SQLException {
    List<PostalCode> postcodes = PostalCodes.all();
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE postcodes (idx BIGINT, code_postal VARCHAR, commune VARCHAR)");
      try (DuckDBAppender appender =
          connection.unwrap(DuckDBConnection.class).createAppender("main", "postcodes")) {
        for (int i = 0; i < postcodes.size(); i++) {
          PostalCode code = postcodes.get(i);
          appender.beginRow();
          appender.append((long) i);
          appender.append(code.postcode());
          appender.append(code.deliveryLabel());
          appender.endRow();
        }
      }
      int size = postcodes.size();
      statement.execute(
          """
          CREATE TABLE parcels AS
          WITH base AS (
            SELECT
              range AS parcel,
              hash(range, 1) AS h_sender,
              hash(range, 2) %% 100 AS h_service,
              hash(range, 3) %% 1000000 AS h_weight,
              hash(range, 4) %% 100000 AS h_value,
              CAST(hash(range, 5) %% %2$d AS BIGINT) AS h_origin,
              CAST(hash(range, 6) %% %2$d AS BIGINT) AS h_destination,
              hash(range, 7) %% 181 AS h_day,
              hash(range, 8) %% 100 AS h_outcome,
              hash(range, 9) %% 100 AS h_delay
            FROM range(%1$d)
          ), typed AS (
            SELECT
              b.*,
              CASE
                WHEN h_service < 38 THEN 'Colissimo Domicile sans signature'
                WHEN h_service < 60 THEN 'Colissimo Domicile avec signature'
                WHEN h_service < 85 THEN 'Colissimo Point Retrait'
                WHEN h_service < 93 THEN 'Chronopost 13'
                ELSE 'Colissimo Retour'
              END AS service,
              DATE '2025-01-02' + CAST(h_day AS INTEGER) AS raw_day
            FROM base b
          )
          SELECT
            t.parcel,
            '6A' || lpad(CAST((t.parcel * 7919 + 13579) %% 100000000000 AS VARCHAR), 11, '0')
              AS numero_suivi,
            CASE WHEN t.h_sender %% 100 < 62 THEN 'PARTICULIER' ELSE 'PROFESSIONNEL' END
              AS type_expediteur,
            CASE WHEN t.h_sender %% 100 < 62
              THEN 'C' || lpad(CAST((t.h_sender // 100) %% %3$d + 1 AS VARCHAR), 7, '0')
            END AS client_id,
            t.service,
            round(0.05 + pow(t.h_weight / 1000000.0, 3) * 29.95, 3) AS poids_kg,
            CAST(round(5 + pow(t.h_value / 100000.0, 2) * 995, 2) AS DECIMAL(10, 2))
              AS valeur_declaree_eur,
            o.code_postal AS code_postal_origine,
            o.commune AS commune_origine,
            d.code_postal AS code_postal_destination,
            d.commune AS commune_destination,
            CASE WHEN dayofweek(t.raw_day) = 0 THEN t.raw_day + 1 ELSE t.raw_day END
              AS date_depot,
            date_depot + CASE
                WHEN t.service = 'Chronopost 13' THEN 1
                WHEN t.h_delay < 70 THEN 2
                ELSE 3
              END AS date_livraison_prevue,
            t.service IN ('Colissimo Domicile avec signature', 'Chronopost 13')
              AS signature_requise,
            CAST(4 + hash(t.parcel, 10) %% 4 AS BIGINT) AS nombre_evenements,
            CASE
              WHEN t.h_outcome >= 97 THEN 'RETOUR_EXPEDITEUR'
              WHEN t.service = 'Colissimo Point Retrait' THEN 'LIVRE_POINT_RETRAIT'
              WHEN t.h_outcome >= 88 THEN 'AVISE_EN_BUREAU'
              ELSE 'LIVRE'
            END AS statut
          FROM typed t
          JOIN postcodes o ON o.idx = t.h_origin
          JOIN postcodes d ON d.idx = t.h_destination
          ORDER BY t.parcel
          """
              .formatted(count, size, CustomerFiles.CUSTOMERS));
    }
  }

  private static long copy(Connection connection, String query, Path target, SourceFormat format)
      throws SQLException {
    String options =
        switch (format) {
          case CSV ->
              "FORMAT csv, HEADER true, DELIMITER ',', DATEFORMAT '%Y-%m-%d',"
                  + " TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%S'";
          case PARQUET -> "FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 122880";
          case JSONL -> "FORMAT json, DATEFORMAT '%Y-%m-%d', TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%S'";
        };
    try (Statement statement = connection.createStatement()) {
      return statement.executeUpdate(
          "COPY ("
              + query
              + ") TO "
              + literal(target.toAbsolutePath().toString())
              + " ("
              + options
              + ")");
    }
  }

  private static String hubList() {
    StringBuilder list = new StringBuilder("[");
    for (int i = 0; i < HUBS.size(); i++) {
      list.append(i == 0 ? "" : ", ").append(literal(HUBS.get(i)));
    }
    return list.append(']').toString();
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
