package dev.millrace.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetadataTest {

    @Test
    void missingKeyReadsAsEmptyString() {
        assertThat(new Metadata().get("absent")).isEmpty();
    }

    @Test
    void keepsInsertionOrder() {
        Metadata metadata = Metadata.of("z", "1", "a", "2", "m", "3");

        assertThat(metadata.asMap().keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void copyIsIndependent() {
        Metadata original = Metadata.of("a", "1");
        Metadata copy = original.copy();

        copy.set("a", "changed");

        assertThat(original.get("a")).isEqualTo("1");
    }

    @Test
    void emptyAndUnicodeValuesAreKept() {
        Metadata metadata = Metadata.of("empty", "", "unicode", "héllo 世界 🚀");

        assertThat(metadata.contains("empty")).isTrue();
        assertThat(metadata.get("unicode")).isEqualTo("héllo 世界 🚀");
    }

    @Test
    void nullValuesAreRejected() {
        assertThatThrownBy(() -> new Metadata().set("key", null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("key");
    }

    @Test
    void viewIsReadOnly() {
        assertThatThrownBy(() -> Metadata.of("a", "1").asMap().put("b", "2"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void emptyMetadataEqualsMetadataWhoseEntriesWereRemoved() {
        Metadata emptied = Metadata.of("a", "1");
        emptied.remove("a");

        assertThat(new Metadata()).isEqualTo(emptied).hasSameHashCodeAs(emptied);
        assertThat(new Metadata().asMap()).isEmpty();
    }
}
