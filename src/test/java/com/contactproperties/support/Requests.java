package com.contactproperties.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.contactproperties.platform.dev.DevToken;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Request and answer helpers shared by the API tests. */
public final class Requests {

  private Requests() {}

  /** A JSON request of an owner of the tenant with the given scopes (every scope when none given). */
  public static RequestSpecification as(String tenant, String... scopes) {
    String[] granted = scopes.length == 0 ? DevToken.ALL_SCOPES.toArray(String[]::new) : scopes;
    return given().auth().oauth2(Tokens.token(tenant, granted)).contentType(ContentType.JSON);
  }

  /** Asserts an RFC 9457 problem with the status, and answers the response for further checks. */
  public static ValidatableResponse problem(ValidatableResponse response, int status) {
    return response.statusCode(status).contentType("application/problem+json")
        .body("status", equalTo(status)).body("title", notNullValue()).body("type", notNullValue());
  }
}
