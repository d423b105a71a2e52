package io.comptoir.demo;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The real La Poste postcodes file shipped as a resource ({@code laposte_hexasmal.csv}, see
 * SOURCE.md beside it), parsed once and kept immutable.
 */
final class PostalCodes {
  static final String RESOURCE = "laposte_hexasmal.csv";
  static final String HEADER =
      "Code_commune_INSEE;Nom_commune;Code_postal;Ligne_5;Libellé_d_acheminement;coordonnees_gps";

  private PostalCodes() {}

  /** One line of the file. Postcodes and INSEE codes are strings: 01000, 2A004. */
  record PostalCode(
      String inseeCode,
      String commune,
      String postcode,
      String line5,
      String deliveryLabel,
      Optional<String> latitude,
      Optional<String> longitude) {
    PostalCode {
      requireNonNull(inseeCode, "inseeCode is null");
      requireNonNull(commune, "commune is null");
      requireNonNull(postcode, "postcode is null");
      requireNonNull(line5, "line5 is null");
      requireNonNull(deliveryLabel, "deliveryLabel is null");
      requireNonNull(latitude, "latitude is null");
      requireNonNull(longitude, "longitude is null");
    }

    boolean hasCoordinates() {
      return latitude.isPresent();
    }

    double latitudeValue() {
      return Double.parseDouble(latitude.orElseThrow());
    }

    double longitudeValue() {
      return Double.parseDouble(longitude.orElseThrow());
    }
  }

  /** Every line of the file, in file order. */
  static List<PostalCode> all() {
    return Holder.ALL;
  }

  /** The lines that have GPS coordinates, in file order. */
  static List<PostalCode> withCoordinates() {
    return Holder.WITH_COORDINATES;
  }

  private static final class Holder {
    static final List<PostalCode> ALL = read();
    static final List<PostalCode> WITH_COORDINATES =
        ALL.stream().filter(PostalCode::hasCoordinates).toList();
  }

  /**
   * Writes the codes-postaux file: the real file with lower snake_case ASCII column names and
   * {@code coordonnees_gps} split into latitude and longitude (source digits kept as they are).
   * UTF-8, ';'-separated.
   */
  static long writePostalCodes(Path target) {
    try (TextTable table =
        TextTable.csv(
            target,
            DemoCatalog.columnNames(DemoCatalog.POSTAL_CODES),
            ';',
            '.',
            StandardCharsets.UTF_8)) {
      for (PostalCode code : all()) {
        table.row(
            code.inseeCode(),
            code.commune(),
            code.postcode(),
            code.line5(),
            code.deliveryLabel(),
            code.latitude().orElse(null),
            code.longitude().orElse(null));
      }
      return table.rows();
    }
  }

  static InputStream open() {
    InputStream in = PostalCodes.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
    }
    return in;
  }

  private static List<PostalCode> read() {
    List<PostalCode> codes = new ArrayList<>(40_000);
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(open(), StandardCharsets.UTF_8))) {
      String header = reader.readLine();
      if (!HEADER.equals(header)) {
        throw new IllegalStateException("unexpected header in " + RESOURCE + ": " + header);
      }
      String line;
      int number = 1;
      while ((line = reader.readLine()) != null) {
        number++;
        String[] fields = line.split(";", -1);
        if (fields.length != 6) {
          throw new IllegalStateException(
              RESOURCE + " line " + number + " has " + fields.length + " fields: " + line);
        }
        Optional<String> latitude = Optional.empty();
        Optional<String> longitude = Optional.empty();
        String gps = fields[5].trim();
        if (!gps.isEmpty()) {
          int comma = gps.indexOf(',');
          if (comma < 0) {
            throw new IllegalStateException(
                RESOURCE + " line " + number + " has coordinates without a comma: " + gps);
          }
          latitude = Optional.of(gps.substring(0, comma).trim());
          longitude = Optional.of(gps.substring(comma + 1).trim());
        }
        codes.add(
            new PostalCode(
                fields[0], fields[1], fields[2], fields[3], fields[4], latitude, longitude));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
    }
    return List.copyOf(codes);
  }
}
