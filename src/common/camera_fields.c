/* camera_fields.c — the table of a camera's fields, and how each type of
 * field is read, kept, sent and printed. */
#include "build-config.h"

#include "common/camera_fields.h"

#include "common/camera_changes.h"
#include "common/config.h"
#include "common/error.h"
#include "common/i18n.h"
#include "common/message.h"
#include "common/timeutil.h"

#include <math.h>
#include <string.h>

#define HOUR_US G_GINT64_CONSTANT (3600000000)
#define DAY_US (24 * HOUR_US)

/* CHOICE and BOOL rows keep their value through an int. */
G_STATIC_ASSERT (sizeof (CgTransport) == sizeof (int));
G_STATIC_ASSERT (sizeof (CgFunding) == sizeof (int));
G_STATIC_ASSERT (sizeof (CgHostKind) == sizeof (int));
G_STATIC_ASSERT (sizeof (gboolean) == sizeof (int));

static char *show_login (JsonObject *camera);

static const CgFieldChoice transports[] = {
  { "tcp", CG_TRANSPORT_TCP, NULL },
  { "udp", CG_TRANSPORT_UDP, NULL },
  { NULL },
};

static const CgFieldChoice fundings[] = {
  { "budget", CG_FUNDING_BUDGET, N_("commune budget") },
  { "community", CG_FUNDING_COMMUNITY, N_("community (donated or hosted)") },
  { "", CG_FUNDING_UNKNOWN, NULL },
  { NULL },
};

static const CgFieldChoice host_kinds[] = {
  { "household", CG_HOST_HOUSEHOLD, N_("household") },
  { "business", CG_HOST_BUSINESS, N_("business") },
  { "", CG_HOST_UNKNOWN, NULL },
  { NULL },
};

static const CgFieldChoice states[] = {
  { "true", TRUE, N_("enabled") },
  { "false", FALSE, N_("disabled") },
  { NULL },
};

#define AT(member) G_STRUCT_OFFSET (CgCamera, member)

