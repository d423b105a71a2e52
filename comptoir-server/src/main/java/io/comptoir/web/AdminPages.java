package io.comptoir.web;

import static java.util.Objects.requireNonNull;

import io.comptoir.api.Services;
import io.comptoir.catalog.LegalEntity;
import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import io.comptoir.identity.Access;
import io.comptoir.identity.AccountStatus;
import io.comptoir.identity.Application;
import io.comptoir.identity.ApplicationId;
import io.comptoir.identity.IdentityService;
import io.comptoir.identity.Principal;
import io.comptoir.identity.Role;
import io.comptoir.identity.User;
import io.comptoir.identity.Username;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Administration (ADMIN only, as the API's identity routes): users with their roles, status and
 * password, entities, applications. Saving calls the same service methods and writes the same audit
 * records as {@code PUT /api/v1/users/{username}} and {@code PUT /api/v1/applications/{id}}. No
 * page shows a password or token hash: the services never return them.
 */
final class AdminPages {
  /** The user form: what was typed, kept after an error (never the password). */
  record UserForm(
      boolean create,
      String username,
      String displayName,
      String email,
      String entity,
      Set<Role> roles,
      AccountStatus status) {
    static UserForm empty() {
      return new UserForm(true, "", "", "", "", Set.of(), AccountStatus.ACTIVE);
    }

    static UserForm of(User user) {
      return new UserForm(
          false,
          user.username().value(),
          user.displayName(),
          user.email(),
          user.entity(),
          user.roles(),
          user.status());
    }
  }

  record EntityForm(boolean create, String code, String name, String description) {}

  record ApplicationForm(
      boolean create, String id, String name, String owner, String entity, AccountStatus status) {}

  private final Pages pages;
  private final Services services;

  AdminPages(Pages pages, Services services) {
    this.pages = requireNonNull(pages, "pages is null");
    this.services = requireNonNull(services, "services is null");
  }

  void register(RoutesConfig routes) {
    routes.get("/admin", this::overview);
    routes.get("/admin/users/form", this::userForm);
    routes.post("/admin/users", this::saveUser);
    routes.get("/admin/entities/form", this::entityForm);
    routes.post("/admin/entities", this::saveEntity);
    routes.get("/admin/applications/form", this::applicationForm);
    routes.post("/admin/applications", this::saveApplication);
  }

  private Principal admin(Context context) {
    Principal principal = Web.signedIn(context);
    Access.manageIdentities(principal);
    return principal;
  }

  private void overview(Context context) {
    admin(context);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put(
        "users",
        services.identities().listUsers().stream()
            .sorted(Comparator.comparing(u -> u.username().value()))
            .toList());
    model.put("entities", services.catalog().listEntities());
    model.put(
        "applications",
        services.identities().listApplications().stream()
            .sorted(Comparator.comparing(a -> a.id().value()))
            .toList());
    model.put("saved", Optional.ofNullable(context.queryParam("saved")).orElse(""));
    pages.render(context, "admin.jte", model);
  }

  // users

  private void userForm(Context context) {
    admin(context);
    String username = context.queryParam("username");
    UserForm form =
        username == null || username.isBlank()
            ? UserForm.empty()
            : UserForm.of(services.identities().loadUser(Username.of(username)));
    renderUser(context, form, "");
  }

  private void renderUser(Context context, UserForm form, String error) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("form", form);
    model.put("error", error);
    model.put("entities", services.catalog().listEntities());
    model.put("allRoles", List.of(Role.values()));
    model.put("minPassword", IdentityService.MIN_PASSWORD_LENGTH);
    pages.render(context, "admin_user.jte", model);
  }

  private void saveUser(Context context) {
    Principal principal = admin(context);
    boolean create = "create".equals(context.formParam("mode"));
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String role : context.formParams("roles")) {
      roles.add(parseEnum(role, Role.class, "role"));
    }
    UserForm form =
        new UserForm(
            create,
            field(context, "username"),
            field(context, "displayName"),
            field(context, "email"),
            field(context, "entity"),
            roles,
            parseEnum(
                Optional.ofNullable(context.formParam("status")).orElse("ACTIVE"),
                AccountStatus.class,
                "status"));
    String password = context.formParam("password");
    if (password != null && password.isEmpty()) {
      password = null;
    }
    Messages messages = Pages.messages(context);
    User user;
    try {
      Username username = Username.of(form.username());
      boolean exists = services.identities().findUser(username).isPresent();
      if (create && exists) {
        throw new ComptoirException(
            ErrorCode.CONFLICT, messages.text("admin.error.user-exists", username.value()));
      }
      if (!create && !exists) {
        throw new ComptoirException(
            ErrorCode.INVALID_INPUT, messages.text("admin.error.no-user", username.value()));
      }
      if (create && password == null) {
        throw new ComptoirException(
            ErrorCode.INVALID_INPUT, messages.text("admin.error.password-required"));
      }
      requireEntity(form.entity(), messages);
      User changed =
          new User(
              username,
              form.displayName(),
              form.email(),
              form.entity(),
              form.roles(),
              form.status());
      if (password != null) {
        IdentityService.checkPassword(password);
      }
      user = services.identities().saveUser(changed);
      if (password != null) {
        services.identities().setPassword(username, password);
      }
    } catch (ComptoirException e) {
      refuse(context, e);
      renderUser(context, form, e.getMessage());
      return;
    }
    // the same audit record as PUT /api/v1/users/{username}
    services
        .audit()
        .record(
            principal.name(),
            "USER_SAVED",
            "user:" + user.username(),
            Map.of(
                "entity",
                user.entity(),
                "roles",
                user.roles().stream().map(Enum::name).sorted().toList().toString(),
                "passwordChanged",
                Boolean.toString(password != null)));
    saved(context, "user:" + user.username().value());
  }

  private void requireEntity(String code, Messages messages) {
    if (services.catalog().listEntities().stream().noneMatch(e -> e.code().equals(code))) {
      throw new ComptoirException(
          ErrorCode.INVALID_INPUT, messages.text("admin.error.no-entity", code));
    }
  }

  // entities

  private void entityForm(Context context) {
    Access.editReferenceData(admin(context));
    String code = context.queryParam("code");
    EntityForm form = new EntityForm(true, "", "", "");
    if (code != null && !code.isBlank()) {
      LegalEntity entity =
          services.catalog().listEntities().stream()
              .filter(e -> e.code().equals(code))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ComptoirException(ErrorCode.NOT_FOUND, "entity " + code + " not found"));
      form = new EntityForm(false, entity.code(), entity.name(), entity.description());
    }
    renderEntity(context, form, "");
  }

  private void renderEntity(Context context, EntityForm form, String error) {
    pages.render(context, "admin_entity.jte", Map.of("form", form, "error", error));
  }

  /** As {@code PUT /api/v1/entities/{code}}: Access.editReferenceData, then saveEntity. */
  private void saveEntity(Context context) {
    Access.editReferenceData(admin(context));
    boolean create = "create".equals(context.formParam("mode"));
    EntityForm form =
        new EntityForm(
            create,
            field(context, "code"),
            field(context, "name"),
            Optional.ofNullable(context.formParam("description")).orElse(""));
    try {
      if (create
          && services.catalog().listEntities().stream()
              .anyMatch(e -> e.code().equals(form.code()))) {
        throw new ComptoirException(
            ErrorCode.CONFLICT,
            Pages.messages(context).text("admin.error.entity-exists", form.code()));
      }
      services.catalog().saveEntity(new LegalEntity(form.code(), form.name(), form.description()));
    } catch (ComptoirException e) {
      refuse(context, e);
      renderEntity(context, form, e.getMessage());
      return;
    }
    saved(context, "entity:" + form.code());
  }

  // applications

  private void applicationForm(Context context) {
    admin(context);
    String id = context.queryParam("id");
    ApplicationForm form = new ApplicationForm(true, "", "", "", "", AccountStatus.ACTIVE);
    if (id != null && !id.isBlank()) {
      Application application = services.identities().loadApplication(ApplicationId.of(id));
      form =
          new ApplicationForm(
              false,
              application.id().value(),
              application.name(),
              application.owner().value(),
              application.entity(),
              application.status());
    }
    renderApplication(context, form, "");
  }

  private void renderApplication(Context context, ApplicationForm form, String error) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("form", form);
    model.put("error", error);
    model.put("entities", services.catalog().listEntities());
    model.put(
        "users",
        services.identities().listUsers().stream()
            .map(u -> u.username().value())
            .sorted()
            .toList());
    pages.render(context, "admin_application.jte", model);
  }

  private void saveApplication(Context context) {
    Principal principal = admin(context);
    boolean create = "create".equals(context.formParam("mode"));
    ApplicationForm form =
        new ApplicationForm(
            create,
            field(context, "id"),
            field(context, "name"),
            field(context, "owner"),
            field(context, "entity"),
            parseEnum(
                Optional.ofNullable(context.formParam("status")).orElse("ACTIVE"),
                AccountStatus.class,
                "status"));
    Messages messages = Pages.messages(context);
    Application application;
    try {
      ApplicationId id = ApplicationId.of(form.id());
      if (create && services.identities().findApplication(id).isPresent()) {
        throw new ComptoirException(
            ErrorCode.CONFLICT, messages.text("admin.error.application-exists", id));
      }
      if (form.owner().isEmpty()) {
        throw ComptoirException.invalidInput("owner is required");
      }
      Username owner = Username.of(form.owner());
      // as the API: the owner's entity when none is given
      String entity =
          !form.entity().isEmpty()
              ? form.entity()
              : services
                  .identities()
                  .findUser(owner)
                  .map(User::entity)
                  .orElseThrow(
                      () ->
                          ComptoirException.invalidInput(
                              "owner %s of application %s is not a user", owner, id));
      requireEntity(entity, messages);
      application =
          services
              .identities()
              .saveApplication(new Application(id, form.name(), owner, entity, form.status()));
    } catch (ComptoirException e) {
      refuse(context, e);
      renderApplication(context, form, e.getMessage());
      return;
    }
    // the same audit record as PUT /api/v1/applications/{id}
    services
        .audit()
        .record(
            principal.name(),
            "APPLICATION_SAVED",
            "application:" + application.id(),
            Map.of("owner", application.owner().value(), "entity", application.entity()));
    saved(context, "application:" + application.id().value());
  }

  // shared

  /** Status of a refused form; errors the reader cannot fix by editing the form go up. */
  private static void refuse(Context context, ComptoirException e) {
    if (e.code() != ErrorCode.INVALID_INPUT && e.code() != ErrorCode.CONFLICT) {
      throw e;
    }
    context.status(e.code() == ErrorCode.CONFLICT ? 409 : 400);
  }

  private static void saved(Context context, String what) {
    context.redirect(
        "/admin?saved=" + URLEncoder.encode(what, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
  }

  private static String field(Context context, String name) {
    String value = context.formParam(name);
    return value == null ? "" : value.strip();
  }

  private static <E extends Enum<E>> E parseEnum(String text, Class<E> type, String field) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(text.strip())) {
        return constant;
      }
    }
    throw ComptoirException.invalidInput(
        "%s must be one of %s, got '%s'", field, List.of(type.getEnumConstants()), text);
  }
}
