package dev.millrace.app;

import static dev.millrace.app.WorkbenchFixture.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.millrace.app.browse.BrowseViewModel;
import dev.millrace.app.connection.ManagedConnection;
import dev.millrace.broker.TopicDetails;
import dev.millrace.broker.TopicInfo;
import dev.millrace.message.Message;
import dev.millrace.message.Publisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

class BrowseJourneyTest extends JourneyTest {
    private static final int TOPICS = 10_000;

    @Test
    void tenThousandTopicsAreListedSearchedAndDescribedWithoutFreezingTheWindow(FxRobot robot) {
        ManagedConnection inMemory = fixture.awaitInMemoryConnected();
        try (Publisher publisher = inMemory.connection().orElseThrow().newPublisher()) {
            for (int i = 0; i < TOPICS; i++) {
                publisher.publish(String.format("topic-%05d", i), Message.of(("m" + i).getBytes(StandardCharsets.UTF_8)));
            }
        }

        robot.clickOn("#open-browse");
        BrowseViewModel browse = fixture.workbench().browse();
        await().atMost(WorkbenchFixture.PATIENCE).until(() -> onFx(() -> browse.allTopics().size()), size -> size == TOPICS);

        long started = System.nanoTime();
        robot.clickOn("#browse-search").write("topic-0999");
        Duration typing = Duration.ofNanos(System.nanoTime() - started);
        await().atMost(WorkbenchFixture.PATIENCE).until(() -> onFx(() -> List.copyOf(browse.visibleTopics())),
                shown -> shown.size() == 10);
        robot.interact(() -> robot.lookup("#browse-topics").<TopicInfo>queryTableView().getSelectionModel().select(9));

        await().atMost(WorkbenchFixture.PATIENCE).until(() -> onFx(() -> browse.detailsProperty().get()),
                details -> details != null && details.info().name().equals("topic-09999"));
        TopicDetails details = onFx(() -> browse.detailsProperty().get());
        assertThat(details.info().messageCount()).isEqualTo(1);
        assertThat(onFx(() -> robot.lookup("#browse-status").queryAs(Label.class).getText())).startsWith("10 of 10,000 topics");
        assertThat(typing).as("typing nine characters into the search of 10,000 topics").isLessThan(Duration.ofSeconds(10));
    }
}
