package dev.millrace.record;

import com.sun.management.OperatingSystemMXBean;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.message.CapacityExceededException;
import dev.millrace.message.Envelope;
import dev.millrace.message.Message;
import dev.millrace.message.Publisher;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.message.Subscriber;
import dev.millrace.message.Subscription;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Measures the recorder against plain subscribing on the same in-memory source in the same run, then export speed
 * and search latency on the session it recorded. Each source is a fresh memory instance; the subscribe-only baseline
 * reads and acks one message at a time, as the recorder's reader does.
 *
 * <ul>
 *   <li><b>drain</b>: {@code messages} are published first, then read as fast as possible: subscribe-only, recording
 *       without acknowledgements (the memory broker with {@code persistent=false}; queue large enough that nothing is
 *       dropped, so the rate is the writer's), and recording with acknowledgements ({@code persistent=true}: one
 *       commit per message per reader);</li>
 *   <li><b>paced</b>: a publisher offers each rate for a while, subscribe-only and then recording; the recorder may
 *       drop (and mark) what it cannot write; its rate is what it wrote over the time until its backlog was
 *       written, so recorded/subscribed says how much of the rate it kept;</li>
 *   <li><b>export</b>: the drained session to JSON Lines, discarding the bytes;</li>
 *   <li><b>search</b>: typical filters, first page of 100, on the drained session or, with {@code searchMessages}
 *       above {@code messages}, on a session of that many messages of the same shape written straight into the
 *       store through the recorder's block writer (no broker holds ten million messages in memory); each search
 *       runs three times and reports its median.</li>
 * </ul>
 */
public final class RecordBenchmark {
    private static final int TOPICS = 4;
    private static final int PUBLISH_BATCH = 500;
    private static final long GENERATE_COMMIT = 100_000;

    /**
     * @param messages     messages of the drain runs (and of the session searched and exported)
     * @param payloadBytes payload size
     * @param rates        offered rates of the paced runs, msg/s
     * @param rateDuration how long each paced run offers its rate
     * @param ackReaders   readers of the recording with acknowledgements
     * @param searchMessages messages of the session searched, when more than {@code messages}
     */
    public record Settings(long messages, int payloadBytes, List<Integer> rates, Duration rateDuration,
            int ackReaders, long searchMessages) {
    }

    /**
     * A rate measured on a phase.
     *
     * @param cpu CPU time the whole process used meanwhile (all threads): on a shared machine, messages per CPU
     *            second say more than messages per second
     */
    public record Rate(String phase, long messages, Duration elapsed, long dropped, Duration cpu) {
        public double perSecond() {
            return messages / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }

        public double perCpuSecond() {
            return messages / Math.max(1e-9, cpu.toNanos() / 1e9);
        }
    }

    /** One paced run: what subscribe-only and recording achieved at an offered rate. */
    public record Paced(int offered, Rate subscribed, Rate recorded) {
    }

    /** One search and how long its first page took. */
    public record Search(String filter, int found, Duration latency) {
    }

    /**
     * @param generated writing the searched session straight into the store, or null when the drained session
     *                  was searched
     */
    public record Result(Rate subscribeDrain, Rate recordDrain, Rate recordAckDrain, List<Paced> paced,
            Rate export, Rate generated, List<Search> searches, long sessionMessages) {
    }

    private final RecordStore store;

    public RecordBenchmark(RecordStore store) {
        this.store = store;
    }

    public Result run(Settings settings) throws InterruptedException {
        Rate subscribed = subscribeDrain(settings);
        Rate recorded = recordDrain(settings, false, 1);
        long sessionId = lastSessionId();
        long ackMessages = Math.min(settings.messages(), 20_000);
        Rate acked = recordDrain(new Settings(ackMessages, settings.payloadBytes(), settings.rates(),
                settings.rateDuration(), settings.ackReaders(), 0), true, settings.ackReaders());
        List<Paced> paced = new ArrayList<>();
        for (int rate : settings.rates()) {
            paced.add(new Paced(rate, pacedSubscribe(settings, rate), pacedRecord(settings, rate)));
        }
        Rate export = export(sessionId);
        Rate generated = null;
        long searched = settings.messages();
        if (settings.searchMessages() > settings.messages()) {
            Clock clock = new Clock();
            sessionId = generate(settings.searchMessages(), settings.payloadBytes());
            searched = settings.searchMessages();
            generated = clock.rate("write a session straight into the store", searched, 0);
        }
        List<Search> searches = search(sessionId, searched);
        return new Result(subscribed, recorded, acked, paced, export, generated, searches, searched);
    }

