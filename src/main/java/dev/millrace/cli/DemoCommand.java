package dev.millrace.cli;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.flows.DemoEvent;
import dev.millrace.flows.DemoFlow;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Runs the talk's demo flow on the chosen broker and prints what each handler receives. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the demo flow: a publisher feeds incoming_topic, hello_handler answers on outgoing_topic, "
                + "two consumer handlers print what they receive.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    private BrokerSelection selection;

    @Option(names = "--count", defaultValue = "5",
            description = "Greetings to send, then stop once all were handled; 0 runs until Ctrl-C. Default: ${DEFAULT-VALUE}.")
    private long count;

    @Option(names = "--interval", defaultValue = "1s", converter = DurationConverter.class,
            description = "Pause between greetings (500ms, 3s, PT1M). Default: ${DEFAULT-VALUE}.")
    private Duration interval;

    @Option(names = "--timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "Fail if a counted run has not completed in this time. Default: ${DEFAULT-VALUE}.")
    private Duration timeout;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try (BrokerConnection connection = selection.connect();
             DemoFlow flow = new DemoFlow(connection, new DemoFlow.Settings(interval, count), event -> print(out, event))) {
            out.printf("Demo flow on %s (%s)%n", connection.adapter().displayName(), connection.adapter().id());
            out.flush();
            flow.start();
            if (count == 0) {
                new CountDownLatch(1).await();
            }
            if (!flow.awaitCompletion(timeout.plus(interval.multipliedBy(count)))) {
                spec.commandLine().getErr().println("demo did not complete within " + timeout);
                return 1;
            }
            out.printf("%nDone: %d greetings sent, answered on %s and received by both consumer handlers.%n",
                    count, DemoFlow.OUTGOING_TOPIC);
            return 0;
        }
    }

    private static void print(PrintWriter out, DemoEvent event) {
        synchronized (out) {
            switch (event) {
                case DemoEvent.Sent sent -> out.printf("%nSending message %s, correlation id: %s%n",
                        sent.messageId(), sent.correlationId());
                case DemoEvent.HandlerMiddleware seen -> out.printf("executing %s specific middleware for %s%n",
                        seen.handler(), seen.messageId());
                case DemoEvent.Received received -> out.printf("%s received message %s on %s, correlation id: %s, "
                                + "payload: %s, metadata: %s%n", received.handler(), received.messageId(),
                        received.topic(), received.correlationId(), received.payload(), received.metadata());
            }
            out.flush();
        }
    }
}