static const CgCameraField rows[] = {
  { .json = "url", .option = "url", .offset = AT (url), .type = CG_FIELD_URL,
    .flags = CG_FIELD_LOGIN_IN_URL, .metavar = "URL",
    .help = N_("rtsp://[USER@]HOST[:PORT]/PATH (the password apart)"), .label = N_("Address:") },
  { .json = "user", .option = "user", .offset = AT (username), .type = CG_FIELD_TEXT,
    .flags = CG_FIELD_ADMIN_ONLY, .metavar = N_("USER"),
    .help = N_("user name for the camera"), .label = N_("Login:"), .show = show_login },
  { .json = "password", .option = "password", .offset = AT (password), .type = CG_FIELD_TEXT,
    .flags = CG_FIELD_ADMIN_ONLY, .metavar = N_("PASSWORD"),
    .help = N_("password for the camera (never shown)") },
  { .json = "substream_url", .option = "substream", .offset = AT (substream_url),
    .type = CG_FIELD_URL, .metavar = "URL", .help = N_("the camera's smaller second stream"),
    .label = N_("Sub-stream:") },
  { .json = "transport", .option = "transport", .offset = AT (transport), .type = CG_FIELD_CHOICE,
    .metavar = "tcp|udp", .help = N_("how the video travels (tcp suits weak links)"),
    .label = N_("Transport:"), .choices = transports },
  { .json = "enabled", .option = "enabled", .option_off = "disabled", .offset = AT (enabled),
    .type = CG_FIELD_BOOL, .help = N_("record it (the default for a new camera)"),
    .help_off = N_("do not record it"), .label = N_("State:"), .choices = states },
  { .json = "place", .option = "place", .offset = AT (place), .type = CG_FIELD_TEXT,
    .metavar = N_("TEXT"), .help = N_("where the camera is, in words"), .label = N_("Place:") },
  { .json = "map", .option = "map", .offset = AT (has_map), .type = CG_FIELD_MAP,
    .metavar = "X,Y", .help = N_("position on the commune map (\"none\": no position)"),
    .label = N_("Map:") },
  { .json = "motion_sensitivity", .option = "motion-sensitivity",
    .offset = AT (motion_sensitivity), .type = CG_FIELD_FRACTION, .metavar = "N",
    .help = N_("from 0 (only large changes) to 1 (the smallest)"),
    .label = N_("Motion sensitivity:") },
  { .json = "motion_mask", .option = "motion-mask", .offset = AT (motion_mask),
    .type = CG_FIELD_TEXT, .metavar = "X1,Y1,X2,Y2[;...]",
    .help = N_("cells of the 32x18 grid motion ignores"), .label = N_("Motion mask:") },
  { .json = "full_rate_days", .option = "full-rate-days", .offset = AT (full_rate_us),
    .type = CG_FIELD_DAYS, .metavar = "D",
    .help = N_("keep this camera at full rate D days, then thin"),
    .label = N_("Full-rate days:") },
  { .json = "retention_days", .option = "retention-days", .offset = AT (retention_target_us),
    .type = CG_FIELD_DAYS, .metavar = "D", .help = N_("this camera's target of days kept"),
    .label = N_("Days to keep:") },
  /* The inventory: who paid, who hosts it, what it is. */
  { .json = "funding", .option = "funding", .offset = AT (funding), .type = CG_FIELD_CHOICE,
    .flags = CG_FIELD_INVENTORY, .metavar = "budget|community",
    .help = N_("bought by the commune, or donated/hosted"), .label = N_("Funding:"),
    .choices = fundings },
  { .json = "donor", .option = "donor", .offset = AT (donor), .type = CG_FIELD_TEXT,
    .flags = CG_FIELD_INVENTORY, .metavar = N_("TEXT"),
    .help = N_("who donated it (community funding only)"), .label = N_("Donor:") },
  { .json = "host_kind", .option = "host-kind", .offset = AT (host_kind), .type = CG_FIELD_CHOICE,
    .flags = CG_FIELD_INVENTORY, .metavar = "household|business",
    .help = N_("the camera is hosted by a household or a business"), .label = N_("Hosted by:"),
    .choices = host_kinds },
  { .json = "host_name", .option = "host", .option_alias = "host-name", .offset = AT (host_name),
    .type = CG_FIELD_TEXT, .flags = CG_FIELD_INVENTORY, .metavar = N_("TEXT"),
    .help = N_("household or business hosting the camera"), .label = N_("Host household:") },
  { .json = "host_address", .option = "host-address", .offset = AT (host_address),
    .type = CG_FIELD_TEXT, .flags = CG_FIELD_INVENTORY, .metavar = N_("TEXT"),
    .help = N_("the host's address"), .label = N_("Host's address:") },
  { .json = "host_phone", .option = "host-phone", .offset = AT (host_phone),
    .type = CG_FIELD_PHONE, .flags = CG_FIELD_INVENTORY, .metavar = N_("PHONE"),
    .help = N_("the host's phone number"), .label = N_("Host's phone:") },
  { .json = "power_by", .option = "power-by", .offset = AT (power_by), .type = CG_FIELD_TEXT,
    .flags = CG_FIELD_INVENTORY, .metavar = N_("TEXT"), .help = N_("who provides its power"),
    .label = N_("Power from:") },
  { .json = "network_by", .option = "network-by", .offset = AT (network_by),
    .type = CG_FIELD_TEXT, .flags = CG_FIELD_INVENTORY, .metavar = N_("TEXT"),
    .help = N_("who provides its internet line"), .label = N_("Network from:") },
  { .json = "network_plan", .option = "network-plan", .offset = AT (network_plan),
    .type = CG_FIELD_TEXT, .flags = CG_FIELD_INVENTORY, .metavar = N_("TEXT"),
    .help = N_("the line's plan or speed, such as \"VNPT 30 Mbps\""),
    .label = N_("Line's plan:") },
  { .json = "installed", .option = "installed", .offset = AT (installed_on), .type = CG_FIELD_DATE,
    .flags = CG_FIELD_INVENTORY, .metavar = N_("DATE"),
    .help = N_("when it was installed: dd/mm/yyyy or YYYY-MM-DD"), .label = N_("Installed on:") },
  { .json = "brand", .option = "brand", .offset = AT (brand), .type = CG_FIELD_TEXT,
    .flags = CG_FIELD_INVENTORY, .metavar = N_("TEXT"), .help = N_("the camera's brand"),
    .label = N_("Brand:") },
  { .json = "model", .option = "model", .offset = AT (model), .type = CG_FIELD_TEXT,
    .flags = CG_FIELD_INVENTORY, .metavar = N_("TEXT"), .help = N_("the camera's model"),
    .label = N_("Model:") },
  { .json = "serial", .option = "serial", .offset = AT (serial), .type = CG_FIELD_TEXT,
    .flags = CG_FIELD_INVENTORY, .metavar = N_("TEXT"), .help = N_("the camera's serial number"),
    .label = N_("Serial number:") },
  { .json = "warranty_until", .option = "warranty-until", .offset = AT (warranty_until),
    .type = CG_FIELD_DATE, .flags = CG_FIELD_INVENTORY | CG_FIELD_EXPIRES, .metavar = N_("DATE"),
    .help = N_("the last day of the warranty: dd/mm/yyyy or YYYY-MM-DD"),
    .label = N_("Warranty until:") },
  { .json = "notes", .option = "notes", .offset = AT (notes), .type = CG_FIELD_TEXT,
    .flags = CG_FIELD_INVENTORY, .metavar = N_("TEXT"),
    .help = N_("anything else worth knowing (lines allowed, at most 1000 characters)"),
    .label = N_("Notes:") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (rows) == CG_CAMERA_N_FIELDS);

const CgCameraField *const cg_camera_fields = rows;

const CgCameraField *
cg_camera_field_find (const char *json)
{
  for (int i = 0; i < CG_CAMERA_N_FIELDS; i++)
    if (g_str_equal (rows[i].json, json))
      return &rows[i];
  return NULL;
}

const CgRpcParam *
cg_camera_field_params (void)
{
  static CgRpcParam params[CG_CAMERA_N_FIELDS + 1]; /* the last one ends the table */
  static gsize built = 0;
  if (g_once_init_enter (&built))
    {
      for (int i = 0; i < CG_CAMERA_N_FIELDS; i++)
        params[i] = (CgRpcParam) {
          .name = rows[i].json,
          .type = rows[i].type == CG_FIELD_BOOL ? CG_RPC_BOOL : CG_RPC_STRING,
        };
      g_once_init_leave (&built, 1);
    }
  return params;
}

/* ---- reading values ---------------------------------------------------- */

/* "0,5" -> "0.5": the decimal comma `camera show` prints under a
 * Vietnamese locale, read back.  Only a single comma and no point; any
 * other text is left for the parser to refuse as it is. */
static char *
decimal_point (const char *text)
{
  char *t = g_strstrip (g_strdup (text));
  char *comma = strchr (t, ',');
  if (comma != NULL && strchr (comma + 1, ',') == NULL && strchr (t, '.') == NULL)
    *comma = '.';
  return t;
}

static gboolean
fraction_read (const char *text, double *out)
{
  g_autofree char *t = decimal_point (text);
  char *end = NULL;
  double v = g_ascii_strtod (t, &end);
  if (end == t || *end != '\0' || !(v >= 0 && v <= 1))
    return FALSE;
  *out = v;
  return TRUE;
}

/* A per-camera [storage] override: from an hour to ten years. */
static gboolean
days_read (const char *text, gint64 *out_us)
{
  g_autofree char *t = decimal_point (text);
  gint64 us = 0;
  if (!cg_parse_duration (t, DAY_US, &us) || us < HOUR_US || us > 3650 * DAY_US)
    return FALSE;
  *out_us = us;
  return TRUE;
}

/* Case and accents aside, for matching what was typed to a label. */
static char *
fold (const char *text)
{
  g_autofree char *t = g_strstrip (g_strdup (text));
  g_autofree char *nfc = g_utf8_normalize (t, -1, G_NORMALIZE_NFC);
  return nfc != NULL ? g_utf8_casefold (nfc, -1) : g_strdup ("");
}

/* The choice typed as its name, or as its label as `camera show` says it. */
static const CgFieldChoice *
choice_typed (const CgCameraField *f, const char *text)
{
  g_autofree char *typed = fold (text);
  for (const CgFieldChoice *c = f->choices; c->name != NULL; c++)
    {
      g_autofree char *name = fold (c->name);
      g_autofree char *label = c->label != NULL ? fold (_(c->label)) : NULL;
      if (g_str_equal (typed, name) || g_strcmp0 (typed, label) == 0)
        return c;
    }
  return NULL;
}

static const CgFieldChoice *
choice_of_value (const CgCameraField *f, int value)
{
  for (const CgFieldChoice *c = f->choices; c->name != NULL; c++)
    if (c->value == value)
      return c;
  return NULL;
}

static const CgFieldChoice *
choice_of_name (const CgCameraField *f, const char *name)
{
  for (const CgFieldChoice *c = f->choices; c->name != NULL; c++)
    if (g_str_equal (c->name, name))
      return c;
  return NULL;
}

/* "tcp or udp": the names a choice can be typed as. */
static CgMessage *
choice_names (const CgCameraField *f)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (const CgFieldChoice *c = f->choices; c->name != NULL; c++)
    if (*c->name != '\0')
      g_ptr_array_add (names, (gpointer) c->name);
  g_assert (names->len >= 2);
  const char *last = names->pdata[names->len - 1];
  names->pdata[names->len - 1] = NULL;
  g_autofree char *rest = g_strjoinv (", ", (char **) names->pdata);
  /* Translators: the last two of a list of words, "tcp or udp". */
  return cg_message_new (N_("%s or %s"), rest, last);
}

