package dev.millrace.broker.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AckSubjectTest {

    @Test
    void readsTheDeliveryFactsOfThePlainForm() {
        AckSubject ack = AckSubject.parse("$JS.ACK.ORDERS.worker.3.1042.77.1764184800123456789.5");

        assertThat(ack).isNotNull();
        assertThat(ack.stream()).isEqualTo("ORDERS");
        assertThat(ack.delivered()).isEqualTo(3);
        assertThat(ack.redelivered()).isTrue();
        assertThat(ack.streamSequence()).isEqualTo(1042);
        assertThat(ack.timestamp()).isEqualTo(Instant.ofEpochSecond(1_764_184_800L, 123_456_789));
    }

    @Test
    void readsTheDeliveryFactsOfTheDomainForm() {
        AckSubject ack = AckSubject.parse("$JS.ACK.hub.ACCHASH.ORDERS.worker.1.7.7.1764184800000000001.0.r4nd0m");

        assertThat(ack).isNotNull();
        assertThat(ack.stream()).isEqualTo("ORDERS");
        assertThat(ack.delivered()).isEqualTo(1);
        assertThat(ack.redelivered()).isFalse();
        assertThat(ack.streamSequence()).isEqualTo(7);
        assertThat(ack.timestamp()).isEqualTo(Instant.ofEpochSecond(1_764_184_800L, 1));
    }

    @Test
    void leavesSubjectsOfOtherFormsToTheClient() {
        assertThat(AckSubject.parse(null)).isNull();
        assertThat(AckSubject.parse("_INBOX.abc")).isNull();
        assertThat(AckSubject.parse("$JS.ACK.ORDERS.worker.3.1042")).isNull();
        assertThat(AckSubject.parse("$JS.ACK.ORDERS.worker.x.1042.77.1764184800123456789.5")).isNull();
        assertThat(AckSubject.parse("$JS.ACK.ORDERS.worker.3..77.1764184800123456789.5")).isNull();
        assertThat(AckSubject.parse("$JS.ACK.ORDERS.worker.3.1042.77.99999999999999999999.5")).isNull();
    }
}
