package io.comptoir.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.catalog.ProductId;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.flow.FlowDocumentKind;
import io.comptoir.flow.FlowId;
import io.comptoir.flow.FlowRepository;
import io.comptoir.flow.StoredFlowDocument;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The flow repository contract, run on SQLite and PostgreSQL by the subclasses. */
abstract class FlowRepositoryContractTest {
  private static final Instant T0 = Instant.parse("2026-03-10T08:00:00Z");
  private static final FlowId DPD = FlowId.of("colis-dpd");
  private static final FlowId TEMPLATE = FlowId.of("colis-partenaire");

  private MetadataStore store;
  private FlowRepository flows;

  abstract MetadataStore openFreshStore() throws Exception;

  abstract void dropFreshStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = openFreshStore();
    flows = store.flows();
  }

  @AfterEach
  void close() throws Exception {
    if (store != null) {
      store.close();
    }
    dropFreshStore();
  }

  private static StoredFlowDocument flow(int version, String text) {
    return new StoredFlowDocument(
        DPD,
        version,
        FlowDocumentKind.FLOW,
        text,
        "resolved " + text,
        Optional.of(ProductId.of("colis-suivi")),
        T0.plusSeconds(version),
        "olivier");
  }

  @Test
  void keepsEveryVersionAndFindsTheLatest() {
    flows.insert(flow(1, "id: colis-dpd # v1"));
    flows.insert(flow(2, "id: colis-dpd # v2 avec des accents: é"));

    assertThat(flows.findLatest(DPD)).contains(flow(2, "id: colis-dpd # v2 avec des accents: é"));
    assertThat(flows.findVersion(DPD, 1)).contains(flow(1, "id: colis-dpd # v1"));
    assertThat(flows.findVersion(DPD, 3)).isEmpty();
    assertThat(flows.history(DPD)).extracting(StoredFlowDocument::version).containsExactly(1, 2);
    assertThat(flows.findLatest(FlowId.of("nothing"))).isEmpty();
  }

  @Test
  void refusesAVersionSavedTwice() {
    flows.insert(flow(1, "a"));

    assertThatThrownBy(() -> flows.insert(flow(1, "b")))
        .isInstanceOf(ComptoirException.class)
        .hasMessageContaining("flow colis-dpd version 1 was saved by someone else meanwhile")
        .satisfies(e -> assertThat(((ComptoirException) e).code()).isEqualTo(ErrorCode.CONFLICT));
    assertThat(flows.findLatest(DPD).orElseThrow().document()).isEqualTo("a");
  }

  @Test
  void keepsTheKindOfAnId() {
    flows.insert(flow(1, "a"));
    StoredFlowDocument template =
        new StoredFlowDocument(
            DPD, 2, FlowDocumentKind.TEMPLATE, "t", "t", Optional.empty(), T0, "olivier");

    assertThatThrownBy(() -> flows.insert(template))
        .isInstanceOf(ComptoirException.class)
        .hasMessage("'colis-dpd' is already a flow");
    assertThat(flows.history(DPD)).hasSize(1);
  }

  @Test
  void listsTheLatestVersionOfEachDocument() {
    flows.insert(flow(1, "a"));
    flows.insert(flow(2, "b"));
    flows.insert(
        new StoredFlowDocument(
            TEMPLATE, 1, FlowDocumentKind.TEMPLATE, "t", "t", Optional.empty(), T0, "sophie"));

    assertThat(flows.listLatest())
        .extracting(d -> d.id().value() + "@" + d.version())
        .containsExactly("colis-dpd@2", "colis-partenaire@1");
  }

  @Test
  void letsOneHolderAtATimeRunAFlowUntilItsLeaseExpires() {
    io.comptoir.flow.FlowLocks locks = store.flowLocks();

    assertThat(locks.acquire(DPD, "server-a", T0, T0.plusSeconds(60))).isTrue();
    assertThat(locks.acquire(DPD, "server-b", T0.plusSeconds(10), T0.plusSeconds(70))).isFalse();
    assertThat(locks.acquire(DPD, "server-a", T0.plusSeconds(20), T0.plusSeconds(80)))
        .as("the holder renews")
        .isTrue();
    assertThat(locks.acquire(DPD, "server-b", T0.plusSeconds(70), T0.plusSeconds(130)))
        .as("still held after renewal")
        .isFalse();
    assertThat(locks.acquire(DPD, "server-b", T0.plusSeconds(80), T0.plusSeconds(140)))
        .as("expired: taken over")
        .isTrue();
    locks.release(DPD, "server-a");
    assertThat(locks.acquire(DPD, "server-a", T0.plusSeconds(90), T0.plusSeconds(150)))
        .as("a release by a former holder does nothing")
        .isFalse();
    locks.release(DPD, "server-b");
    assertThat(locks.acquire(DPD, "server-a", T0.plusSeconds(91), T0.plusSeconds(151))).isTrue();
    assertThat(locks.acquire(TEMPLATE, "server-b", T0, T0.plusSeconds(60)))
        .as("other flows are free")
        .isTrue();
  }

  @Test
  void givesBackTheLeasesOfTheHoldersOfOneDataDirectory() {
    io.comptoir.flow.FlowLocks locks = store.flowLocks();
    locks.acquire(DPD, "comptoir-a/1", T0, T0.plusSeconds(1800));
    locks.acquire(TEMPLATE, "comptoir-b/2", T0, T0.plusSeconds(1800));

    assertThat(locks.releaseAllOf("comptoir-a/")).isEqualTo(1);

    assertThat(locks.acquire(DPD, "comptoir-a/3", T0.plusSeconds(1), T0.plusSeconds(60)))
        .as("the killed holder's lease is gone")
        .isTrue();
    assertThat(locks.acquire(TEMPLATE, "comptoir-a/3", T0.plusSeconds(1), T0.plusSeconds(60)))
        .as("another data directory's lease stays")
        .isFalse();
    assertThat(locks.releaseAllOf("comptoir-%")).as("no pattern: a prefix").isZero();
  }

  @Test
  void pausesAndResumesAFlow() {
    flows.insert(flow(1, "a"));

    assertThat(flows.isPaused(DPD)).isFalse();
    flows.setPaused(DPD, true);
    assertThat(flows.isPaused(DPD)).isTrue();
    flows.setPaused(DPD, false);
    assertThat(flows.isPaused(DPD)).isFalse();
    assertThatThrownBy(() -> flows.setPaused(FlowId.of("nothing"), true))
        .isInstanceOf(ComptoirException.class)
        .hasMessageContaining("nothing");
  }
}
