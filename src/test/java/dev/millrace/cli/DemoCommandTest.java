package dev.millrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {
    private static final Pattern SENT = Pattern.compile("Sending message \\S+, correlation id: (\\S+)");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void demoOnTheMemoryBrokerPrintsEachCorrelationIdOnBothTopics() {
        int exit = run("demo", "--broker", "memory", "-o", "instance=demo-test", "--count", "3", "--interval", "20ms");

        assertThat(exit).as(err.toString()).isZero();
        List<String> correlationIds = SENT.matcher(out.toString()).results().map(result -> result.group(1)).toList();
        assertThat(correlationIds).hasSize(3).doesNotHaveDuplicates();
        for (String correlationId : correlationIds) {
            assertThat(out.toString())
                    .contains("incoming_topic_handler received message")
                    .containsPattern("incoming_topic_handler received message \\S+ on incoming_topic, correlation id: "
                            + Pattern.quote(correlationId) + ", payload: Hello, watermill!")
                    .containsPattern("outgoing_topic_handler received message \\S+ on outgoing_topic, correlation id: "
                            + Pattern.quote(correlationId) + ", payload: message produced by hello_handler");
        }
    }

    @Test
    void demoRunsHelloHandlersOwnMiddlewareForEachGreeting() {
        run("demo", "-o", "instance=demo-middleware-test", "--count", "2", "--interval", "20ms");

        Matcher matcher = Pattern.compile("executing hello_handler specific middleware for").matcher(out.toString());
        assertThat(matcher.results().count()).isEqualTo(2);
    }

    @Test
    void unknownBrokerIsReportedWithTheAvailableIds() {
        int exit = run("demo", "--broker", "nosuch");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no broker adapter 'nosuch'").contains("available: ").contains("memory");
    }

    @Test
    void invalidBrokerOptionIsReportedInPlainWords() {
        int exit = run("demo", "-o", "no-such-option=1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("unknown option 'no-such-option'");
    }
}
