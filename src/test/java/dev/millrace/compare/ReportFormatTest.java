package dev.millrace.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFormatTest {
    private final ComparisonResult sample = SampleResults.threeBrokers();

    @Test
    void theFormatFollowsTheFileExtension() {
        assertThat(ReportFormat.forFile(Path.of("out/report.md"))).isEqualTo(ReportFormat.MARKDOWN);
        assertThat(ReportFormat.forFile(Path.of("report.HTML"))).isEqualTo(ReportFormat.HTML);
        assertThat(ReportFormat.forFile(Path.of("report.csv"))).isEqualTo(ReportFormat.CSV);
    }

    @Test
    void anUnknownExtensionNamesTheKnownOnes() {
        assertThatThrownBy(() -> ReportFormat.forFile(Path.of("report.pdf")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".md, .html or .csv");
    }

    @Test
    void markdownPutsTheBrokersSideBySideAsColumns() {
        String markdown = ReportFormat.MARKDOWN.render(sample);

        assertThat(markdown).contains("|  | **fast** | **partitioned** | **gone** |")
                .contains("| Publish msg/s | 50,000 | 4,000 | — |")
                .contains("| Latency p50 | 0.0200 ms | 2.50 ms | — |")
                .contains("| Status | measured | measured | unreachable |");
    }

    @Test
    void everyFormatStatesTheMessagesPerPublishCallAndWhenConsumersRun() {
        ComparisonResult batched = new ComparisonResult(sample.id(),
                sample.workload().withPublishBatch(500).withConsumeAfterPublishing(true), sample.startedAt(),
                sample.finishedAt(), sample.environment(), sample.command(), sample.brokers(), sample.references());

        assertThat(ReportFormat.MARKDOWN.render(batched)).contains("| Messages per publish call | 500 (each call")
                .contains("| Consumers run | after the last publish").contains("The consumers start once");
        assertThat(ReportFormat.MARKDOWN.render(sample)).contains("| Messages per publish call | 1 |")
                .contains("| Consumers run | alongside the producers |");
        assertThat(ReportFormat.HTML.render(batched)).contains("<th>Messages per publish call</th><td>500");
        List<String> csv = ReportFormat.CSV.render(batched).lines().toList();
        assertThat(csv.get(0)).contains(",producers,publish_batch,").contains(",consume_after_publishing,");
        assertThat(csv.get(1)).contains(",2,500,1,1,1,true,fast,");
    }

    @Test
    void markdownSaysWhyAnUnreachableBrokerHasNoNumbers() {
        assertThat(ReportFormat.MARKDOWN.render(sample)).contains("unreachable: connection refused <127.0.0.1:4>");
    }

    @Test
    void markdownShowsTheCommandThatMadeIt() {
        assertThat(ReportFormat.MARKDOWN.render(sample)).contains("millrace compare --brokers fast,partitioned,gone");
    }

    @Test
    void htmlIsOneSelfContainedPageWithBothCharts() {
        String html = ReportFormat.HTML.render(sample);

        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
                .contains("Throughput, msg/s").contains("End-to-end latency by percentile")
                .doesNotContain("<script").doesNotContain("src=").doesNotContain("<link");
        assertThat(html.split("<svg ", -1)).hasSize(3);
        assertThat(html).contains("<polyline");
    }

    @Test
    void htmlEscapesWhatBrokersSay() {
        assertThat(ReportFormat.HTML.render(sample)).contains("connection refused &lt;127.0.0.1:4&gt;")
                .doesNotContain("<127.0.0.1:4>");
    }

    @Test
    void csvHasAHeaderAndOneRowPerBroker() {
        List<String> lines = ReportFormat.CSV.render(sample).lines().toList();

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("comparison_id,started_at,workload,").contains("latency_p99_ms")
                .contains("exactly_once_delivery").endsWith(",notes");
        assertThat(lines.get(1)).contains(",fast,memory,measured,,2000,2000,0,0,0,50000.000,48000.000,0.020000,");
        assertThat(lines.get(3)).contains(",gone,nats,unreachable,connection refused <127.0.0.1:4>,,");
    }

    @Test
    void csvQuotesCellsWithCommas() {
        assertThat(ReportFormat.CSV.render(sample)).contains("\"a note, with a comma\"");
    }

    @Test
    void everyRowOfTheCsvHasAsManyCellsAsTheHeader() {
        List<String> lines = ReportFormat.CSV.render(sample).lines().toList();
        long columns = lines.get(0).chars().filter(c -> c == ',').count();

        assertThat(lines).allSatisfy(line -> assertThat(line.replaceAll("\"[^\"]*\"", "x").chars()
                .filter(c -> c == ',').count()).isEqualTo(columns));
    }
}
