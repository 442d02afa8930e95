package dev.millrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.message.Message;
import dev.millrace.message.Publisher;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The record, sessions, export, import, replay and bench-record commands, on in-memory brokers of this JVM. */
class RecordCommandsTest {
    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private BrokerConnection source;

    /** Keeps the source instance alive between commands (an instance lives while a connection uses it). */
    @BeforeEach
    void openSource() {
        source = Brokers.require("memory").connect(Map.of("instance", "cli-source-" + directory.hashCode()));
    }

    @AfterEach
    void closeSource() {
        source.close();
    }

    @Test
    void recordStopsAfterTheCountAndReportsTheCompleteSession() {
        publish("orders", 10);

        int exit = run("record", "-o", "instance=" + instance(), "-t", "orders", "--count", "10", "--name", "ten");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Session 1 'ten' complete: 10 recorded, 0 dropped, 10 received.");
    }

    @Test
    void recordStopsAfterTheDuration() {
        int exit = run("record", "-o", "instance=" + instance(), "-t", "quiet", "--duration", "300ms", "--name", "q");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Session 1 'q' complete: 0 recorded");
    }

    @Test
    void sessionsListsWhatWasRecorded() {
        recordTen();

        int exit = run("sessions");

        assertThat(exit).isZero();
        assertThat(out.toString()).containsPattern("\\s+1\\s+ten\\s+complete\\s+\\S+ \\S+\\s+memory\\s+10\\s+10\\s+0");
    }

    @Test
    void exportWritesTheSessionAsJsonLines() throws IOException {
        recordTen();
        Path file = directory.resolve("ten.jsonl");

        int exit = run("export", "ten", "--file", file.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Exported session 1 'ten' to " + file + ": 10 messages, 0 gap markers");
        assertThat(Files.readAllLines(file)).hasSize(12);
    }

    @Test
    void exportWritesCsvWhenAsked() throws IOException {
        recordTen();
        Path file = directory.resolve("ten.csv");

        run("export", "1", "--format", "csv", "--file", file.toString());

        assertThat(Files.readString(file)).startsWith("seq,kind,received_at,topic").contains(",message,");
    }

    @Test
    void importReadsAnExportIntoANewSession() {
        recordTen();
        Path file = directory.resolve("ten.jsonl");
        run("export", "1", "--file", file.toString());

        int exit = run("import", file.toString(), "--name", "copy");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Imported session 2 'copy': 10 messages, 0 dropped");
    }

    @Test
    void importOfACorruptFileFailsNamingTheLine() throws IOException {
        Path file = directory.resolve("bad.jsonl");
        Files.writeString(file, "{\"kind\":\"gap\",\"seq\":1,\"topic\":\"t\",\"received_at\":\"2026-01-01T00:00:00Z\","
                + "\"received_nanos\":0,\"dropped\":1}\n{oops\n", StandardCharsets.UTF_8);

        int exit = run("import", file.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("line 2: not valid JSON").contains("nothing was imported");
    }

    @Test
    void replayPublishesIntoAnotherBrokerWithATopicMapping() throws InterruptedException {
        recordTen();
        try (BrokerConnection target = Brokers.require("memory").connect(Map.of("instance", "cli-target-"
                + directory.hashCode()));
             Subscriber subscriber = target.newSubscriber()) {
            subscriber.initialize("copy", SubscribeOptions.group("check"));

            int exit = run("replay", "1", "-o", "instance=cli-target-" + directory.hashCode(), "--map", "orders=copy");

            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).contains("Replayed 10 messages of session 1.");
            assertThat(receiveAll(subscriber, "copy")).hasSize(10);
        }
    }

    @Test
    void anUnknownSessionIsReportedInPlainWords() {
        int exit = run("export", "42");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no session with id 42");
    }

    @Test
    void benchRecordPrintsItsTables() {
        int exit = run("bench-record", "--messages", "2000", "--rates", "1000", "--rate-duration", "1s",
                "--ack-readers", "2");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("| subscribe-only drain | 2,000 |", "| record drain, no acks | 2,000 |",
                "| 1,000 |", "| export JSON Lines", "| topic |");
    }

    private void recordTen() {
        publish("orders", 10);
        assertThat(run("record", "-o", "instance=" + instance(), "-t", "orders", "--count", "10", "--name", "ten"))
                .as(err.toString()).isZero();
        out.getBuffer().setLength(0);
    }

    private int run(String... args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        if (!arguments.get(0).equals("bench-record")) {
            arguments.addAll(List.of("--data-dir", directory.resolve("data").toString()));
        }
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(arguments.toArray(String[]::new));
    }

    private String instance() {
        return "cli-source-" + directory.hashCode();
    }

    private void publish(String topic, int count) {
        try (Publisher publisher = source.newPublisher()) {
            for (int i = 0; i < count; i++) {
                publisher.publish(topic, Message.of(("message " + i).getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private static List<Message> receiveAll(Subscriber subscriber, String topic) throws InterruptedException {
        List<Message> received = new ArrayList<>();
        try (Subscription subscription = subscriber.subscribe(topic, SubscribeOptions.group("check"))) {
            for (Message message = subscription.receive(Duration.ofSeconds(10)); message != null;
                 message = subscription.receive(Duration.ofMillis(300))) {
                message.ack();
                received.add(message);
            }
        }
        return received;
    }
}
