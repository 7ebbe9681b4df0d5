package com.contactproperties.property;

import java.util.List;
import java.util.Optional;

/** What a client asks of a definition, in the names of the domain; each surface maps its own fields onto these. */
public final class DefinitionCommands {

  private DefinitionCommands() {}

  /** A new definition; {@code type} is the wire name (null: the surface's default already applied or missing). */
  public record Create(String title, String type, List<String> choices, String description, Boolean agentActive) {}

  /**
   * Changes to a definition: a null component is left as it is. {@code description} distinguishes
   * absent (null) from cleared ({@code Optional.empty()}).
   */
  public record Change(String title, String type, List<String> choices, Optional<String> description, Boolean agentActive) {}
}
