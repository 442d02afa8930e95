package dev.millrace.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layers of DESIGN.md: the core stays free of UI, JDBC and broker clients; adapters stay private. */
class LayeringTest {
    private static final String[] CORE = {"dev.millrace.message..", "dev.millrace.router..",
        "dev.millrace.middleware..", "dev.millrace.broker"};
    private static final String[] FOREIGN_TO_CORE = {"javafx..", "java.sql..", "javax.sql..", "org.h2..",
        "org.apache.kafka..", "io.nats..", "com.rabbitmq..", "dev.millrace.broker.*..", "dev.millrace.app..",
        "dev.millrace.cli..", "dev.millrace.record.."};
    private static final Pattern ADAPTER_PACKAGE = Pattern.compile("dev\\.millrace\\.broker\\.([^.]+).*");

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(LayeringTest::isProductionClass)
                .importPackages("dev.millrace");
    }

    /** Any build directory (-Dmillrace.build.dir) keeps test classes under a {@code test-classes} folder. */
    private static boolean isProductionClass(Location location) {
        return !location.contains("/test-classes/");
    }

    @Test
    void coreDependsOnNoUiJdbcOrBrokerClient() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(FOREIGN_TO_CORE)
                .check(production);
    }

    @Test
    void messageContractDependsOnTheJdkOnly() {
        classes().that().resideInAPackage("dev.millrace.message..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.millrace.message..")
                .check(production);
    }

    @Test
    void adapterClassesAreNamedOnlyInsideTheirOwnPackage() {
        classes().should(notDependOnAnotherAdaptersClasses()).check(production);
    }

    private static ArchCondition<JavaClass> notDependOnAnotherAdaptersClasses() {
        return new ArchCondition<>("name adapter classes only from inside that adapter's package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Optional<String> own = adapterOf(origin);
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    Optional<String> target = adapterOf(dependency.getTargetClass());
                    if (target.isPresent() && !target.equals(own)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static Optional<String> adapterOf(JavaClass javaClass) {
        Matcher matcher = ADAPTER_PACKAGE.matcher(javaClass.getPackageName());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
