package dev.millrace.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.cli.Main;
import dev.millrace.record.RecordStore;
import dev.millrace.testing.FreePorts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompareCommandTest {
    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private String[] shortRun(String brokers, String outFile, String... more) {
        String[] base = {"compare", "--brokers", brokers, "--workload", "max-throughput", "--messages", "500",
            "-o", "memory.instance=compare-cli-" + System.nanoTime(), "--data-dir", directory.toString(),
            "--out", directory.resolve(outFile).toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void aMarkdownReportIsWrittenForAnMdFile() throws Exception {
        int exit = run(shortRun("memory", "report.md"));

        assertThat(exit).as(err.toString()).isZero();
        assertThat(Files.readString(directory.resolve("report.md")))
                .startsWith("# Broker comparison: max-throughput").contains("| Received | 500 |");
    }

    @Test
    void anHtmlReportIsWrittenForAnHtmlFile() throws Exception {
        run(shortRun("memory", "report.html"));

        assertThat(Files.readString(directory.resolve("report.html"))).startsWith("<!DOCTYPE html>").contains("<svg");
    }

    @Test
    void aCsvReportIsWrittenForACsvFile() throws Exception {
        run(shortRun("memory", "report.csv"));

        assertThat(Files.readAllLines(directory.resolve("report.csv"))).hasSize(2);
    }

    @Test
    void anUnreachableBrokerGetsItsColumnAndTheExitCodeSaysNotAllWereMeasured() throws Exception {
        int exit = run(shortRun("memory,nats", "report.md",
                "-o", "nats.servers=nats://127.0.0.1:" + FreePorts.next(), "-o", "nats.connect-timeout=1s"));

        assertThat(exit).isEqualTo(1);
        String report = Files.readString(directory.resolve("report.md"));
        assertThat(report).contains("| Status | measured | unreachable |").contains("| Received | 500 | — |");
        assertThat(err.toString()).contains("[nats] unreachable");
    }

    @Test
    void theReportCarriesTheCommandWithSecretOptionsMasked() throws Exception {
        run(shortRun("memory,nats", "report.md", "-o", "nats.servers=nats://127.0.0.1:" + FreePorts.next(),
                "-o", "nats.password=hunter2", "-o", "nats.connect-timeout=1s"));

        String report = Files.readString(directory.resolve("report.md"));
        assertThat(report).contains("millrace compare --brokers memory,nats").contains("nats.password=****")
                .doesNotContain("hunter2");
    }

    @Test
    void theReportLeavesTheToolsClassPathsOut() throws Exception {
        run(shortRun("memory", "report.md", "--honesty-check", "--tool", "kafka-tools=/opt/kafka/libs/tools.jar"));

        assertThat(Files.readString(directory.resolve("report.md"))).contains("--tool kafka-tools=<class path>")
                .doesNotContain("/opt/kafka");
    }

    @Test
    void aStoredComparisonCanBeRenderedAgainInAnotherFormat() throws Exception {
        run(shortRun("memory", "first.md"));
        String id;
        try (RecordStore records = RecordStore.open(directory)) {
            id = new ComparisonStore(records).list().get(0).id();
        }

        int exit = run("compare", "--from", id, "--data-dir", directory.toString(),
                "--out", directory.resolve("again.csv").toString());

        assertThat(exit).isZero();
        assertThat(Files.readString(directory.resolve("again.csv"))).contains(id);
    }

    @Test
    void historyListsStoredComparisonsAndBuiltInWorkloads() {
        run(shortRun("memory", "first.md"));

        run("compare", "--history", "--data-dir", directory.toString());

        assertThat(out.toString()).contains("max-throughput, batched-throughput, fixed-rate-latency, demo-router-hop")
                .contains("max-throughput").contains("memory");
    }

    @Test
    void withoutAnOutputFileTheMarkdownGoesToStandardOutput() {
        run("compare", "--brokers", "memory", "--messages", "200", "--no-save", "--quiet",
                "-o", "memory.instance=compare-cli-stdout");

        assertThat(out.toString()).startsWith("# Broker comparison: max-throughput");
        assertThat(err.toString()).doesNotContain("[memory]");
    }
}
