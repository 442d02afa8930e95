package dev.millrace.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.message.MessagingException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OpenResourcesTest {

    @Test
    void concurrentCloseClosesEveryResourceAtTheSameTimeAndOnlyOnce() {
        OpenResources resources = new OpenResources("test broker");
        int count = 3;
        CountDownLatch allClosing = new CountDownLatch(count);
        AtomicInteger closed = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            resources.add(() -> {
                allClosing.countDown();
                // Each close waits for the others to have started: a one-by-one close would never finish.
                assertThat(allClosing.await(5, TimeUnit.SECONDS)).isTrue();
                closed.incrementAndGet();
            });
        }

        long start = System.nanoTime();
        assertThat(resources.closeAllConcurrently()).isTrue();

        assertThat(closed).hasValue(count);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(resources.closeAllConcurrently()).isFalse();
        assertThat(resources.closeAll()).isFalse();
        assertThat(resources.isClosed()).isTrue();
    }

    @Test
    void aResourceAddedAfterCloseIsClosedAndRefused() {
        OpenResources resources = new OpenResources("test broker");
        resources.closeAllConcurrently();
        AtomicInteger closed = new AtomicInteger();

        assertThatThrownBy(() -> resources.add(closed::incrementAndGet))
                .isInstanceOf(MessagingException.class).hasMessageContaining("test broker is closed");
        assertThatThrownBy(resources::ensureOpen).isInstanceOf(MessagingException.class);
    }

    @Test
    void aRemovedResourceIsNotClosedWithTheConnection() {
        OpenResources resources = new OpenResources("test broker");
        AtomicInteger closed = new AtomicInteger();
        AutoCloseable resource = resources.add(closed::incrementAndGet);
        resources.remove(resource);

        resources.closeAllConcurrently();

        assertThat(closed).hasValue(0);
    }
}