char *
cg_camera_field_canonical (const CgCameraField *f, const char *typed)
{
  switch (f->type)
    {
    case CG_FIELD_DATE:
      {
        char *iso = NULL;
        if (*typed != '\0' && cg_date_parse (typed, &iso, NULL))
          return iso;
        break;
      }
    case CG_FIELD_FRACTION:
    case CG_FIELD_DAYS:
      return decimal_point (typed);
    case CG_FIELD_CHOICE:
    case CG_FIELD_BOOL:
      {
        const CgFieldChoice *c = choice_typed (f, typed);
        if (c != NULL)
          return g_strdup (c->name);
        break;
      }
    case CG_FIELD_TEXT:
    case CG_FIELD_URL:
    case CG_FIELD_PHONE:
    case CG_FIELD_MAP:
      break;
    }
  return g_strdup (typed);
}

void
cg_camera_field_add_param (JsonBuilder *params, const CgCameraField *f, const char *typed)
{
  g_autofree char *value = cg_camera_field_canonical (f, typed);
  json_builder_set_member_name (params, f->json);
  if (f->type == CG_FIELD_BOOL && (g_str_equal (value, "true") || g_str_equal (value, "false")))
    json_builder_add_boolean_value (params, g_str_equal (value, "true"));
  else
    json_builder_add_string_value (params, value);
}

