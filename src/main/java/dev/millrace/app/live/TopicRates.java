package dev.millrace.app.live;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Per-topic message and byte counters, bumped by subscription threads and read by the once-a-second sampler. */
public final class TopicRates {

    /** Totals of one topic since the counters were made. */
    public record Totals(long messages, long bytes) {
    }

    private record Counter(LongAdder messages, LongAdder bytes) {
    }

    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    public void count(String topic, int payloadBytes) {
        Counter counter = counters.computeIfAbsent(topic, name -> new Counter(new LongAdder(), new LongAdder()));
        counter.messages().increment();
        counter.bytes().add(payloadBytes);
    }

    /** Totals per topic, sorted by topic name. */
    public Map<String, Totals> snapshot() {
        Map<String, Totals> totals = new TreeMap<>();
        counters.forEach((topic, counter) -> totals.put(topic,
                new Totals(counter.messages().sum(), counter.bytes().sum())));
        return totals;
    }
}
