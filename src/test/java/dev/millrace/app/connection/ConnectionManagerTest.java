package dev.millrace.app.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.millrace.app.fx.Background;
import dev.millrace.app.fx.Fx;
import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.broker.Capabilities;
import dev.millrace.broker.Feature;
import dev.millrace.broker.OptionSpec;
import dev.millrace.message.ConnectionException;
import dev.millrace.message.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/** Connecting never blocks the FX thread, and a broker that is down or silent ends in a message, not a hang. */
@ExtendWith(ApplicationExtension.class)
class ConnectionManagerTest {
    private final CountDownLatch neverAnswers = new CountDownLatch(1);
    private final Background background = new Background();
    private final ConnectionManager manager = new ConnectionManager(new InMemoryProfileRepository(), background,
            Duration.ofMillis(500), this::adapter);

    @AfterEach
    void release() {
        neverAnswers.countDown();
        background.close();
    }

    @Test
    void aBrokerThatRefusesIsReportedInPlainWords() {
        ManagedConnection down = Fx.callAndWait(() -> manager.add(ConnectionProfile.create("Down", "refusing", Map.of(), false)));

        Fx.runAndWait(() -> manager.connect(down));

        await().atMost(Duration.ofSeconds(5)).until(() -> Fx.callAndWait(down::state) instanceof ConnectionState.Failed);
        ConnectionState.Failed failed = (ConnectionState.Failed) Fx.callAndWait(down::state);
        assertThat(failed.problem().summary()).isEqualTo("The broker could not be reached. localhost:1 refused the connection");
    }

    @Test
    void aBrokerThatNeverAnswersFailsAfterTheConnectTimeoutWhileTheWindowStaysResponsive() {
        ManagedConnection silent = Fx.callAndWait(() -> manager.add(ConnectionProfile.create("Silent", "silent", Map.of(), false)));

        long started = System.nanoTime();
        Fx.runAndWait(() -> manager.connect(silent));
        Duration onFxThread = Duration.ofNanos(System.nanoTime() - started);

        assertThat(Fx.callAndWait(silent::state)).isInstanceOf(ConnectionState.Connecting.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> Fx.callAndWait(silent::state) instanceof ConnectionState.Failed);
        assertThat(((ConnectionState.Failed) Fx.callAndWait(silent::state)).problem().summary())
                .isEqualTo("The broker did not answer within 500 ms.");
        assertThat(onFxThread).isLessThan(Duration.ofMillis(400));
    }

    @Test
    void testingAProfileConnectsListsTopicsAndSaysHowItWent() {
        ConnectionProfile memory = ConnectionProfile.create("Scratch", "memory",
                Map.of("instance", "manager-test-" + Message.newId()), false);

        TestResult result = Fx.callAndWait(() -> manager.test(memory)).join();

        assertThat(result).isInstanceOf(TestResult.Success.class);
        assertThat(result.summary()).startsWith("Connected in ").endsWith("the broker lists 0 topics.");
    }

    private Optional<BrokerAdapter> adapter(String id) {
        return switch (id) {
            case "refusing" -> Optional.of(new FakeAdapter(id, () -> {
                throw new ConnectionException(ConnectionException.Reason.UNREACHABLE, "localhost:1 refused the connection");
            }));
            case "silent" -> Optional.of(new FakeAdapter(id, () -> {
                try {
                    neverAnswers.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new ConnectionException(ConnectionException.Reason.TIMEOUT, "gave up");
            }));
            default -> Brokers.find(id);
        };
    }

    private record FakeAdapter(String id, Runnable connecting) implements BrokerAdapter {
        @Override
        public String displayName() {
            return id;
        }

        @Override
        public List<OptionSpec> options() {
            return List.of();
        }

        @Override
        public Capabilities capabilities() {
            return new Capabilities(Set.of(Feature.NETWORK), 1024);
        }

        @Override
        public BrokerConnection connect(Map<String, String> options) {
            connecting.run();
            throw new IllegalStateException("unreachable");
        }
    }
}