/* ---- applying ---------------------------------------------------------- */

static void
set_text (char **field, const char *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = *value != '\0' ? g_strdup (value) : NULL;
}

static gboolean
apply_login_url (CgCamera *c, char **field, const char *text, const CgCameraChanges *changes,
                 GError **error)
{
  g_autofree char *url = NULL, *user = NULL, *pass = NULL;
  if (!cg_camera_url_parse (text, &url, &user, &pass, error))
    return FALSE;
  const char *given_user = cg_camera_changes_get (changes, "user");
  const char *given_pass = cg_camera_changes_get (changes, "password");
  if ((given_user != NULL && user != NULL && strcmp (given_user, user) != 0)
      || (given_pass != NULL && pass != NULL && strcmp (given_pass, pass) != 0))
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_USAGE,
                         N_("the URL holds a user name or password different from "
                            "--user/--password; give them only once"));
      return FALSE;
    }
  set_text (field, url);
  /* A new address without credentials keeps the old ones: the camera
   * moved, its login did not. */
  set_text (&c->username, user);
  set_text (&c->password, pass);
  return TRUE;
}

gboolean
cg_camera_field_apply (const CgCameraField *f, CgCamera *c, const char *text,
                       const CgCameraChanges *changes, GError **error)
{
  gpointer at = G_STRUCT_MEMBER_P (c, f->offset);
  switch (f->type)
    {
    case CG_FIELD_TEXT:
    case CG_FIELD_PHONE: /* checked by cg_camera_normalize() */
      set_text (at, text);
      return TRUE;
    case CG_FIELD_DATE:
      {
        /* Kept in ISO 8601 however it was typed; a date that does not read
         * is left for cg_camera_normalize() to refuse with its reason. */
        g_autofree char *iso = NULL;
        set_text (at, *text != '\0' && cg_date_parse (text, &iso, NULL) ? iso : text);
        return TRUE;
      }
    case CG_FIELD_URL:
      if (f->flags & CG_FIELD_LOGIN_IN_URL)
        return apply_login_url (c, at, text, changes, error);
      set_text (at, text);
      return TRUE;
    case CG_FIELD_MAP:
      if (*text == '\0' || g_ascii_strcasecmp (text, "none") == 0)
        c->has_map = FALSE;
      else if (cg_camera_map_parse (text, &c->map_x, &c->map_y, error))
        c->has_map = TRUE;
      else
        return FALSE;
      return TRUE;
    case CG_FIELD_CHOICE:
    case CG_FIELD_BOOL:
      {
        const CgFieldChoice *choice = choice_typed (f, text);
        if (choice == NULL)
          {
            cg_error_set_message (error, CG_ERROR, CG_ERROR_USAGE,
                                  cg_message_compose (N_("--%s must be %s, not '%s'"),
                                                      cg_message_literal (f->option),
                                                      choice_names (f), cg_message_literal (text),
                                                      NULL));
            return FALSE;
          }
        *(int *) at = choice->value;
        return TRUE;
      }
    case CG_FIELD_FRACTION:
      if (*text == '\0')
        *(double *) at = -1;
      else if (!fraction_read (text, at))
        {
          cg_error_set_text (error, CG_ERROR, CG_ERROR_USAGE,
                             N_("--%s takes a number from 0 (least) to 1 (most), such as 0,5 or "
                                "0.5, not '%s'"), f->option, text);
          return FALSE;
        }
      return TRUE;
    case CG_FIELD_DAYS:
      if (*text == '\0')
        *(gint64 *) at = 0;
      else if (!days_read (text, at))
        {
          g_autofree char *what = g_strconcat ("--", f->option, NULL);
          cg_error_set_text (error, CG_ERROR, CG_ERROR_USAGE,
                             N_("%s: '%s' is not a duration from 1h to 3650d, such as 7d or 12h"),
                             what, text);
          return FALSE;
        }
      return TRUE;
    }
  g_assert_not_reached ();
}

