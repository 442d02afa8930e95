package dev.millrace.broker.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.millrace.message.Message;
import dev.millrace.message.Metadata;
import io.nats.client.impl.Headers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderCodecTest {

    @Test
    void idGoesIntoTheHeaderJetStreamDeduplicatesOn() {
        Message message = new Message("id-1", new byte[0]);

        Headers headers = HeaderCodec.encode(message);

        assertThat(headers.getFirst("Nats-Msg-Id")).isEqualTo("id-1");
    }

    @Test
    void idKeyAndMetadataRoundTrip() {
        Message message = new Message("id-1", Metadata.of("correlation_id", "c-9", "kind", "order"), new byte[0])
                .withKey("customer-7");

        HeaderCodec.Decoded decoded = HeaderCodec.decode(HeaderCodec.encode(message));

        assertThat(decoded.id()).isEqualTo("id-1");
        assertThat(decoded.key()).isEqualTo("customer-7");
        assertThat(decoded.metadata()).isEqualTo(message.metadata());
    }

    @Test
    void valuesHeadersCannotCarryRoundTripUnchanged() {
        Metadata metadata = Metadata.of(
                "unicode", "Grüße, 日本語, \uD83D\uDE80",
                "empty", "",
                "padded", "  leading and trailing  ",
                "tab", "a\tb",
                "newline", "line 1\nline 2",
                "looks-encoded", "=?UTF-8?B?aGVsbG8=?=");

        Metadata decoded = roundTrip(metadata);

        assertThat(decoded.asMap()).containsExactlyEntriesOf(metadata.asMap());
    }

    @Test
    void namesHeadersCannotCarryRoundTripUnchanged() {
        Metadata metadata = Metadata.of(
                "with space", "1",
                "with:colon", "2",
                "ünïcode", "3",
                "Nats-Msg-Id", "4",
                "Millrace-Key", "5",
                "Millrace-Meta-x", "6",
                "Millrace-Metadata-Order", "7");

        Metadata decoded = roundTrip(metadata);

        assertThat(decoded.asMap()).containsExactlyEntriesOf(metadata.asMap());
    }

    @Test
    void insertionOrderSurvivesHeadersThatLostTheirOrder() {
        Metadata metadata = Metadata.of("zeta", "1", "alpha", "2", "mid", "3", "beta", "4");
        Headers sent = HeaderCodec.encode(new Message("id", metadata, new byte[0]));
        List<String> names = new ArrayList<>(sent.keySet());
        Collections.reverse(names);
        Headers shuffled = new Headers();
        names.forEach(name -> shuffled.put(name, sent.get(name)));

        Metadata decoded = HeaderCodec.decode(shuffled).metadata();

        assertThat(decoded.asMap()).containsExactlyEntriesOf(metadata.asMap());
    }

    @Test
    void headersOfOtherClientsBecomeMetadataAndCarryNoId() {
        Headers foreign = new Headers().put("Trace-Id", "t-1").put("Content-Type", "application/json");

        HeaderCodec.Decoded decoded = HeaderCodec.decode(foreign);

        assertThat(decoded.id()).isNull();
        assertThat(decoded.metadata().asMap()).containsOnly(
                entry("Trace-Id", "t-1"),
                entry("Content-Type", "application/json"));
    }

    @Test
    void aHeaderSentSeveralTimesKeepsEveryValue() {
        Headers repeated = new Headers().add("Via", "a", "b");

        assertThat(HeaderCodec.decode(repeated).metadata().get("Via")).isEqualTo("a,b");
    }

    @Test
    void plainMetadataTravelsAsOrdinaryHeaders() {
        Headers headers = HeaderCodec.encode(new Message("id", Metadata.of("correlation_id", "c-1"), new byte[0]));

        assertThat(headers.getFirst("correlation_id")).isEqualTo("c-1");
    }

    private static Metadata roundTrip(Metadata metadata) {
        return HeaderCodec.decode(HeaderCodec.encode(new Message("id", metadata, new byte[0]))).metadata();
    }
}
