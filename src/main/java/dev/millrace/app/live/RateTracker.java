package dev.millrace.app.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@link TopicRates} totals into rates: sampled about once a second, it keeps the last minute of msg/s and
 * bytes/s per topic for the chart. Used on the FX thread only.
 */
public final class RateTracker {
    public static final int HISTORY = 60;

    /** One topic's rate over the last sample interval, and its recent history of msg/s. */
    public record TopicRate(String topic, double messagesPerSecond, double bytesPerSecond, long totalMessages,
                            List<Double> recentMessagesPerSecond) {
    }

    private final TopicRates source;
    private final Map<String, TopicRates.Totals> previous = new LinkedHashMap<>();
    private final Map<String, Deque<Double>> history = new LinkedHashMap<>();
    private long previousNanos;

    public RateTracker(TopicRates source) {
        this.source = source;
    }

    /** Takes a sample at {@code nowNanos}; the first call only sets the baseline and reports zero rates. */
    public List<TopicRate> sample(long nowNanos) {
        Map<String, TopicRates.Totals> current = source.snapshot();
        double seconds = previousNanos == 0 ? 0 : (nowNanos - previousNanos) / 1e9;
        List<TopicRate> rates = new ArrayList<>(current.size());
        current.forEach((topic, totals) -> {
            TopicRates.Totals before = previous.getOrDefault(topic, new TopicRates.Totals(0, 0));
            double messages = seconds > 0 ? (totals.messages() - before.messages()) / seconds : 0;
            double bytes = seconds > 0 ? (totals.bytes() - before.bytes()) / seconds : 0;
            Deque<Double> recent = history.computeIfAbsent(topic, name -> new ArrayDeque<>(HISTORY + 1));
            recent.addLast(messages);
            while (recent.size() > HISTORY) {
                recent.removeFirst();
            }
            rates.add(new TopicRate(topic, messages, bytes, totals.messages(), List.copyOf(recent)));
        });
        previous.clear();
        previous.putAll(current);
        previousNanos = nowNanos;
        return rates;
    }
}
