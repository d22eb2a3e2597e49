package dev.sluice.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetector.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeakDetectionTest {

  private Level levelBefore;
  private String propertyBefore;

  @BeforeEach
  void remember() {
    levelBefore = ResourceLeakDetector.getLevel();
    propertyBefore = System.getProperty(LeakDetection.LEVEL_PROPERTY);
    ResourceLeakDetector.setLevel(Level.SIMPLE);
  }

  @AfterEach
  void restore() {
    ResourceLeakDetector.setLevel(levelBefore);
    if (propertyBefore == null) {
      System.clearProperty(LeakDetection.LEVEL_PROPERTY);
    } else {
      System.setProperty(LeakDetection.LEVEL_PROPERTY, propertyBefore);
    }
  }

  @Test
  void turnsTheDetectorOffWhenNoLevelWasAskedFor() {
    System.clearProperty(LeakDetection.LEVEL_PROPERTY);

    LeakDetection.offUnlessAsked();

    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(Level.DISABLED);
  }

  @Test
  void leavesTheLevelAskedForOnTheCommandLine() {
    System.setProperty(LeakDetection.LEVEL_PROPERTY, "simple");

    LeakDetection.offUnlessAsked();

    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(Level.SIMPLE);
  }
}
