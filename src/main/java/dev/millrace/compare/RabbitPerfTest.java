package dev.millrace.compare;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * RabbitMQ's PerfTest ({@code com.rabbitmq:perf-test}) with the workload's producers, consumers and message size,
 * persistent messages, as many unconfirmed publishes per producer as one Millrace publish call carries (it waits for
 * their confirms) and manual acks with the adapter's prefetch. PerfTest's consumers always run alongside its
 * producers.
 */
record RabbitPerfTest() implements ReferenceTool {
    private static final Pattern SENDING = Pattern.compile("sending rate avg: ([\\d.,]+) msg/s");
    /** Stands for the password in the URI until it is put in; the report shows it masked. */
    private static final String PASSWORD = "{password}";
    private static final Pattern RECEIVING = Pattern.compile("receiving rate avg: ([\\d.,]+) msg/s");

    @Override
    public String key() {
        return "perf-test";
    }

    @Override
    public String name() {
        return "RabbitMQ PerfTest";
    }

    @Override
    public String requirement() {
        return "the class path of com.rabbitmq:perf-test and its dependencies";
    }

    @Override
    public boolean appliesTo(BrokerTarget target) {
        return target.adapterId().equals("amqp");
    }

    @Override
    public ReferenceResult run(BrokerTarget target, Workload workload, Measured measured, String classPath,
            ToolProcess process) {
        long messages = measured.messages();
        if (Boolean.parseBoolean(ReferenceTool.option(target, "tls", "false"))) {
            return new ReferenceResult(target.label(), name(), null, null, null, null,
                    "the honesty check runs PerfTest on plain AMQP only");
        }
        String host = ReferenceTool.option(target, "host", "localhost");
        String port = ReferenceTool.option(target, "port", "5672");
        String user = ReferenceTool.option(target, "username", "guest");
        String password = ReferenceTool.option(target, "password", "guest");
        String vhost = URLEncoder.encode(ReferenceTool.option(target, "vhost", "/"), StandardCharsets.UTF_8);
        String uri = "amqp://" + encode(user) + ":" + PASSWORD + "@" + host + ":" + port + "/" + vhost;
        int producers = workload.producers();
        List<String> arguments = new ArrayList<>(List.of("--producers", Integer.toString(producers),
                "--consumers", Integer.toString(workload.consumers()), "--size",
                Integer.toString(workload.messageSize()), "--pmessages", Long.toString(messages / producers),
                "--cmessages", Long.toString(messages / producers * producers / workload.consumers()),
                "--confirm", Integer.toString(workload.publishBatch()), "--flag", "persistent",
                "--qos", ReferenceTool.option(target, "prefetch", "100"), "--auto-delete", "true"));
        if (!workload.unlimitedRate()) {
            arguments.addAll(List.of("--rate", Integer.toString(Math.max(1, workload.targetRate() / producers))));
        }
        List<String> run = new ArrayList<>(List.of("--uri", uri.replace(PASSWORD, encode(password))));
        run.addAll(arguments);
        String command = "PerfTest --uri " + uri.replace(PASSWORD, "****") + " " + String.join(" ", arguments);
        ToolProcess.Outcome outcome = process.java(classPath, "com.rabbitmq.perf.PerfTest", run);
        Double sending = sendingRate(outcome.output());
        Double receiving = receivingRate(outcome.output());
        if (!outcome.succeeded() || sending == null) {
            return new ReferenceResult(target.label(), name(), command, null, null, null,
                    "PerfTest gave no result: " + outcome.tail());
        }
        return new ReferenceResult(target.label(), name(), command, sending, receiving, method(workload), null);
    }

    /** How PerfTest's work differs from Millrace's, in the report's words. */
    static String method(Workload workload) {
        String confirms = workload.publishBatch() == 1
                ? "each producer waiting for its one outstanding confirm"
                : "each producer with up to " + Formats.count(workload.publishBatch()) + " outstanding confirms (a "
                        + "sliding window; Millrace's producers publish that many per call and wait for them all)";
        return "the same producers, consumers and size, persistent messages, " + confirms + ", manual acks with "
                + "the same prefetch; PerfTest's own default exchange and a fresh auto-delete queue"
                + (workload.consumeAfterPublishing()
                ? "; PerfTest's consumers run alongside its producers, while Millrace's started after publishing"
                : "");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static Double sendingRate(String output) {
        return ReferenceTool.lastNumber(SENDING, output);
    }

    static Double receivingRate(String output) {
        return ReferenceTool.lastNumber(RECEIVING, output);
    }
}
