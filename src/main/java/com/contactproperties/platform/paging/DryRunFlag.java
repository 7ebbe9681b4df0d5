package com.contactproperties.platform.paging;

import com.contactproperties.platform.error.DomainException;

/** A boolean query flag such as {@code dry_run}: absent is false, anything but true or false is a 400. */
public final class DryRunFlag {

  private DryRunFlag() {}

  public static boolean parse(String name, String value) {
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw new DomainException.BadRequest(name, "must be true or false");
  }
}
