package dev.millrace.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ContextTest {

    @Test
    void backgroundIsNeverDone() {
        assertThat(Context.background().isDone()).isFalse();
        assertThat(Context.background().deadline()).isEmpty();
    }

    @Test
    void cancellingAParentEndsItsChildrenWithTheParentsCause() {
        Context parent = Context.background().withCancel();
        Context child = parent.withCancel();
        Context grandchild = child.withValue("k", "v");

        parent.cancel("subscription closed");

        assertThat(grandchild.isDone()).isTrue();
        assertThat(grandchild.cause()).contains("subscription closed");
    }

    @Test
    void cancellingAChildLeavesTheParentRunning() {
        Context parent = Context.background().withCancel();
        Context child = parent.withCancel();

        child.cancel("acked");

        assertThat(parent.isDone()).isFalse();
    }

    @Test
    void firstCauseWins() {
        Context context = Context.background().withCancel();

        context.cancel("acked");
        context.cancel("nacked");

        assertThat(context.cause()).contains("acked");
    }

    @Test
    void timeoutEndsTheContextWithDeadlineExceeded() {
        Context context = Context.background().withTimeout(Duration.ofMillis(50));

        await().atMost(Duration.ofSeconds(5)).until(context::isDone);
        assertThat(context.cause()).contains("deadline exceeded");
    }

    @Test
    void childDeadlineNeverExceedsTheParents() {
        Context parent = Context.background().withTimeout(Duration.ofSeconds(1));
        Context child = parent.withTimeout(Duration.ofHours(1));

        assertThat(child.deadline()).isEqualTo(parent.deadline());
    }

    @Test
    void listenerRunsOnceWhenDoneAndAtOnceIfAlreadyDone() {
        Context context = Context.background().withCancel();
        AtomicInteger calls = new AtomicInteger();
        context.onDone(calls::incrementAndGet);

        context.cancel("done");
        context.cancel("again");
        context.onDone(calls::incrementAndGet);

        assertThat(calls).hasValue(2);
    }

    @Test
    void endedChildrenDoNotStayRegisteredWithTheirParent() {
        Context parent = Context.background().withCancel();
        AtomicInteger childrenEnded = new AtomicInteger();
        for (int i = 0; i < 1000; i++) {
            Context child = parent.withCancel();
            child.onDone(childrenEnded::incrementAndGet);
            child.cancel("acked");
        }

        parent.cancel("closed");

        assertThat(childrenEnded).hasValue(1000);
    }

    @Test
    void valuesAreInheritedAndTyped() {
        Context context = Context.background().withValue("handler", "hello_handler").withCancel();

        assertThat(context.value("handler", String.class)).contains("hello_handler");
        assertThat(context.value("handler", Integer.class)).isEmpty();
    }

    @Test
    void aListenerOnAGrandchildRunsWhenTheRootIsCancelled() {
        Context root = Context.background().withCancel();
        Context grandchild = root.withCancel().withValue("k", "v");
        AtomicInteger calls = new AtomicInteger();
        grandchild.onDone(calls::incrementAndGet);

        root.cancel("subscription closed");

        assertThat(calls).hasValue(1);
        assertThat(grandchild.cause()).contains("subscription closed");
    }

    @Test
    void aListenerAddedAfterTheParentEndedRunsAtOnce() {
        Context parent = Context.background().withCancel();
        Context child = parent.withCancel();
        parent.cancel("closed");
        AtomicInteger calls = new AtomicInteger();

        child.onDone(calls::incrementAndGet);

        assertThat(calls).hasValue(1);
    }

    @Test
    void cancellingAChildAfterItsParentEndedKeepsTheParentsCause() {
        Context parent = Context.background().withCancel();
        Context child = parent.withCancel();
        parent.cancel("subscription closed");

        child.cancel("acked");

        assertThat(child.cause()).contains("subscription closed");
    }

    @Test
    void aChildEndedBeforeItsParentKeepsItsOwnCause() {
        Context parent = Context.background().withCancel();
        Context child = parent.withCancel();
        child.cancel("acked");

        parent.cancel("subscription closed");

        assertThat(child.cause()).contains("acked");
    }
}
