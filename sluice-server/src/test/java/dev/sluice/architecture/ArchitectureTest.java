package dev.sluice.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module layout is the architecture: core -> store SPI -> stores; protocols -> core; server
 * wires everything. These rules keep it so as the code grows (the server module sees every other
 * module, so it is where they can be checked together).
 */
@AnalyzeClasses(packages = "dev.sluice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule core_knows_nothing_of_http_storage_engines_or_wire_formats =
      noClasses().that().resideInAPackage("dev.sluice.core..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "io.netty..", "org.rocksdb..", "software.amazon..", "com.amazonaws..",
              "dev.sluice.protocol..", "dev.sluice.store..", "dev.sluice.server..");

  @ArchTest
  static final ArchRule the_queue_service_reaches_messages_only_through_the_store_spi =
      noClasses().that().resideInAPackage("dev.sluice.core.queue")
          .or().resideInAnyPackage("dev.sluice.core.queue.message..",
              "dev.sluice.core.queue.attributes..", "dev.sluice.core.queue.batch..",
              "dev.sluice.core.queue.poll..", "dev.sluice.core.queue.move..")
          .should().dependOnClassesThat().resideInAPackage("dev.sluice.core.queue.engine..");

  @ArchTest
  static final ArchRule protocols_know_neither_stores_nor_the_http_server =
      noClasses().that().resideInAPackage("dev.sluice.protocol..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "dev.sluice.store..", "dev.sluice.server..", "io.netty..", "org.rocksdb..",
              "dev.sluice.core.queue.engine..");

  @ArchTest
  static final ArchRule stores_know_neither_protocols_nor_the_server =
      noClasses().that().resideInAPackage("dev.sluice.store..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "dev.sluice.protocol..", "dev.sluice.server..", "io.netty..");

  @ArchTest
  static final ArchRule schedules_know_nothing_of_http_storage_engines_or_wire_formats =
      noClasses().that().resideInAPackage("dev.sluice.schedules..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "io.netty..", "org.rocksdb..", "software.amazon..", "com.amazonaws..",
              "dev.sluice.protocol..", "dev.sluice.store..", "dev.sluice.server..",
              "dev.sluice.core.queue.engine..");

  // Functions serve the Lambda Runtime API to their own processes, so Netty is allowed here; the
  // AWS wire formats, the stores and the server are not.
  @ArchTest
  static final ArchRule functions_know_neither_wire_formats_nor_stores_nor_the_server =
      noClasses().that().resideInAPackage("dev.sluice.functions..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "org.rocksdb..", "software.amazon..", "com.amazonaws..",
              "dev.sluice.protocol..", "dev.sluice.store..", "dev.sluice.server..",
              "dev.sluice.core.queue.engine..");
}
