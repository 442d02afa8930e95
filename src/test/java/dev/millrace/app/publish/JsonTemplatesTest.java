package dev.millrace.app.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonTemplatesTest {

    @Test
    void formattingKeepsVariablesAsBareValuesAndInsideStrings() {
        String pretty = JsonTemplates.pretty("{\"n\":{{seq}},\"id\":\"{{uuid}}\",\"tags\":[{{random}}]}");

        assertThat(pretty).contains("\"n\" : {{seq}}").contains("\"id\" : \"{{uuid}}\"").contains("{{random}}")
                .contains("\n");
    }

    @Test
    void somethingThatIsNotJsonIsLeftForTheUserToFix() {
        assertThatThrownBy(() -> JsonTemplates.pretty("{\"n\": }")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
    }
}
