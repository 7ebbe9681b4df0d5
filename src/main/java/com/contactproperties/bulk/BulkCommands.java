package com.contactproperties.bulk;

import com.contactproperties.platform.error.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** A bulk update in the names of the domain, and what its submission answers. */
public final class BulkCommands {

  /** Most entries in one request. */
  public static final int MAX_ENTRIES = 1_000;

  private BulkCommands() {}

  /** One entry: exactly one identifier, and the changes for that contact. A null field is left unchanged. */
  public record Entry(String id, String username, String email, Changes changes) {}

  /** The changes of one contact; custom properties may be named by any spelling, and null or "" clears one. */
  public record Changes(String name, String status, String email, String phone, String language, List<Long> folderIds,
      Map<String, JsonNode> customProperties) {}

  /** An identifier as the client sent it, such as {@code email} and the address. */
  public record Identifier(String field, String value) {}

  /** An entry that was not applied, with every reason. */
  public record Rejected(int index, Identifier identifier, List<FieldError> errors) {}

  /** What a submission did: the task (null when nothing was queued) and the entries left out. */
  public record Result(String taskId, int accepted, List<Identifier> notFound, List<Rejected> invalid) {}
}