    private Rate subscribeDrain(Settings settings) throws InterruptedException {
        SubscribeOptions group = SubscribeOptions.group("bench");
        try (BrokerConnection broker = memory("drain-subscribe", false);
             Subscriber subscriber = broker.newSubscriber()) {
            for (int t = 0; t < TOPICS; t++) {
                subscriber.initialize(topic(t), group);
            }
            publishAll(broker, settings);
            List<Subscription> subscriptions = new ArrayList<>();
            for (int t = 0; t < TOPICS; t++) {
                subscriptions.add(subscriber.subscribe(topic(t), group));
            }
            AtomicLong received = new AtomicLong();
            Clock clock = new Clock();
            readConcurrently(subscriptions, received, () -> received.get() < settings.messages());
            return clock.rate("subscribe-only drain", received.get(), 0);
        }
    }

    private Rate recordDrain(Settings settings, boolean persistent, int readers) throws InterruptedException {
        SubscribeOptions group = SubscribeOptions.group("bench");
        try (BrokerConnection broker = memory(persistent ? "drain-record-acks" : "drain-record", persistent);
             Subscriber subscriber = broker.newSubscriber()) {
            for (int t = 0; t < TOPICS; t++) {
                subscriber.initialize(topic(t), group);
            }
            publishAll(broker, settings);
            int queue = (int) Math.min(Integer.MAX_VALUE - 8, settings.messages());
            RecorderSettings recorderSettings = new RecorderSettings(queue, Long.MAX_VALUE,
                    RecorderSettings.DEFAULTS.maxBatchRows(), RecorderSettings.DEFAULTS.maxBatchBytes(),
                    RecorderSettings.DEFAULTS.maxBatchDelay(), settings.messages());
            List<SubscriptionSpec> specs = new ArrayList<>();
            for (int t = 0; t < TOPICS; t++) {
                specs.add(new SubscriptionSpec(topic(t), group, readers));
            }
            Clock clock = new Clock();
            Recording recording = store.recorder().start(RecordingRequest.of("bench " + (persistent ? "acks" : "drain"),
                    broker, specs).withSettings(recorderSettings));
            recording.awaitTermination(Duration.ofDays(1));
            RecordingStats stats = recording.stats();
            return clock.rate(persistent ? "record drain, acks after commit (" + readers + " reader(s) per topic)"
                    : "record drain, no acks", stats.recorded(), stats.dropped());
        }
    }

    private Rate pacedSubscribe(Settings settings, int rate) throws InterruptedException {
        try (BrokerConnection broker = memory("paced-subscribe-" + rate, false);
             Subscriber subscriber = broker.newSubscriber()) {
            List<Subscription> subscriptions = new ArrayList<>();
            for (int t = 0; t < TOPICS; t++) {
                subscriptions.add(subscriber.subscribe(topic(t)));
            }
            AtomicBoolean publishing = new AtomicBoolean(true);
            AtomicLong received = new AtomicLong();
            Thread readers = new Thread(() -> readConcurrently(subscriptions, received, publishing::get),
                    "bench-subscribers");
            readers.start();
            Clock clock = new Clock();
            publishPaced(broker, settings, rate);
            Rate result = clock.rate("subscribe-only at " + rate + "/s", received.get(), 0);
            publishing.set(false);
            readers.join();
            return result;
        }
    }

    private Rate pacedRecord(Settings settings, int rate) throws InterruptedException {
        try (BrokerConnection broker = memory("paced-record-" + rate, false)) {
            List<SubscriptionSpec> specs = new ArrayList<>();
            for (int t = 0; t < TOPICS; t++) {
                specs.add(SubscriptionSpec.of(topic(t)));
            }
            Recording recording = store.recorder().start(RecordingRequest.of("bench paced " + rate, broker, specs));
            Clock clock = new Clock();
            publishPaced(broker, settings, rate);
            // Counted once the backlog is written: the rate the recorder sustained, not the part done in time.
            recording.close();
            RecordingStats stats = recording.stats();
            return clock.rate("record at " + rate + "/s", stats.recorded(), stats.dropped());
        }
    }

