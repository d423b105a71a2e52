package io.comptoir.demo;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.NotFoundException;
import io.comptoir.ingest.SourceEncoding;
import io.comptoir.ingest.SourceFormat;
import io.comptoir.ingest.SourceOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Writes the source file of any demo product. Generation is deterministic: the same product always
 * gives the same bytes (fixed seed 42, French DataFaker, DuckDB SQL for the parcels), whatever else
 * was generated before. A file is written under a temporary name, then renamed.
 *
 * <table>
 *   <caption>Files and the ingestion options they need</caption>
 *   <tr><th>product</th><th>file</th><th>options</th><th>rows</th></tr>
 *   <tr><td>codes-postaux</td><td>.csv</td><td>';', UTF-8</td><td>39,192</td></tr>
 *   <tr><td>clients-particuliers</td><td>.csv</td><td>';', Windows-1252, dates dd/MM/yyyy</td>
 *       <td>20,000</td></tr>
 *   <tr><td>bureaux-de-poste</td><td>.jsonl</td><td>JSON lines</td><td>1,800</td></tr>
 *   <tr><td>volumes-courrier-quotidiens</td><td>.tsv</td><td>tab, UTF-8</td><td>30,400</td></tr>
 *   <tr><td>colis-expedies</td><td>.csv</td><td>',', UTF-8</td><td>200,000</td></tr>
 *   <tr><td>suivi-colis-evenements</td><td>.parquet</td><td>Parquet</td><td>≈1.1 M</td></tr>
 *   <tr><td>comptes-bancaires</td><td>.csv</td><td>';', decimal ',', UTF-8</td><td>≈19,000</td></tr>
 *   <tr><td>transactions-bancaires</td><td>.csv</td><td>';', decimal ',', dates dd/MM/yyyy</td>
 *       <td>60,000</td></tr>
 *   <tr><td>contrats-assurance-emprunteur</td><td>.csv</td><td>',', ISO-8859-1</td>
 *       <td>8,000</td></tr>
 *   <tr><td>reclamations-clients</td><td>.csv</td><td>',', UTF-8, quoted free text</td>
 *       <td>5,000</td></tr>
 *   <tr><td>comptes-identite-numerique</td><td>.jsonl</td><td>JSON lines</td><td>6,000</td></tr>
 * </table>
 */
public final class DemoFiles {
  private DemoFiles() {}

  private record Spec(String fileName, SourceOptions options, ToLongFunction<Path> writer) {}

  private static Spec spec(ProductId product) {
    requireNonNull(product, "product is null");
    return switch (product.value()) {
      case "codes-postaux" ->
          new Spec(
              "codes-postaux.csv",
              csv(';', '.', SourceEncoding.UTF_8),
              PostalCodes::writePostalCodes);
      case "clients-particuliers" ->
          new Spec(
              "clients-particuliers.csv",
              csv(';', '.', SourceEncoding.WINDOWS_1252),
              CustomerFiles::writeCustomers);
      case "colis-expedies" ->
          new Spec(
              "colis-expedies.csv", csv(',', '.', SourceEncoding.UTF_8), ParcelFiles::writeParcels);
      case "suivi-colis-evenements" ->
          new Spec(
              "suivi-colis-evenements.parquet",
              SourceOptions.defaults().withFormat(SourceFormat.PARQUET),
              target -> ParcelFiles.writeEvents(target, ParcelFiles.PARCELS, SourceFormat.PARQUET));
      case "bureaux-de-poste" ->
          new Spec("bureaux-de-poste.jsonl", jsonLines(), NetworkFiles::writePostOffices);
      case "volumes-courrier-quotidiens" ->
          new Spec(
              "volumes-courrier-quotidiens.tsv",
              csv('\t', '.', SourceEncoding.UTF_8),
              NetworkFiles::writeMailVolumes);
      case "comptes-bancaires" ->
          new Spec(
              "comptes-bancaires.csv",
              csv(';', ',', SourceEncoding.UTF_8),
              BankFiles::writeAccounts);
      case "transactions-bancaires" ->
          new Spec(
              "transactions-bancaires.csv",
              csv(';', ',', SourceEncoding.UTF_8),
              BankFiles::writeTransactions);
      case "contrats-assurance-emprunteur" ->
          new Spec(
              "contrats-assurance-emprunteur.csv",
              csv(',', '.', SourceEncoding.ISO_8859_1),
              InsuranceFiles::writeContracts);
      case "reclamations-clients" ->
          new Spec(
              "reclamations-clients.csv",
              csv(',', '.', SourceEncoding.UTF_8),
              CustomerFiles::writeComplaints);
      case "comptes-identite-numerique" ->
          new Spec(
              "comptes-identite-numerique.jsonl",
              jsonLines(),
              CustomerFiles::writeDigitalIdentities);
      default -> throw new NotFoundException("demo product", product);
    };
  }

