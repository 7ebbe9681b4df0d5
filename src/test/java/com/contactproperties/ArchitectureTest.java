package com.contactproperties;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering of docs/ARCHITECTURE.md: surfaces ({@code api..}) depend on features, features on
 * {@code platform..}, never back; no surface depends on another. A feature is any package that is neither
 * a surface nor platform, so a new one (events, webhooks) is covered without editing these rules.
 */
class ArchitectureTest {

    private static final String ROOT = "com.contactproperties";
    private static final String API = ROOT + ".api..";
    private static final String PLATFORM = ROOT + ".platform..";

    private static final Set<String> SQL_METHODS = Set.of("query", "preparedQuery");

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    /** Classes of the service that are neither a surface nor platform: the features. */
    private static DescribedPredicate<JavaClass> feature() {
        return DescribedPredicate.describe(
                "a feature (outside api.. and platform..)",
                c -> c.getPackageName().startsWith(ROOT + ".")
                        && !c.getPackageName().startsWith(ROOT + ".api")
                        && !c.getPackageName().startsWith(ROOT + ".platform"));
    }

    @Test
    void surfacesDependOnFeaturesAndFeaturesOnPlatformNeverBack() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Surfaces")
                .definedBy(API)
                .layer("Features")
                .definedBy(feature())
                .layer("Platform")
                .definedBy(PLATFORM)
                .whereLayer("Surfaces")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Features")
                .mayOnlyBeAccessedByLayers("Surfaces")
                .whereLayer("Platform")
                .mayOnlyBeAccessedByLayers("Surfaces", "Features")
                .check(production);
    }

    @Test
    void noSurfaceDependsOnAnotherSurface() {
        slices().matching(ROOT + ".api.(*)..")
                .should()
                .notDependOnEachOther()
                .because("each surface maps the domain on its own; shared views live outside api..")
                .check(production);
    }

    @Test
    void featuresNeverDependOnASurface() {
        noClasses()
                .that(feature())
                .should()
                .dependOnClassesThat()
                .resideInAPackage(API)
                .because("services return domain results; only api.. knows HTTP, MCP and wire names")
                .check(production);
    }

    @Test
    void featuresKnowNoServedHttp() {
        noClasses()
                .that(feature())
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta.ws.rs..", "org.jboss.resteasy..", "io.vertx.ext.web", "io.vertx.mutiny.ext.web")
                .because("services return domain results; each surface chooses its status codes and headers"
                        + " (an outbound HTTP client, as webhooks use, is no surface)")
                .check(production);
    }

    @Test
    void platformDependsOnNoFeatureNorSurface() {
        classes()
                .that()
                .resideInAPackage(PLATFORM)
                .should()
                .onlyDependOnClassesThat(DescribedPredicate.describe(
                        "outside the service's features and surfaces",
                        c -> !c.getPackageName().startsWith(ROOT)
                                || c.getPackageName().startsWith(ROOT + ".platform")))
                .check(production);
    }

    /**
     * Services may hold a transaction ({@code Pool.withTransaction}) and hand its connection to
     * repositories; only repositories send SQL text through it.
     */
    @Test
    void onlyRepositoriesUseTheSqlClient() {
        noClasses()
                .that(DescribedPredicate.describe(
                        "are not a *Repository nor in platform.db",
                        c -> !c.getName().replaceAll("\\$.*", "").endsWith("Repository")
                                && !c.getPackageName().startsWith(ROOT + ".platform.db")))
                .should()
                .callMethodWhere(DescribedPredicate.describe(
                        "send SQL through the reactive SQL client",
                        call -> call.getTarget().getOwner().getPackageName().startsWith("io.vertx.mutiny.sqlclient")
                                && SQL_METHODS.contains(call.getTarget().getName())))
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("io.vertx.mutiny.pgclient..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.hibernate.reactive.mutiny.Mutiny$Session")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.hibernate.reactive.mutiny.Mutiny$SessionFactory")
                .because("SQL lives in repositories only, one per table family")
                .check(production);
    }
}
