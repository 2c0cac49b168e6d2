package io.mtnas;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering, checked by ArchUnit on the compiled production classes (tests excluded):
 * {@code domain <- protocol <- wire <- actor <- config <- adapter <- io.mtnas (Main)}, each layer
 * depending only on the layers below it; the domain on no other layer and on neither Pekko, Protobuf,
 * Jackson nor file I/O; no random-number object held in a field under {@code actor}.
 *
 * <p>Every rule is built for a root package, so the same rules also run on the fixtures under
 * {@code io.mtnas.archfixture} (test classes that break each rule on purpose) to show that each can
 * fail and what it reports.
 */
class ArchitectureRulesTest {
  static final String ROOT = "io.mtnas";
  static final String FIXTURES = "io.mtnas.archfixture";

  /** The rules for the classes under {@code root}, in the order the tests name them. */
  record Rules(ArchRule layers, ArchRule domainWithoutPekko, ArchRule domainWithoutFrameworksOrFiles,
      ArchRule actorsHoldNoRandom) {
    List<ArchRule> all() {
      return List.of(layers, domainWithoutPekko, domainWithoutFrameworksOrFiles, actorsHoldNoRandom);
    }
  }

  static Rules rules(String root) {
    ArchRule layers = layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .ensureAllClassesAreContainedInArchitecture()
        .layer("domain").definedBy(root + ".domain..")
        .layer("protocol").definedBy(root + ".protocol..")
        .layer("wire").definedBy(root + ".wire..")
        .layer("actor").definedBy(root + ".actor..")
        .layer("config").definedBy(root + ".config..")
        .layer("adapter").definedBy(root + ".adapter..")
        .layer("main").definedBy(root)
        .whereLayer("domain").mayNotAccessAnyLayer()
        .whereLayer("protocol").mayOnlyAccessLayers("domain")
        .whereLayer("wire").mayOnlyAccessLayers("domain", "protocol")
        .whereLayer("actor").mayOnlyAccessLayers("domain", "protocol", "wire")
        .whereLayer("config").mayOnlyAccessLayers("domain", "protocol", "wire", "actor")
        .whereLayer("adapter").mayOnlyAccessLayers("domain", "protocol", "wire", "actor", "config")
        .because("each layer builds only on the layers below it");
    ArchRule pekko = noClasses().that().resideInAPackage(root + ".domain..")
        .should().dependOnClassesThat().resideInAPackage("org.apache.pekko..")
        .because("the domain is plain Java: actors are a shell around it");
    ArchRule frameworks = noClasses().that().resideInAPackage(root + ".domain..")
        .should().dependOnClassesThat(
            resideInAnyPackage("com.google.protobuf..", "com.fasterxml..", "java.nio.file..")
                .or(resideInAPackage("java.io").and(simpleNameStartingWith("File")))
                .as("are in com.google.protobuf.., com.fasterxml.., java.nio.file.. or are java.io.File*"))
        .because("the domain neither encodes messages, reads JSON nor touches files");
    ArchRule random = noFields().that().areDeclaredInClassesThat().resideInAPackage(root + ".actor..")
        .should().haveRawType(describe("java.util.Random, java.util.SplittableRandom or another"
            + " java.util.random.RandomGenerator", (JavaClass type) -> type.isEquivalentTo(Random.class)
                || type.isEquivalentTo(SplittableRandom.class) || type.isAssignableTo(RandomGenerator.class)))
        .because("every draw derives from (seed, task, purpose, number) by DerivedRandom,"
            + " so a rebuilt actor draws the same numbers");
    return new Rules(layers, pekko, frameworks, random);
  }

  static JavaClasses production;
  static JavaClasses fixtures;

  @BeforeAll
  static void importClasses() {
    production = new ClassFileImporter()
        .withImportOption(new ImportOption.DoNotIncludeTests())
        .importPackages(ROOT);
    fixtures = new ClassFileImporter().importPackages(FIXTURES);
  }

  @Test
  void importsTheProductionClassesAndNoTests() {
    assertThat(production.contain("io.mtnas.Main")).isTrue();
    assertThat(production.contain("io.mtnas.domain.search.SearchSpec")).isTrue();
    assertThat(production.contain("io.mtnas.actor.SearchHost")).isTrue();
    assertThat(production.contain(ArchitectureRulesTest.class)).as("test classes imported").isFalse();
    assertThat(production.stream().map(JavaClass::getPackageName))
        .noneMatch(p -> p.startsWith(FIXTURES));
  }

