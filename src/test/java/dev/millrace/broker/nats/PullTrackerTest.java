package dev.millrace.broker.nats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PullTrackerTest {
    private static final long LIFETIME = 1_000;

    private final PullTracker tracker = new PullTracker(10, LIFETIME);

    @Test
    void asksWhenNothingIsOutstanding() {
        assertThat(tracker.wantsMore(0, 0)).isTrue();
    }

    @Test
    void waitsWhileMoreThanHalfABatchIsOnItsWay() {
        tracker.requested(0);
        for (int i = 0; i < 4; i++) {
            tracker.delivered();
        }

        assertThat(tracker.wantsMore(1, 0)).isFalse();
    }

    @Test
    void asksAgainOnceHalfABatchArrived() {
        tracker.requested(0);
        for (int i = 0; i < 5; i++) {
            tracker.delivered();
        }

        assertThat(tracker.wantsMore(1, 0)).isTrue();
    }

    @Test
    void messagesWaitingInTheClientCountAsAhead() {
        assertThat(tracker.wantsMore(0, 6)).isFalse();
        assertThat(tracker.wantsMore(0, 5)).isTrue();
    }

    @Test
    void aRequestTheServerEndedNoLongerCounts() {
        tracker.requested(0);
        tracker.ended();

        assertThat(tracker.idle(1)).isTrue();
    }

    @Test
    void aRequestPastItsLifetimeIsForgotten() {
        tracker.requested(0);

        assertThat(tracker.idle(LIFETIME - 1)).isFalse();
        assertThat(tracker.idle(LIFETIME + 1)).isTrue();
    }

    @Test
    void resetForgetsEveryRequest() {
        tracker.requested(0);
        tracker.requested(0);
        tracker.reset();

        assertThat(tracker.idle(1)).isTrue();
    }

    @Test
    void messagesFillTheOldestRequestFirst() {
        tracker.requested(0);
        tracker.requested(0);
        for (int i = 0; i < 10; i++) {
            tracker.delivered();
        }
        tracker.ended();

        assertThat(tracker.idle(1)).isTrue();
    }

    @Test
    void requestsThatExpireWithoutAnswerAreCountedInARow() {
        tracker.requested(0);
        tracker.idle(LIFETIME + 1);
        tracker.requested(LIFETIME + 1);
        tracker.unanswered();

        assertThat(tracker.unansweredInARow()).isEqualTo(2);
    }

    @Test
    void anyAnswerEndsTheUnansweredRun() {
        tracker.requested(0);
        tracker.unanswered();
        tracker.requested(0);
        tracker.ended();

        assertThat(tracker.unansweredInARow()).isZero();
    }
}
