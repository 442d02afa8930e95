package dev.millrace.app.connection;

import dev.millrace.app.fx.Problem;
import java.time.Duration;

/** What "Test connection" found. */
public sealed interface TestResult {

    String summary();

    /** Connected and listed topics. */
    record Success(Duration elapsed, int topics) implements TestResult {
        @Override
        public String summary() {
            return "Connected in " + elapsed.toMillis() + " ms; the broker lists " + topics
                    + (topics == 1 ? " topic." : " topics.");
        }
    }

    /** Connected, but the browse side did not answer. */
    record PartialSuccess(Duration elapsed, Problem adminProblem) implements TestResult {
        @Override
        public String summary() {
            return "Connected in " + elapsed.toMillis() + " ms, but listing topics failed: " + adminProblem.summary();
        }
    }

    record Failure(Problem problem) implements TestResult {
        @Override
        public String summary() {
            return problem.summary();
        }
    }
}
