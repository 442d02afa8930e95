package dev.millrace.app.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TemplateVariablesTest {

    @Test
    void seqCountsTheMessagesOfASendAndUuidIsFreshEachTime() {
        String first = TemplateVariables.render("{\"n\": {{seq}}, \"id\": \"{{uuid}}\"}", 1);
        String second = TemplateVariables.render("{\"n\": {{seq}}, \"id\": \"{{uuid}}\"}", 2);

        assertThat(first).startsWith("{\"n\": 1, \"id\": \"");
        assertThat(second).startsWith("{\"n\": 2, \"id\": \"");
        assertThat(first.substring(17)).isNotEqualTo(second.substring(17));
    }

    @Test
    void nowIsAnIsoInstantAndRandomAWholeNumber() {
        Instant now = Instant.parse(TemplateVariables.render("{{now}}", 1));
        long random = Long.parseLong(TemplateVariables.render("{{ random }}", 1));

        assertThat(now).isBeforeOrEqualTo(Instant.now());
        assertThat(random).isBetween(0L, 999_999L);
    }

    @Test
    void unknownVariablesAreReportedRatherThanSentAsText() {
        assertThat(TemplateVariables.unknown("{{seq}} {{sequence}} {{uuid}}")).containsExactly("sequence");
        assertThatThrownBy(() -> TemplateVariables.render("{{sequence}}", 1))
                .hasMessageContaining("unknown template variable {{sequence}}");
    }

    @Test
    void textWithoutVariablesIsLeftAsItIs() {
        assertThat(TemplateVariables.render("plain {text}", 7)).isEqualTo("plain {text}");
    }
}
