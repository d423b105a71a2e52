package io.comptoir.cli;

import static java.util.Objects.requireNonNull;

import io.comptoir.catalog.ProductId;
import io.comptoir.ingest.ProfileBackfill;
import io.comptoir.ingest.VersionKey;
import io.comptoir.ingest.VersionProfile;
import io.comptoir.server.Comptoir;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code comptoir profile backfill}: the column profiles of versions, on the data directory. */
@Command(name = "profile", description = "Manages the column profiles of versions.")
final class ProfileCommand implements Callable<Integer> {
  private final CliContext context;

  @ParentCommand ComptoirCommand parent;

  @Spec CommandSpec spec;

  private ProfileCommand(CliContext context) {
    this.context = context;
  }

  static CommandLine command(CliContext context) {
    ProfileCommand profile = new ProfileCommand(context);
    CommandLine commandLine = new CommandLine(profile);
    commandLine.addSubcommand(new Backfill(context, profile));
    return commandLine;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(context.err());
    return CliErrors.INVALID_INPUT;
  }

  @Command(
      name = "backfill",
      description = {
        "Profiles the versions that have no profile (made before profiles existed, or whose"
            + " profile failed), each product's oldest first; versions with a profile are left"
            + " alone, so it can be run again.",
        "A version that fails is reported and the later versions of its product are skipped."
      })
  static final class Backfill implements Callable<Integer> {
    private final CliContext context;
    private final ProfileCommand profile;

    @Option(
        names = "--product",
        paramLabel = "ID",
        description = "Only this product's versions (default: every product's).")
    String product;

    Backfill(CliContext context, ProfileCommand profile) {
      this.context = requireNonNull(context, "context is null");
      this.profile = profile;
    }

    @Override
    public Integer call() {
      Optional<ProductId> only = Optional.ofNullable(product).map(ProductId::of);
      PrintWriter out = context.out();
      ProfileBackfill done;
      try (Comptoir comptoir = Comptoir.open(profile.parent.configuration(Map.of()))) {
        done = comptoir.ingestion().backfillProfiles(only, new Printer(out, context.err()));
      }
      if (done.profiled() + done.failed() + done.skipped() == 0) {
        out.println(
            only.map(p -> "every version of " + p + " has a profile already")
                .orElse("every version has a profile already"));
      } else {
        out.printf(
            Locale.ROOT,
            "profiled %d version(s), %d failed, %d skipped%n",
            done.profiled(),
            done.failed(),
            done.skipped());
      }
      out.flush();
      return done.failed() == 0 ? 0 : CliErrors.OTHER;
    }
  }

  /** One line per version: profiled ones on stdout, failed and skipped ones on stderr. */
  private record Printer(PrintWriter out, PrintWriter err) implements ProfileBackfill.Listener {
    @Override
    public void profiled(VersionProfile profile, Duration took) {
      out.printf(
          Locale.ROOT,
          "%s version %d: profiled %d column(s) of %d row(s) in %d ms%n",
          profile.product(),
          profile.version(),
          profile.columns().size(),
          profile.rows(),
          took.toMillis());
      out.flush();
    }

    @Override
    public void failed(VersionKey version, String message) {
      err.printf(
          "error: %s: cannot profile: %s%n",
          version, message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip());
      err.flush();
    }

    @Override
    public void skipped(VersionKey version, VersionKey failed) {
      err.printf("%s: skipped, as %s has no profile%n", version, failed);
      err.flush();
    }
  }
}