  @Test
  void productionLayersOnlyDependDownwards() {
    rules(ROOT).layers().check(production);
  }

  @Test
  void productionDomainDoesNotDependOnPekko() {
    rules(ROOT).domainWithoutPekko().check(production);
  }

  @Test
  void productionDomainUsesNoProtobufJacksonOrFiles() {
    rules(ROOT).domainWithoutFrameworksOrFiles().check(production);
  }

  @Test
  void productionActorsHoldNoRandomNumberObject() {
    rules(ROOT).actorsHoldNoRandom().check(production);
  }

  // The same rules on the fixtures, which break each on purpose.

  @Test
  void layerRuleReportsEveryUpwardArrowAndAnUnlayeredPackage() {
    // downward arrows (main -> adapter -> config -> actor -> wire -> protocol -> domain) pass
    assertThat(rules(FIXTURES).layers().evaluate(fixtures).getFailureReport().getDetails()).containsExactlyInAnyOrder(
        "Class <io.mtnas.archfixture.unlayered.Unlayered> is not contained in architecture",
        "Field <io.mtnas.archfixture.domain.ReachesUp.up> has type <io.mtnas.archfixture.actor.ActorFixture>"
            + " in (ReachesUp.java:0)",
        "Field <io.mtnas.archfixture.protocol.ProtocolFixture.up> has type <io.mtnas.archfixture.actor.ActorFixture>"
            + " in (ProtocolFixture.java:0)",
        "Field <io.mtnas.archfixture.wire.WireFixture.up> has type <io.mtnas.archfixture.config.ConfigFixture>"
            + " in (WireFixture.java:0)",
        "Method <io.mtnas.archfixture.actor.ActorFixture.call()> calls method"
            + " <io.mtnas.archfixture.adapter.AdapterFixture.touch()> in (ActorFixture.java:13)");
  }

  @Test
  void pekkoRuleReportsTheDomainClassThatUsesAnActorRef() {
    String report = violations(rules(FIXTURES).domainWithoutPekko());
    assertThat(report).contains("io.mtnas.archfixture.domain.UsesPekko").contains("org.apache.pekko.actor.typed.ActorRef")
        .doesNotContain("io.mtnas.archfixture.domain.Allowed")
        .doesNotContain("io.mtnas.archfixture.actor"); // outside the domain Pekko is fine
  }

  @Test
  void frameworkRuleReportsProtobufJacksonAndFileUseButAllowsCharsetsAndUncheckedIo() {
    String report = violations(rules(FIXTURES).domainWithoutFrameworksOrFiles());
    assertThat(report)
        .contains("com.google.protobuf.ByteString")
        .contains("com.fasterxml.jackson.databind.ObjectMapper")
        .contains("java.io.FileReader")
        .contains("java.nio.file.Path")
        .doesNotContain("io.mtnas.archfixture.domain.Allowed")
        .doesNotContain("io.mtnas.archfixture.domain.UsesPekko");
  }

  @Test
  void randomRuleReportsEachRandomFieldInActorsButNotElsewhereNorLocals() {
    String type = "has raw type java.util.Random, java.util.SplittableRandom or another"
        + " java.util.random.RandomGenerator in (HoldsRandom.java:0)";
    // not the long seed, not the local Random in draw(), not the adapter's Random field
    assertThat(rules(FIXTURES).actorsHoldNoRandom().evaluate(fixtures).getFailureReport().getDetails())
        .containsExactlyInAnyOrder(
            "Field <io.mtnas.archfixture.actor.HoldsRandom.random> " + type,
            "Field <io.mtnas.archfixture.actor.HoldsRandom.splittable> " + type,
            "Field <io.mtnas.archfixture.actor.HoldsRandom.generator> " + type,
            "Field <io.mtnas.archfixture.actor.HoldsRandom.threadLocal> " + type);
  }

  @Test
  void everyRuleFailsOnTheFixtures() {
    for (ArchRule rule : rules(FIXTURES).all()) {
      assertThat(rule.evaluate(fixtures).hasViolation()).as(rule.getDescription()).isTrue();
    }
  }

  private static String violations(ArchRule rule) {
    var result = rule.evaluate(fixtures);
    assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
    return String.join("\n", result.getFailureReport().getDetails());
  }
}
