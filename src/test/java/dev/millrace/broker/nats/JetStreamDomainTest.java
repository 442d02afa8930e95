package dev.millrace.broker.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.millrace.broker.Brokers;
import dev.millrace.message.ConnectionException;
import dev.millrace.message.Message;
import dev.millrace.message.SubscribeOptions;
import dev.millrace.testing.FreePorts;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code jetstream-domain} and {@code jetstream-api-prefix} options, against a hub server (JetStream domain
 * {@value #HUB}) and a leaf node with a JetStream of its own (domain {@value #LEAF}). Clients connect to the leaf:
 * without the options they would use the leaf's JetStream, so finding the streams on the hub (and not on the leaf)
 * shows that management and the pull requests of subscriptions both went to the hub's API.
 */
class JetStreamDomainTest {
    private static final String HUB = "hub";
    private static final String LEAF = "leaf";
    /** A durable group, so that the consumer is a server object the pull requests must reach by its API. */
    private static final SubscribeOptions DURABLE_GROUP = SubscribeOptions.group("workers");
    private static final Duration LEAF_LINK_TIMEOUT = Duration.ofSeconds(15);
    private static NatsServer hub;
    private static NatsServer leaf;
    private static Connection raw;

    @BeforeAll
    static void startHubAndLeaf() throws Exception {
        int leafnodePort = FreePorts.next();
        hub = NatsServer.startWith("jetstream { domain: " + HUB + " }\n"
                + "leafnodes { listen: \"127.0.0.1:" + leafnodePort + "\" }\n");
        leaf = NatsServer.startWith("jetstream { domain: " + LEAF + " }\n"
                + "leafnodes { remotes: [ { url: \"nats://127.0.0.1:" + leafnodePort + "\" } ] }\n");
        raw = Nats.connect(leaf.url());
        awaitHubReachableFromLeaf();
    }

    @AfterAll
    static void stopServers() throws InterruptedException {
        raw.close();
        leaf.destroy();
        hub.destroy();
    }

    @Test
    void aDomainPutsStreamsAndConsumersInThatDomainAndCarriesMessages() throws Exception {
        String topic = "domain-" + Message.newId();

        RoundTrip.assertMessageGoesThrough("jetstream", Map.of("servers", leaf.url(), "jetstream-domain", HUB),
                topic, DURABLE_GROUP);

        assertThat(streamNames(HUB)).contains(Subjects.toName(topic));
        assertThat(streamNames(LEAF)).doesNotContain(Subjects.toName(topic));
    }

    @Test
    void anApiPrefixReachesTheApiItNames() throws Exception {
        String topic = "prefix-" + Message.newId();

        RoundTrip.assertMessageGoesThrough("jetstream",
                Map.of("servers", leaf.url(), "jetstream-api-prefix", "$JS." + HUB + ".API"), topic, DURABLE_GROUP);

        assertThat(streamNames(HUB)).contains(Subjects.toName(topic));
        assertThat(streamNames(LEAF)).doesNotContain(Subjects.toName(topic));
    }

    @Test
    void aDomainNoServerServesFailsAtConnectNamingTheDomain() {
        ConnectionException failure = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> catchThrowableOfType(ConnectionException.class, () -> Brokers.require("jetstream").connect(
                        Map.of("servers", leaf.url(), "jetstream-domain", "nowhere", "request-timeout", "2s"))));

        assertThat(failure).isNotNull();
        assertThat(failure).hasMessageContaining("JetStream domain 'nowhere'");
    }

    private static List<String> streamNames(String domain) throws IOException, JetStreamApiException {
        return raw.jetStreamManagement(JetStreamOptions.builder().domain(domain).build()).getStreamNames();
    }

    /** The leaf links to the hub a moment after both started; until then the hub's domain has no responders. */
    private static void awaitHubReachableFromLeaf() throws IOException, InterruptedException {
        JetStreamManagement management = raw.jetStreamManagement(JetStreamOptions.builder().domain(HUB)
                .requestTimeout(Duration.ofMillis(500)).build());
        long deadline = System.nanoTime() + LEAF_LINK_TIMEOUT.toNanos();
        while (true) {
            try {
                management.getAccountStatistics();
                return;
            } catch (IOException | JetStreamApiException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the leaf node did not reach the hub's JetStream within "
                            + LEAF_LINK_TIMEOUT.toSeconds() + " s", notYet);
                }
                Thread.sleep(50);
            }
        }
    }
}