  /** The name of a product's file, such as {@code clients-particuliers.csv}. */
  public static String fileName(ProductId product) {
    return spec(product).fileName();
  }

  /** The options a product's file must be ingested with. */
  public static SourceOptions options(ProductId product) {
    return spec(product).options();
  }

  /**
   * Writes one product's file into the directory (created if missing), replacing a previous one.
   *
   * @throws NotFoundException when the product is not a demo product
   */
  public static DemoFile write(ProductId product, Path directory) {
    Spec spec = spec(product);
    Path target = directory.resolve(spec.fileName());
    long rows = writeAtomically(target, spec.writer());
    return new DemoFile(product, target, spec.options(), rows);
  }

  /** Writes every demo product's file into the directory, in catalog order. */
  public static List<DemoFile> writeAll(Path directory) {
    List<DemoFile> files = new ArrayList<>();
    for (ProductId product : DemoCatalog.productIds()) {
      files.add(write(product, directory));
    }
    return List.copyOf(files);
  }

  /**
   * Writes tracking events for the first {@code parcels} parcels, in any format, for benchmarks:
   * 200,000 parcels give the demo's ~1.1 M events, each parcel adds 5.5 events on average. The
   * columns are those of suivi-colis-evenements; CSV is ','-separated UTF-8 with ISO timestamps.
   */
  public static DemoFile writeTrackingEvents(Path directory, int parcels, SourceFormat format) {
    requireNonNull(format, "format is null");
    if (parcels < 1) {
      throw new IllegalArgumentException("parcels must be >= 1, got " + parcels);
    }
    String extension =
        switch (format) {
          case CSV -> "csv";
          case JSONL -> "jsonl";
          case PARQUET -> "parquet";
        };
    Path target =
        directory.resolve(
            String.format(Locale.ROOT, "suivi-colis-evenements-%d.%s", parcels, extension));
    long rows = writeAtomically(target, path -> ParcelFiles.writeEvents(path, parcels, format));
    SourceOptions options =
        format == SourceFormat.CSV
            ? csv(',', '.', SourceEncoding.UTF_8)
            : SourceOptions.defaults().withFormat(format);
    return new DemoFile(DemoCatalog.TRACKING_EVENTS, target, options, rows);
  }

  private static long writeAtomically(Path target, ToLongFunction<Path> writer) {
    Path directory = target.toAbsolutePath().getParent();
    Path temporary = directory.resolve("." + target.getFileName() + ".tmp");
    try {
      Files.createDirectories(directory);
      Files.deleteIfExists(temporary);
      long rows = writer.applyAsLong(temporary);
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    } finally {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException e) {
        // best effort: a leftover temporary file is replaced by the next run
      }
    }
  }

  private static SourceOptions csv(char delimiter, char decimalSeparator, SourceEncoding encoding) {
    return SourceOptions.defaults()
        .withFormat(SourceFormat.CSV)
        .withDelimiter(delimiter)
        .withDecimalSeparator(decimalSeparator)
        .withEncoding(encoding);
  }

  private static SourceOptions jsonLines() {
    return SourceOptions.defaults().withFormat(SourceFormat.JSONL);
  }
}
