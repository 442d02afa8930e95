package dev.millrace.app;

import static dev.millrace.app.WorkbenchFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.millrace.app.compare.BrokerProgress;
import dev.millrace.compare.AckMode;
import dev.millrace.compare.ComparisonResult;
import dev.millrace.compare.Durability;
import dev.millrace.compare.LatencySummary;
import dev.millrace.compare.Metrics;
import dev.millrace.compare.ResultTable;
import dev.millrace.compare.Topology;
import dev.millrace.compare.Warmup;
import dev.millrace.compare.Workload;
import dev.millrace.compare.Workloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

class CompareJourneyTest extends JourneyTest {
    private static final long MESSAGES = 2_000;

    @Test
    void aShortWorkloadOnTheMemoryBrokerShowsMeasuredNumbersIsStoredAndExportsAsMarkdown(FxRobot robot)
            throws Exception {
        fixture.awaitInMemoryConnected();
        Path workloadFile = dataDirectory.resolve("short.json");
        Workloads.write(new Workload("journey-short", "a short run at full speed", 64, MESSAGES, null, 0, 2, 1, 1, 1,
                Durability.ANY, AckMode.AFTER_HANDLING, Warmup.of(200), Topology.DIRECT), workloadFile);

        robot.clickOn("#open-compare");
        fixture.answerNextFileDialog(workloadFile);
        robot.clickOn("#compare-open-workload");
        await().atMost(WorkbenchFixture.PATIENCE).until(() -> onFx(() -> robot.lookup("#compare-workload")
                .<ComboBox<Workload>>query().getValue()), chosen -> chosen != null && chosen.name().equals("journey-short"));
        robot.clickOn(robot.lookup("#compare-brokers").lookup(".check-box").<CheckBox>query());
        robot.clickOn("#compare-run");

        await().atMost(WorkbenchFixture.PATIENCE.multipliedBy(2)).until(() -> onFx(() ->
                !fixture.workbench().compare().runningProperty().get()
                        && fixture.workbench().compare().resultProperty().get() != null));
        ComparisonResult result = onFx(() -> fixture.workbench().compare().resultProperty().get());
        Metrics metrics = result.brokers().getFirst().metrics().orElseThrow();
        assertThat(metrics.publishRate()).isPositive();
        assertThat(metrics.consumeRate()).isPositive();
        assertThat(metrics.sent()).isEqualTo(MESSAGES);
        assertThat(metrics.received()).isEqualTo(MESSAGES);
        LatencySummary latency = metrics.endToEnd();
        assertThat(List.of(latency.p50Nanos(), latency.p90Nanos(), latency.p99Nanos(), latency.p999Nanos(),
                latency.maxNanos())).isSorted().allMatch(nanos -> nanos > 0);

        List<ResultTable.Row> rows = onFx(() -> List.copyOf(robot.lookup("#compare-results")
                .<TableView<ResultTable.Row>>query().getItems()));
        assertThat(rows).filteredOn(row -> row.metric().equals("Publish msg/s")).singleElement()
                .satisfies(row -> assertThat(row.cells()).singleElement().isNotIn("—", "0"));
        assertThat(rows).filteredOn(row -> row.metric().equals("Status")).singleElement()
                .satisfies(row -> assertThat(row.cells()).containsExactly("measured"));
        List<BrokerProgress> progress = onFx(() -> List.copyOf(fixture.workbench().compare().progress()));
        assertThat(progress).singleElement().extracting(BrokerProgress::state).isEqualTo("measured");
        await().atMost(WorkbenchFixture.PATIENCE).until(() -> onFx(() ->
                List.copyOf(fixture.workbench().compare().history())), history -> history.size() == 1
                && history.getFirst().id().equals(result.id()));

        Path report = dataDirectory.resolve("report.md");
        fixture.answerNextFileDialog(report);
        robot.clickOn("#compare-export-md");
        await().atMost(WorkbenchFixture.PATIENCE).until(() -> onFx(() ->
                fixture.workbench().compare().statusProperty().get()), status -> status.startsWith("Exported"));
        assertThat(Files.readString(report)).contains("journey-short").contains(result.brokers().getFirst().label())
                .contains("Publish msg/s");
    }
    @Test
    void cancellingARunningComparisonStopsItAndKeepsTheCancelledRunInThePastRuns(FxRobot robot) {
        fixture.awaitInMemoryConnected();
        robot.clickOn("#open-compare");
        robot.interact(() -> {
            ComboBox<Workload> workloads = robot.lookup("#compare-workload").query();
            workloads.getSelectionModel().select(workloads.getItems().stream()
                    .filter(workload -> workload.name().equals("fixed-rate-latency")).findFirst().orElseThrow());
        });
        robot.clickOn(robot.lookup("#compare-brokers").lookup(".check-box").<CheckBox>query());
        robot.clickOn("#compare-run");
        await().atMost(WorkbenchFixture.PATIENCE).until(() -> onFx(() ->
                List.copyOf(fixture.workbench().compare().progress())), rows -> rows.size() == 1
                && rows.getFirst().state().equals("measuring") && rows.getFirst().sent() > 0);

        robot.clickOn("#compare-cancel");

        await().atMost(WorkbenchFixture.PATIENCE).until(() -> onFx(() ->
                !fixture.workbench().compare().runningProperty().get()));
        List<ResultTable.Row> rows = onFx(() -> List.copyOf(robot.lookup("#compare-results")
                .<TableView<ResultTable.Row>>query().getItems()));
        assertThat(rows).filteredOn(row -> row.metric().equals("Status")).singleElement()
                .satisfies(row -> assertThat(row.cells()).containsExactly("cancelled"));
        await().atMost(WorkbenchFixture.PATIENCE).until(() -> onFx(() ->
                List.copyOf(fixture.workbench().compare().history())), history -> history.size() == 1
                && history.getFirst().status().equals("cancelled"));
    }
}
