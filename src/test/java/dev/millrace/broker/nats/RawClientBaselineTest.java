package dev.millrace.broker.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.broker.RawClientBaseline;
import dev.millrace.message.Message;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class RawClientBaselineTest {
    private final Map<String, String> options = Map.of("servers", NatsServer.shared().url());

    @Test
    void bothBaselinesAreFoundByAdapterId() {
        assertThat(ServiceLoader.load(RawClientBaseline.class).stream().map(p -> p.get().adapterId()))
                .contains("nats", "jetstream");
    }

    @Test
    void theJetStreamBaselineReadsBackEveryMessageItPublished() throws Exception {
        assertDoesTheWork(new JetStreamRawClientBaseline());
    }

    @Test
    void theCoreNatsBaselineReadsBackEveryMessageItPublished() throws Exception {
        assertDoesTheWork(new NatsRawClientBaseline());
    }

    private void assertDoesTheWork(RawClientBaseline baseline) throws Exception {
        String topic = "raw-" + Message.newId().substring(0, 8);
        baseline.prepare(options, topic);

        Duration published = baseline.publish(options, topic, 500, 64, 4);
        Duration consumed = baseline.consume(options, topic, 500);

        assertThat(published).isPositive();
        assertThat(consumed).isPositive();
    }
}
