package dev.millrace.broker.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.message.MessagingException;
import org.junit.jupiter.api.Test;

class SubjectsTest {

    @Test
    void starMatchesExactlyOneToken() {
        assertThat(Subjects.matches("orders.*", "orders.created")).isTrue();
        assertThat(Subjects.matches("orders.*", "orders.created.eu")).isFalse();
        assertThat(Subjects.matches("orders.*", "orders")).isFalse();
    }

    @Test
    void greaterThanMatchesOneOrMoreTrailingTokens() {
        assertThat(Subjects.matches("orders.>", "orders.created.eu")).isTrue();
        assertThat(Subjects.matches("orders.>", "orders")).isFalse();
    }

    @Test
    void literalSubjectsMatchOnlyThemselves() {
        assertThat(Subjects.matches("orders.created", "orders.created")).isTrue();
        assertThat(Subjects.matches("orders.created", "orders.paid")).isFalse();
    }

    @Test
    void patternsOverlapWhenSomeSubjectMatchesBoth() {
        assertThat(Subjects.overlap("orders.*", "*.created")).isTrue();
        assertThat(Subjects.overlap("orders.>", "orders.created.eu")).isTrue();
        assertThat(Subjects.overlap("orders.*", "payments.*")).isFalse();
        assertThat(Subjects.overlap("orders.*", "orders.a.b")).isFalse();
    }

    @Test
    void streamNamesReplaceTheCharactersNamesMayNotContain() {
        assertThat(Subjects.toName("orders.created")).isEqualTo("orders_created");
        assertThat(Subjects.toName("a b/c\\d*e>f")).isEqualTo("a_b_c_d_e_f");
        assertThat(Subjects.toName("conformance-1")).isEqualTo("conformance-1");
    }

    @Test
    void wildcardsCannotBePublishedTo() {
        assertThatThrownBy(() -> Subjects.requireValid("orders.*", false))
                .isInstanceOf(MessagingException.class).hasMessageContaining("subscriptions only");
    }

    @Test
    void subjectsWithEmptyTokensOrWhiteSpaceAreRejected() {
        assertThatThrownBy(() -> Subjects.requireValid("orders..created", true)).isInstanceOf(MessagingException.class);
        assertThatThrownBy(() -> Subjects.requireValid("orders created", true)).isInstanceOf(MessagingException.class);
        assertThatThrownBy(() -> Subjects.requireValid("orders.>.eu", true)).isInstanceOf(MessagingException.class);
    }
}
