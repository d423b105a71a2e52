package io.comptoir.identity;

/**
 * Checks a username and password. The local provider uses the identity repository; an OIDC provider
 * can be another implementation.
 */
public interface IdentityProvider {
  /**
   * The principal of an active user whose password matches; otherwise an UNAUTHENTICATED exception
   * whose message does not say whether the user exists.
   */
  Principal authenticate(String username, String password);
}