    /** The second of two exports: the first warms up the code paths, as a long export would be warm. */
    private Rate export(long sessionId) {
        store.exporter().export(sessionId, MessageFilter.ALL, ExportFormat.JSONL, OutputStream.nullOutputStream());
        Clock clock = new Clock();
        ExportResult result = store.exporter().export(sessionId, MessageFilter.ALL, ExportFormat.JSONL,
                OutputStream.nullOutputStream());
        return clock.rate("export JSON Lines (" + result.bytes() / (1 << 20) + " MiB)", result.messages(), 0);
    }

    private List<Search> search(long sessionId, long messages) {
        SessionQuery query = store.query();
        long middle = messages / 2;
        RecordedMessage sample = (RecordedMessage) query.read(sessionId, MessageFilter.ALL, middle, 1).entries().get(0);
        Instant at = sample.receivedAt();
        Map<String, Supplier<Integer>> searches = new LinkedHashMap<>();
        searches.put("page at seq " + middle, () -> query.read(sessionId, MessageFilter.ALL, middle, 100)
                .entries().size());
        searches.put("topic", () -> query.read(sessionId, MessageFilter.ALL.withTopic(topic(3)), middle, 100)
                .entries().size());
        searches.put("time range (1 s)", () -> query.read(sessionId, MessageFilter.ALL.receivedBetween(at,
                at.plusSeconds(1)), 0, 100).entries().size());
        searches.put("correlation id in session", () -> query.read(sessionId,
                MessageFilter.ALL.withCorrelationId(sample.correlationId()), 0, 100).entries().size());
        searches.put("correlation id across sessions", () -> query.correlated(sample.correlationId(), 100).size());
        searches.put("key", () -> query.read(sessionId, MessageFilter.ALL.withKey(sample.envelope().key()),
                0, 100).entries().size());
        searches.put("key, from the middle", () -> query.read(sessionId,
                MessageFilter.ALL.withKey(sample.envelope().key()), middle, 100).entries().size());
        searches.put("topic and time range (1 s)", () -> query.read(sessionId, MessageFilter.ALL.withTopic(topic(2))
                .receivedBetween(at, at.plusSeconds(1)), 0, 100).entries().size());
        searches.put("header value (row check)", () -> query.read(sessionId,
                MessageFilter.ALL.withHeader("index", sample.metadata().get("index")), 0, 100).entries().size());
        searches.put("payload text, last message (full scan)", () -> query.read(sessionId,
                MessageFilter.ALL.withPayloadText("message " + (messages - 1) + " "), 0, 100).entries().size());
        searches.put("count of a topic", () -> (int) query.count(sessionId, MessageFilter.ALL.withTopic(topic(1))));
        List<Search> results = new ArrayList<>();
        searches.forEach((name, search) -> {
            long[] nanos = new long[3];
            int found = 0;
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                found = search.get();
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            results.add(new Search(name, found, Duration.ofNanos(nanos[1])));
        });
        return results;
    }

    /**
     * Writes a complete session of {@code messages} messages shaped as the published ones, received 5 µs apart
     * (200k msg/s), through {@link BlockWriter}; commits every {@value #GENERATE_COMMIT} messages. Returns its id.
     */
    private long generate(long messages, int payloadBytes) {
        Instant start = Instant.now();
        long sessionId = store.database().transaction(connection -> SessionTable.insert(connection,
                new SessionTable.NewSession("bench search " + messages, SessionStatus.COMPLETE, start, start,
                        "memory", null, Map.of(), List.of(), "", messages, messages, 0)));
        byte[] filler = new byte[payloadBytes];
        Arrays.fill(filler, (byte) 'x');
        for (long first = 0; first < messages; first += GENERATE_COMMIT) {
            long from = first;
            long to = Math.min(messages, first + GENERATE_COMMIT);
            store.database().transaction(connection -> {
                try (BlockWriter blocks = new BlockWriter(connection, sessionId)) {
                    for (long i = from; i < to; i++) {
                        blocks.add(generated(sessionId, i, start, filler));
                    }
                    blocks.flush();
                }
                return null;
            });
        }
        return sessionId;
    }

