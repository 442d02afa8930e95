package dev.millrace.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void formatsEveryInstantExactlyAsInstantToStringDoes() {
        IsoInstants instants = new IsoInstants();
        Random random = new Random(42);
        long[] seconds = {0, -1, 1, 253402300799L, 253402300800L, -62135596800L, -62135596801L, 1_795_000_000L};
        int[] nanos = {0, 1, 10, 999_999_999, 1_000_000, 120_000_000, 123_456_000, 5_000, 123_456_789};
        for (long second : seconds) {
            for (int nano : nanos) {
                Instant instant = Instant.ofEpochSecond(second, nano);
                assertThat(instants.format(instant)).isEqualTo(instant.toString());
            }
        }
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(1_795_000_000L + random.nextInt(3),
                    random.nextInt(4) == 0 ? random.nextInt(1000) * 1_000_000 : random.nextInt(1_000_000_000));
            assertThat(instants.format(instant)).isEqualTo(instant.toString());
        }
    }
}
