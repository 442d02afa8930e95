package dev.millrace.compare;

import dev.millrace.message.Message;
import java.time.Duration;
import java.util.Map;

/** Tiny workloads and memory-broker targets that keep the tests quick on a shared 2-core machine. */
final class TestWorkloads {

    private TestWorkloads() {
    }

    /** 2,000 measured messages of 64 B from 2 producers, after a 200-message warm-up, as fast as possible. */
    static Workload shortMaxThroughput() {
        return new Workload("short-max", "a short run at full speed", 64, 2_000, null, 0, 2, 1, 1, 1,
                Durability.ANY, AckMode.AFTER_HANDLING, Warmup.of(200), Topology.DIRECT);
    }

    /** One second at {@code rate} msg/s after a 200 ms warm-up. */
    static Workload shortFixedRate(int rate) {
        return new Workload("short-rate", "a short run at a fixed rate", 128, 0, Duration.ofSeconds(1), rate, 1, 1, 1,
                1, Durability.ANY, AckMode.AFTER_HANDLING, Warmup.of(Duration.ofMillis(200)), Topology.DIRECT);
    }

    /** The demo topology for 500 counted greetings at full speed. */
    static Workload shortRouterHop() {
        return Workloads.builtIn("demo-router-hop").withMessages(500).withTargetRate(0).withWarmup(Warmup.of(50));
    }

    /** A memory broker of its own, so that tests running side by side never share topics. */
    static BrokerTarget memory() {
        return new BrokerTarget("memory", "memory", Map.of("instance", "compare-test-" + Message.newId()));
    }

    static RunSettings quickSettings() {
        return RunSettings.DEFAULTS.withIdleTimeout(Duration.ofSeconds(10))
                .withProgressInterval(Duration.ofMillis(100));
    }
}
