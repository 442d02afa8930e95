package dev.millrace.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void slotsFollowTheTargetRate() {
        Pacer pacer = Pacer.at(1_000, System.nanoTime());
        long start = System.nanoTime();

        for (int i = 0; i < 100; i++) {
            pacer.awaitNext(() -> false);
        }

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(95L, 400L);
    }

    @Test
    void aProducerFarBehindDoesNotBurstToCatchUp() throws InterruptedException {
        Pacer pacer = Pacer.at(100, System.nanoTime());
        pacer.awaitNext(() -> false);
        Thread.sleep(200);
        long afterStall = System.nanoTime();

        pacer.awaitNext(() -> false);
        pacer.awaitNext(() -> false);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - afterStall)).isGreaterThanOrEqualTo(9);
    }

    @Test
    void aStopRequestEndsTheWait() {
        Pacer pacer = Pacer.at(0.01, System.nanoTime() + TimeUnit.SECONDS.toNanos(60));

        assertThat(pacer.awaitNext(() -> true)).isFalse();
    }

    @Test
    void anUnlimitedPacerNeverWaits() {
        Pacer pacer = Pacer.unlimited();
        long start = System.nanoTime();

        for (int i = 0; i < 10_000; i++) {
            pacer.awaitNext(() -> false);
        }

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
    }
}
