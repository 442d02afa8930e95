package dev.millrace.record;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.message.Message;
import dev.millrace.message.Publisher;
import dev.millrace.message.SubscribeOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The process a crash test kills: records until it is killed, printing {@code COMMITTED n} after every commit (so
 * the parent knows at least n messages are on disk). Modes:
 * <ul>
 *   <li>{@code jetstream DIR URL TOPIC GROUP}: records a JetStream topic as a consumer group (acks after commit);</li>
 *   <li>{@code memory DIR}: publishes {@link #payload numbered messages} into a transient memory broker of its own
 *       as fast as it can while recording them (acks on receipt, overflow as gap markers);</li>
 *   <li>{@code hold DIR}: opens the store, prints {@code OPEN} and waits, holding the file.</li>
 * </ul>
 */
public final class RecordingChild {
    static final String TOPIC = "crash";

    private RecordingChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        String mode = args[0];
        RecordStore store = RecordStore.open(Path.of(args[1]));
        switch (mode) {
            case "hold" -> out.println("OPEN");
            case "jetstream" -> {
                BrokerConnection broker = Brokers.require("jetstream").connect(Map.of("servers", args[2],
                        "ack-wait", "2s"));
                record(store, broker, new SubscriptionSpec(args[3], SubscribeOptions.group(args[4]), 4), out);
            }
            case "memory" -> {
                BrokerConnection broker = Brokers.require("memory").connect(Map.of("instance", "child",
                        "persistent", "false", "max-messages", "100000000", "max-bytes", "8GiB"));
                record(store, broker, SubscriptionSpec.of(TOPIC), out);
                publishForever(broker);
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** The payload of message {@code index}: text naming it, so that the parent can check every byte. */
    static byte[] payload(long index) {
        return ("message " + index + " " + "x".repeat((int) (index % 200))).getBytes(StandardCharsets.UTF_8);
    }

    private static void record(RecordStore store, BrokerConnection broker, SubscriptionSpec spec, PrintStream out) {
        Recording recording = store.recorder().start(RecordingRequest.of("crash", broker, List.of(spec)));
        recording.addListener(stats -> {
            out.println("COMMITTED " + stats.recorded());
            out.flush();
        });
        out.println("SESSION " + recording.sessionId());
        out.flush();
    }

    private static void publishForever(BrokerConnection broker) {
        try (Publisher publisher = broker.newPublisher()) {
            for (long index = 0; ; ) {
                List<Message> batch = new ArrayList<>(100);
                for (int i = 0; i < 100; i++, index++) {
                    Message message = new Message("crash-" + index, payload(index));
                    message.metadata().set("index", String.valueOf(index));
                    batch.add(message);
                }
                publisher.publish(TOPIC, batch);
            }
        }
    }
}