/* ---- JSON -------------------------------------------------------------- */

void
cg_camera_field_add_json (JsonBuilder *b, const CgCameraField *f, const CgCamera *c,
                          gboolean credentials)
{
  if ((f->flags & CG_FIELD_ADMIN_ONLY) && !credentials)
    return;
  gconstpointer at = G_STRUCT_MEMBER_P (c, f->offset);
  json_builder_set_member_name (b, f->json);
  switch (f->type)
    {
    case CG_FIELD_TEXT:
    case CG_FIELD_PHONE:
    case CG_FIELD_DATE:
      {
        const char *text = *(char *const *) at;
        if (text != NULL)
          json_builder_add_string_value (b, text);
        else
          json_builder_add_null_value (b);
        return;
      }
    case CG_FIELD_URL:
      {
        const char *url = *(char *const *) at;
        /* Those who may not see credentials see where the camera is, not
         * its path or query: vendors put accounts and passwords there. */
        g_autofree char *masked = url == NULL ? NULL
                                  : credentials ? cg_url_mask (url) : cg_url_host_port (url);
        if (masked != NULL)
          json_builder_add_string_value (b, masked);
        else
          json_builder_add_null_value (b);
        return;
      }
    case CG_FIELD_MAP:
      if (!c->has_map)
        {
          json_builder_add_null_value (b);
          return;
        }
      json_builder_begin_array (b);
      json_builder_add_int_value (b, c->map_x);
      json_builder_add_int_value (b, c->map_y);
      json_builder_end_array (b);
      return;
    case CG_FIELD_CHOICE:
      {
        const CgFieldChoice *choice = choice_of_value (f, *(const int *) at);
        if (choice != NULL && *choice->name != '\0')
          json_builder_add_string_value (b, choice->name);
        else
          json_builder_add_null_value (b);
        return;
      }
    case CG_FIELD_BOOL:
      json_builder_add_boolean_value (b, *(const gboolean *) at != FALSE);
      return;
    case CG_FIELD_FRACTION:
      if (*(const double *) at >= 0)
        json_builder_add_double_value (b, *(const double *) at);
      else
        json_builder_add_null_value (b);
      return;
    case CG_FIELD_DAYS:
      if (*(const gint64 *) at > 0)
        json_builder_add_double_value (b, (double) *(const gint64 *) at / (double) DAY_US);
      else
        json_builder_add_null_value (b);
      return;
    }
  g_assert_not_reached ();
}

/* ---- for people -------------------------------------------------------- */

/* Admins are sent the login: the user name is shown, the password never,
 * only whether there is one.  Others learn only that a login is stored. */
