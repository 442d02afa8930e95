package dev.millrace.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.broker.BrokerAdapter;
import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Capabilities;
import dev.millrace.broker.Feature;
import dev.millrace.broker.OptionSpec;
import dev.millrace.broker.OptionType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfileEditorTest {
    private static final BrokerAdapter SECURE = adapter("secure", List.of(
            OptionSpec.required("url", OptionType.STRING, "Where the broker listens"),
            OptionSpec.optional("timeout", OptionType.DURATION, "5s", "How long to wait"),
            OptionSpec.secret("password", "The password")));
    private static final BrokerAdapter PLAIN = adapter("plain", List.of(
            OptionSpec.required("url", OptionType.STRING, "Where the broker listens"),
            OptionSpec.optional("tls", OptionType.BOOLEAN, "false", "Use TLS")));

    @Test
    void theFormHasOneFieldPerOptionOfTheChosenAdapter() {
        ProfileEditor editor = new ProfileEditor(List.of(SECURE, PLAIN), null, name -> false);

        assertThat(editor.fields()).extracting(field -> field.spec().name()).containsExactly("url", "timeout", "password");
        assertThat(editor.fields().get(2).spec().secret()).isTrue();
    }

    @Test
    void switchingAdaptersKeepsTheValuesOfSharedOptionsAndSetsBooleanDefaults() {
        ProfileEditor editor = new ProfileEditor(List.of(SECURE, PLAIN), null, name -> false);
        editor.fields().getFirst().valueProperty().set("tcp://broker:4222");

        editor.adapterProperty().set(PLAIN);

        assertThat(editor.options()).containsExactly(Map.entry("url", "tcp://broker:4222"), Map.entry("tls", "false"));
    }

    @Test
    void everyProblemIsListedInPlainWordsBeforeSaving() {
        ProfileEditor editor = new ProfileEditor(List.of(SECURE), null, name -> name.equals("Taken"));
        editor.nameProperty().set("Taken");
        editor.fields().get(1).valueProperty().set("soon");

        assertThat(editor.problems()).containsExactly(
                "Another connection is already called 'Taken'.",
                "option 'url' is required: Where the broker listens",
                "option 'timeout': 'soon' is not a duration (examples: 500ms, 5s, 2m, PT1M)");
    }

    @Test
    void editingKeepsTheProfileIdSoThatARenameReplacesIt() {
        ConnectionProfile original = ConnectionProfile.create("Old", "secure", Map.of("url", "x", "password", "s3cret"), false);
        ProfileEditor editor = new ProfileEditor(List.of(SECURE), original, name -> false);
        editor.nameProperty().set("New");

        ConnectionProfile edited = editor.toProfile();

        assertThat(edited.id()).isEqualTo(original.id());
        assertThat(edited.options()).containsEntry("password", "s3cret");
        assertThat(edited.toString()).doesNotContain("s3cret");
    }

    private static BrokerAdapter adapter(String id, List<OptionSpec> options) {
        return new BrokerAdapter() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String displayName() {
                return id;
            }

            @Override
            public List<OptionSpec> options() {
                return options;
            }

            @Override
            public Capabilities capabilities() {
                return new Capabilities(Set.of(Feature.NETWORK), 1024);
            }

            @Override
            public BrokerConnection connect(Map<String, String> values) {
                throw new UnsupportedOperationException("a form test does not connect");
            }
        };
    }
}
