package io.comptoir.cli;

import static java.util.Objects.requireNonNull;

import io.comptoir.common.ComptoirException;
import io.comptoir.flow.FlowId;
import io.comptoir.flow.FlowService;
import io.comptoir.flow.StoredFlowDocument;
import io.comptoir.identity.Principal;
import io.comptoir.identity.Role;
import io.comptoir.identity.Username;
import io.comptoir.server.Comptoir;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code comptoir flow apply|list|show}: ingestion flow and template documents, on the data
 * directory directly, as the local operator (recorded as {@code comptoir-cli} in the audit log).
 */
@Command(name = "flow", description = "Manages ingestion flows and flow templates (YAML).")
final class FlowCommand implements Callable<Integer> {
  /** Who the CLI acts as: the operator of the data directory, with every right. */
  static final Principal OPERATOR =
      new Principal(Username.of("comptoir-cli"), "LOCAL", Set.of(Role.ADMIN), Optional.empty());

  private final CliContext context;

  @ParentCommand ComptoirCommand parent;

  @Spec CommandSpec spec;

  private FlowCommand(CliContext context) {
    this.context = context;
  }

  static CommandLine command(CliContext context) {
    FlowCommand flow = new FlowCommand(context);
    CommandLine commandLine = new CommandLine(flow);
    commandLine.addSubcommand(new Apply(context, flow));
    commandLine.addSubcommand(new ListFlows(context, flow));
    commandLine.addSubcommand(new Show(context, flow));
    return commandLine;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(context.err());
    return CliErrors.INVALID_INPUT;
  }

  @Command(
      name = "apply",
      description = {
        "Validates and saves flow or template documents (YAML, see docs/ingestion.md).",
        "An unchanged document keeps its version; a changed one gets the next version.",
        "Templates go first when a flow of the same call uses them: give them first."
      })
  static final class Apply implements Callable<Integer> {
    private final CliContext context;
    private final FlowCommand flow;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "YAML documents to save.")
    List<Path> files;

    Apply(CliContext context, FlowCommand flow) {
      this.context = requireNonNull(context, "context is null");
      this.flow = flow;
    }

    @Override
    public Integer call() {
      List<String> texts =
          files.stream()
              .map(file -> read(context.workingDirectory().resolve(file).normalize(), file))
              .toList();
      try (Comptoir comptoir = Comptoir.open(flow.parent.configuration(Map.of()))) {
        for (int i = 0; i < files.size(); i++) {
          FlowService.Saved saved;
          try {
            saved = comptoir.flows().save(OPERATOR, Optional.empty(), texts.get(i));
          } catch (ComptoirException e) {
            throw new ComptoirException(e.code(), files.get(i) + ": " + e.getMessage(), e);
          }
          context
              .err()
              .printf(
                  Locale.ROOT,
                  "%s %s: %s version %d%n",
                  saved.document().kind().name().toLowerCase(Locale.ROOT),
                  saved.document().id(),
                  saved.created() ? "saved as" : "unchanged, still",
                  saved.document().version());
        }
        context.err().flush();
      }
      return 0;
    }

    private static String read(Path path, Path file) {
      try {
        byte[] bytes = Files.readAllBytes(path);
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(bytes))
            .toString();
      } catch (NoSuchFileException e) {
        throw ComptoirException.invalidInput("no such file: %s", file);
      } catch (CharacterCodingException e) {
        throw ComptoirException.invalidInput("%s is not UTF-8 text", file);
      } catch (IOException e) {
        throw ComptoirException.invalidInput("cannot read %s: %s", file, e.getMessage());
      }
    }
  }

  @Command(name = "list", description = "Lists flows and templates with their latest version.")
  static final class ListFlows implements Callable<Integer> {
    private final CliContext context;
    private final FlowCommand flow;

    ListFlows(CliContext context, FlowCommand flow) {
      this.context = requireNonNull(context, "context is null");
      this.flow = flow;
    }

    @Override
    public Integer call() {
      try (Comptoir comptoir = Comptoir.open(flow.parent.configuration(Map.of()))) {
        String format = "%-32s %-9s %7s %-6s %-32s %s%n";
        context
            .out()
            .printf(Locale.ROOT, format, "ID", "KIND", "VERSION", "PAUSED", "PRODUCT", "SAVED");
        List<StoredFlowDocument> documents = comptoir.flows().list(OPERATOR);
        for (StoredFlowDocument document : documents) {
          context
              .out()
              .printf(
                  Locale.ROOT,
                  format,
                  document.id(),
                  document.kind().name().toLowerCase(Locale.ROOT),
                  document.version(),
                  comptoir.flows().isPaused(document.id()) ? "yes" : "no",
                  document.product().map(Object::toString).orElse("-"),
                  document.savedAt() + " by " + document.savedBy());
        }
        context.out().printf(Locale.ROOT, "%d flow(s) and template(s)%n", documents.size());
        context.out().flush();
      }
      return 0;
    }
  }

  @Command(
      name = "show",
      description = "Prints a flow or template document (the effective one with --resolved).")
  static final class Show implements Callable<Integer> {
    private final CliContext context;
    private final FlowCommand flow;

    @Parameters(index = "0", paramLabel = "ID", description = "The flow or template id.")
    String id;

    @Option(
        names = "--version",
        paramLabel = "N",
        description = "A saved version (default the latest).")
    Integer version;

    @Option(
        names = "--resolved",
        description = "The effective document of a flow: its template applied.")
    boolean resolved;

    Show(CliContext context, FlowCommand flow) {
      this.context = requireNonNull(context, "context is null");
      this.flow = flow;
    }

    @Override
    public Integer call() {
      try (Comptoir comptoir = Comptoir.open(flow.parent.configuration(Map.of()))) {
        FlowId flowId = FlowId.of(id);
        StoredFlowDocument document =
            version == null
                ? comptoir.flows().load(OPERATOR, flowId)
                : comptoir.flows().loadVersion(OPERATOR, flowId, version);
        String text = resolved ? document.resolved() : document.document();
        context.out().print(text.endsWith("\n") ? text : text + "\n");
        context.out().flush();
      }
      return 0;
    }
  }
}