static char *
show_login (JsonObject *camera)
{
  if (!cg_rpc_param_bool (camera, "has_credentials", FALSE))
    return NULL;
  if (!json_object_has_member (camera, "user") && !json_object_has_member (camera, "password"))
    return g_strdup (_("set (only administrators see the user name)"));
  const char *user = cg_rpc_param_string (camera, "user", NULL);
  return g_strdup_printf ("%s%s", user != NULL ? user : "",
                          cg_rpc_param_string (camera, "password", NULL) != NULL
                            ? _(" (password set)")
                            : _(" (no password)"));
}

/* A number in the locale's way (0,5 in Vietnamese), with two decimals
 * when they say it exactly. */
static char *
number_text (double v)
{
  char *text = g_strdup_printf ("%.2f", v);
  g_autofree char *back = decimal_point (text);
  if (g_ascii_strtod (back, NULL) == v)
    return text;
  g_free (text);
  return g_strdup_printf ("%g", v);
}

/* Days as typed back to --full-rate-days: "1,5", or "8h" when a number
 * of days would round the span. */
static char *
days_text (double days)
{
  gint64 us = llround (days * (double) DAY_US), back = 0;
  char *text = g_strdup_printf ("%g", days);
  if (days_read (text, &back) && back == us)
    return text;
  g_free (text);
  return g_strdup_printf ("%gh", (double) us / (double) HOUR_US);
}

char *
cg_camera_field_show (const CgCameraField *f, JsonObject *camera)
{
  if (f->show != NULL)
    return f->show (camera);
  JsonNode *node = json_object_get_member (camera, f->json);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return f->type == CG_FIELD_FRACTION || f->type == CG_FIELD_DAYS ? g_strdup (_("default"))
                                                                     : NULL;
  GType vt = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  switch (f->type)
    {
    case CG_FIELD_TEXT:
    case CG_FIELD_URL:
    case CG_FIELD_PHONE:
      return vt == G_TYPE_STRING ? g_strdup (json_node_get_string (node)) : NULL;
    case CG_FIELD_DATE:
      {
        /* As officers write dates: 15/03/2025. */
        const char *iso = vt == G_TYPE_STRING ? json_node_get_string (node) : NULL;
        g_autofree char *checked = NULL;
        if (iso == NULL || !cg_date_parse (iso, &checked, NULL))
          return g_strdup (iso);
        return g_strdup_printf ("%.2s/%.2s/%.4s", checked + 8, checked + 5, checked);
      }
    case CG_FIELD_MAP:
      {
        JsonArray *xy = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
        if (xy == NULL || json_array_get_length (xy) != 2)
          return NULL;
        return g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                                json_array_get_int_element (xy, 0),
                                json_array_get_int_element (xy, 1));
      }
    case CG_FIELD_CHOICE:
    case CG_FIELD_BOOL:
      {
        const CgFieldChoice *choice = NULL;
        if (vt == G_TYPE_STRING)
          choice = choice_of_name (f, json_node_get_string (node));
        else if (vt == G_TYPE_BOOLEAN)
          choice = choice_of_name (f, json_node_get_boolean (node) ? "true" : "false");
        if (choice == NULL)
          return vt == G_TYPE_STRING ? g_strdup (json_node_get_string (node)) : NULL;
        return g_strdup (choice->label != NULL ? _(choice->label) : choice->name);
      }
    case CG_FIELD_FRACTION:
      return vt == G_TYPE_DOUBLE || vt == G_TYPE_INT64 ? number_text (json_node_get_double (node))
                                                       : NULL;
    case CG_FIELD_DAYS:
      return vt == G_TYPE_DOUBLE || vt == G_TYPE_INT64 ? days_text (json_node_get_double (node))
                                                       : NULL;
    }
  g_assert_not_reached ();
}

char *
cg_camera_field_describe (const CgCameraField *f, JsonObject *camera, const char *today)
{
  char *text = cg_camera_field_show (f, camera);
  if (text == NULL || !(f->flags & CG_FIELD_EXPIRES))
    return text;
  g_autofree char *now = NULL;
  if (today == NULL)
    {
      g_autoptr (GDateTime) t = g_date_time_new_now_local ();
      today = now = g_date_time_format (t, "%Y-%m-%d");
    }
  const char *iso = cg_rpc_param_string (camera, f->json, NULL);
  g_autofree char *checked = NULL;
  if (iso == NULL || !cg_date_parse (iso, &checked, NULL) || strcmp (checked, today) >= 0)
    return text;
  g_autofree char *shown = text;
  /* Translators: a warranty's last day, past: "15/03/2025 (expired)". */
  return g_strdup_printf (_("%s (expired)"), shown);
}
