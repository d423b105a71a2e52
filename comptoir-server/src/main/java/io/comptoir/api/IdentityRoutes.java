package io.comptoir.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.comptoir.api.CatalogJson.Items;
import io.comptoir.api.IdentityJson.ApplicationInputJson;
import io.comptoir.api.IdentityJson.ApplicationJson;
import io.comptoir.api.IdentityJson.IssuedTokenJson;
import io.comptoir.api.IdentityJson.LoginJson;
import io.comptoir.api.IdentityJson.MeJson;
import io.comptoir.api.IdentityJson.TokenInputJson;
import io.comptoir.api.IdentityJson.TokenJson;
import io.comptoir.api.IdentityJson.UserInputJson;
import io.comptoir.api.IdentityJson.UserJson;
import io.comptoir.audit.AuditService;
import io.comptoir.common.ComptoirException;
import io.comptoir.identity.Access;
import io.comptoir.identity.ApiToken;
import io.comptoir.identity.Application;
import io.comptoir.identity.ApplicationId;
import io.comptoir.identity.IdentityProvider;
import io.comptoir.identity.IdentityService;
import io.comptoir.identity.IssuedToken;
import io.comptoir.identity.Principal;
import io.comptoir.identity.TokenId;
import io.comptoir.identity.User;
import io.comptoir.identity.Username;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Login and logout, the caller's identity and tokens, and the administration of accounts. */
final class IdentityRoutes {
  static final String LOGIN = "/api/v1/login";
  static final String LOGOUT = "/api/v1/logout";

  /** API routes that anonymous callers may use. */
  static final Set<String> PUBLIC = Set.of(LOGIN, LOGOUT);

  /** Lifetime of a token when the request does not say. */
  static final int DEFAULT_TOKEN_DAYS = 30;

  private final IdentityService identities;
  private final IdentityProvider provider;
  private final Login login;
  private final ObjectMapper mapper;
  private final AuditService audit;

  IdentityRoutes(
      IdentityService identities,
      IdentityProvider provider,
      Login login,
      ObjectMapper mapper,
      AuditService audit) {
    this.audit = requireNonNull(audit, "audit is null");
    this.identities = requireNonNull(identities, "identities is null");
    this.provider = requireNonNull(provider, "provider is null");
    this.login = requireNonNull(login, "login is null");
    this.mapper = requireNonNull(mapper, "mapper is null");
  }

  void register(RoutesConfig routes) {
    routes.post(LOGIN, this::login);
    routes.post(LOGOUT, this::logout);
    routes.get("/api/v1/me", this::me);
    routes.post("/api/v1/tokens", this::createToken);
    routes.get("/api/v1/tokens", this::tokens);
    routes.delete("/api/v1/tokens/{tokenId}", this::revokeToken);
    routes.get("/api/v1/users/{username}", this::user);
    routes.put("/api/v1/users/{username}", this::putUser);
    routes.get("/api/v1/applications/{applicationId}", this::application);
    routes.put("/api/v1/applications/{applicationId}", this::putApplication);
  }

  private void login(Context context) {
    LoginJson body = Json.read(mapper, context.bodyInputStream(), LoginJson.class);
    Principal principal = login.login(context, body.username(), body.password());
    context.json(MeJson.of(principal, identities.loadUser(principal.user())));
  }

  private void logout(Context context) {
    login.logout(context);
    context.status(HttpStatus.NO_CONTENT);
  }

  private void me(Context context) {
    Principal principal = Caller.principal(context);
    context.json(MeJson.of(principal, identities.loadUser(principal.user())));
  }

  private void createToken(Context context) {
    Principal principal = Caller.principal(context);
    Access.issueTokens(principal);
    TokenInputJson body = Json.read(mapper, context.bodyInputStream(), TokenInputJson.class);
    int days =
        body.days() == null ? Math.min(DEFAULT_TOKEN_DAYS, identities.maxTokenDays()) : body.days();
    IssuedToken issued =
        identities.issueToken(
            principal.user(),
            Optional.ofNullable(body.application()).map(ApplicationId::of),
            body.name(),
            days);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("token", issued.token().id().toString());
    details.put("name", String.valueOf(body.name()));
    details.put("days", Integer.toString(days));
    issued.token().application().ifPresent(app -> details.put("application", app.toString()));
    audit.record(principal.name(), "TOKEN_CREATED", "user:" + principal.user(), details);
    context.status(HttpStatus.CREATED);
    context.json(IssuedTokenJson.of(issued, now()));
  }

  private void tokens(Context context) {
    Principal principal = Caller.principal(context);
    Instant now = now();
    context.json(
        Items.of(identities.listTokens(principal.user()), token -> TokenJson.of(token, now)));
  }

  private void revokeToken(Context context) {
    Principal principal = Caller.principal(context);
    TokenId id = new TokenId(context.pathParam("tokenId"));
    ApiToken revoked = identities.revokeToken(principal, id);
    audit.record(
        principal.name(),
        "TOKEN_REVOKED",
        "user:" + revoked.user(),
        Map.of("token", id.toString()));
    context.json(TokenJson.of(revoked, now()));
  }

  private void user(Context context) {
    Access.manageIdentities(Caller.principal(context));
    context.json(UserJson.of(identities.loadUser(Username.of(context.pathParam("username")))));
  }

  private void putUser(Context context) {
    Access.manageIdentities(Caller.principal(context));
    Username username = Username.of(context.pathParam("username"));
    UserInputJson body = Json.read(mapper, context.bodyInputStream(), UserInputJson.class);
    User changed = body.toUser(username);
    if (body.password() != null) {
      IdentityService.checkPassword(body.password());
    }
    User user = identities.saveUser(changed);
    if (body.password() != null) {
      identities.setPassword(username, body.password());
    }
    audit.record(
        Caller.principal(context).name(),
        "USER_SAVED",
        "user:" + username,
        Map.of(
            "entity",
            user.entity(),
            "roles",
            user.roles().stream().map(Enum::name).sorted().toList().toString(),
            "passwordChanged",
            Boolean.toString(body.password() != null)));
    context.json(UserJson.of(user));
  }

  private void application(Context context) {
    Access.manageIdentities(Caller.principal(context));
    context.json(
        ApplicationJson.of(
            identities.loadApplication(ApplicationId.of(context.pathParam("applicationId")))));
  }

  private void putApplication(Context context) {
    Access.manageIdentities(Caller.principal(context));
    ApplicationId id = ApplicationId.of(context.pathParam("applicationId"));
    ApplicationInputJson body =
        Json.read(mapper, context.bodyInputStream(), ApplicationInputJson.class);
    if (body.owner() == null) {
      throw ComptoirException.invalidInput("owner is required");
    }
    Username owner = Username.of(body.owner());
    String entity =
        body.entity() != null
            ? body.entity()
            : identities
                .findUser(owner)
                .map(User::entity)
                .orElseThrow(
                    () ->
                        ComptoirException.invalidInput(
                            "owner %s of application %s is not a user", owner, id));
    Application application =
        identities.saveApplication(
            new Application(
                id, body.name(), owner, entity, IdentityJson.parseStatus(body.status())));
    audit.record(
        Caller.principal(context).name(),
        "APPLICATION_SAVED",
        "application:" + id,
        Map.of("owner", owner.value(), "entity", entity));
    context.json(ApplicationJson.of(application));
  }

  private Instant now() {
    return identities.clock().instant();
  }
}