    private static RecordedMessage generated(long sessionId, long i, Instant start, byte[] filler) {
        byte[] payload = filler.clone();
        byte[] text = ("message " + i + " ").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, payload, 0, Math.min(text.length, payload.length));
        Instant received = start.plusNanos(i * 5_000);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(Message.CORRELATION_ID, "flow-" + i / 2);
        metadata.put("index", String.valueOf(i));
        return new RecordedMessage(sessionId, i + 1, "generated-" + i, null, new Envelope("memory",
                topic((int) (i % TOPICS)), "key-" + (i % 1000), Envelope.NONE, i, null, received, i, false),
                "flow-" + i / 2, metadata, payload);
    }

    private long lastSessionId() {
        return store.query().sessions().get(0).id();
    }

    private static BrokerConnection memory(String instance, boolean persistent) {
        return Brokers.require("memory").connect(Map.of(
                "instance", "bench-record-" + instance + "-" + System.nanoTime(),
                "persistent", String.valueOf(persistent), "max-messages", "1000000000", "max-bytes", "64GiB"));
    }

    private static void publishAll(BrokerConnection broker, Settings settings) {
        try (Publisher publisher = broker.newPublisher()) {
            for (long sent = 0; sent < settings.messages(); ) {
                int count = (int) Math.min(PUBLISH_BATCH, settings.messages() - sent);
                publishBatch(publisher, settings, sent, count);
                sent += count;
            }
        }
    }

    /** Offers {@code rate} msg/s for the configured duration, in batches every 10 ms. */
    private static void publishPaced(BrokerConnection broker, Settings settings, int rate) throws InterruptedException {
        long tickNanos = 10_000_000;
        long end = System.nanoTime() + settings.rateDuration().toNanos();
        long start = System.nanoTime();
        long sent = 0;
        try (Publisher publisher = broker.newPublisher()) {
            while (System.nanoTime() < end) {
                long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
                while (sent < due) {
                    int count = (int) Math.min(PUBLISH_BATCH, due - sent);
                    try {
                        publishBatch(publisher, settings, sent, count);
                    } catch (CapacityExceededException full) {
                        // The reader fell too far behind: the broker refuses; the offer is lower than asked.
                        break;
                    }
                    sent += count;
                }
                Thread.sleep(tickNanos / 1_000_000);
            }
        }
    }

    /** Messages spread round-robin over the topics, each with a key, a correlation id per pair and an index header. */
    private static void publishBatch(Publisher publisher, Settings settings, long first, int count) {
        List<List<Message>> byTopic = new ArrayList<>();
        for (int t = 0; t < TOPICS; t++) {
            byTopic.add(new ArrayList<>());
        }
        for (long i = first; i < first + count; i++) {
            // Printable text, as most payloads are: it exports as UTF-8, not as escapes or base64.
            byte[] payload = new byte[settings.payloadBytes()];
            Arrays.fill(payload, (byte) 'x');
            byte[] text = ("message " + i + " ").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, payload, 0, Math.min(text.length, payload.length));
            Message message = new Message(Message.newId(), payload).withKey("key-" + (i % 1000));
            message.metadata().set(Message.CORRELATION_ID, "flow-" + i / 2);
            message.metadata().set("index", String.valueOf(i));
            byTopic.get((int) (i % TOPICS)).add(message);
        }
        for (int t = 0; t < TOPICS; t++) {
            if (!byTopic.get(t).isEmpty()) {
                publisher.publish(topic(t), byTopic.get(t));
            }
        }
    }

    /**
     * Reads and acks on one thread per subscription, as the recorder's readers do, while {@code carryOn} holds;
     * counts into {@code received}.
     */
    private static void readConcurrently(List<Subscription> subscriptions, AtomicLong received,
            BooleanSupplier carryOn) {
        List<Thread> threads = new ArrayList<>();
        for (Subscription subscription : subscriptions) {
            Thread thread = new Thread(() -> {
                try {
                    while (carryOn.getAsBoolean()) {
                        Message message = subscription.receive(Duration.ofMillis(50));
                        if (message != null) {
                            message.ack();
                            received.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-subscriber-" + subscription.topic());
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Wall-clock and process CPU time since it was made. */
    private static final class Clock {
        private final long startNanos = System.nanoTime();
        private final long startCpu = processCpuNanos();

        Rate rate(String phase, long messages, long dropped) {
            return new Rate(phase, messages, Duration.ofNanos(System.nanoTime() - startNanos), dropped,
                    Duration.ofNanos(processCpuNanos() - startCpu));
        }

        private static long processCpuNanos() {
            return ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getProcessCpuTime();
        }
    }

    private static String topic(int index) {
        return "bench-topic-" + index;
    }
}
