package dev.millrace.record;

import dev.millrace.broker.OptionSpec;
import dev.millrace.broker.OptionType;
import java.nio.file.Path;
import java.util.List;

/** Opens stores in a test's temporary directory, with a catalog that also knows a test adapter with a password. */
final class StoreFixture {
    /** An adapter id only the test catalog knows; its {@code password} option is secret. */
    static final String SECURE_ADAPTER = "secure-test";

    static final OptionCatalog CATALOG = adapterId -> SECURE_ADAPTER.equals(adapterId)
            ? List.of(OptionSpec.optional("host", OptionType.STRING, "localhost", "Host"),
                    OptionSpec.secret("password", "Password"))
            : OptionCatalog.installedAdapters().optionsOf(adapterId);

    private StoreFixture() {
    }

    static RecordStore open(Path directory) {
        return RecordStore.open(directory, CATALOG, new EncryptedFileSecretStore(directory));
    }
}
