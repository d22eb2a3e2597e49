package dev.sluice.functions.mappings;

/** AWS's event-source mapping states, with their names on the wire. */
public enum MappingState {
  CREATING("Creating"),
  ENABLING("Enabling"),
  ENABLED("Enabled"),
  DISABLING("Disabling"),
  DISABLED("Disabled"),
  UPDATING("Updating"),
  DELETING("Deleting");

  private final String wireName;

  MappingState(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
