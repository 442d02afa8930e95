package dev.millrace.broker.nats;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Capabilities;
import dev.millrace.broker.Feature;
import dev.millrace.broker.OptionSpec;
import dev.millrace.broker.OptionType;
import dev.millrace.broker.OptionValues;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Core NATS: subjects with wildcards, queue groups, and at-most-once delivery. The server keeps no message: what is
 * published while nobody subscribes is gone, and a message is delivered once. So this adapter declares neither
 * {@code PERSISTENT} nor {@code RESTARTABLE}: a server restart loses what was in flight, which the reconnect case
 * of the conformance suite does not allow. A nack is honoured by the subscription itself, which hands the message
 * out again (see {@link CoreSubscription}). For streams, acknowledgements and redelivery use the {@code jetstream}
 * adapter.
 */
public final class NatsAdapter implements BrokerAdapter {
    static final String ID = "nats";
    static final String MONITORING_URL = "monitoring-url";
    static final String PENDING_BYTES = "pending-bytes";
    /** nats-server's default {@code max_payload}; a connection reports the one its server announced. */
    static final long DEFAULT_MAX_PAYLOAD = 1 << 20;

    private static final List<OptionSpec> OPTIONS = Stream.concat(NatsSettings.OPTIONS.stream(), Stream.of(
            OptionSpec.optional(MONITORING_URL, OptionType.STRING, null,
                    "The server's HTTP monitoring endpoint (nats-server -m 8222: http://localhost:8222); the "
                            + "browse view lists subjects with subscribers from it"),
            OptionSpec.optional(PENDING_BYTES, OptionType.SIZE, "64MiB",
                    "Bytes one subscription buffers for a slow reader before the client drops messages"))).toList();

    private static final Capabilities CAPABILITIES = new Capabilities(EnumSet.of(
            Feature.CONSUMER_GROUPS,
            Feature.GUARANTEED_ORDER_WITH_SINGLE_SUBSCRIBER,
            Feature.NETWORK,
            Feature.AUTHENTICATION,
            Feature.KEYS,
            Feature.WILDCARDS), DEFAULT_MAX_PAYLOAD);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "NATS (core)";
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public BrokerConnection connect(Map<String, String> options) {
        OptionValues values = OptionValues.parse(OPTIONS, options);
        NatsSettings settings = NatsSettings.from(values);
        MonitoringClient monitoring = monitoring(values, settings);
        long pendingBytes = values.size(PENDING_BYTES);
        return new CoreNatsConnection(this, NatsClient.connect(settings), settings, monitoring, pendingBytes);
    }

    private static MonitoringClient monitoring(OptionValues values, NatsSettings settings) {
        String url = values.string(MONITORING_URL);
        if (url == null) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        try {
            URI uri = new URI(url.endsWith("/") ? url : url + "/");
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.add("option '" + MONITORING_URL + "' must be an http(s) URL, got '" + url + "'");
            } else {
                return new MonitoringClient(uri, settings.requestTimeout());
            }
        } catch (URISyntaxException e) {
            problems.add("option '" + MONITORING_URL + "' is not a URL: " + e.getReason());
        }
        throw NatsSettings.invalid(problems);
    }
}
