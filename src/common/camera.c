/* camera.c — a camera and the rules its fields follow.
 *
 * Everything an officer types about a camera passes through here before
 * it reaches the cameras table, so that the capture code can trust what
 * it reads: a URL it can connect to, a name that is safe as a directory,
 * credentials kept apart from anything that is ever shown.
 */
#define G_LOG_DOMAIN "canhgac-camera"
#include "camera.h"

#include "error.h"
#include "i18n.h"
#include "message.h"
#include "text.h"
#include "timeutil.h"

#include <string.h>

#define NAME_MAX_CHARS 64

CgCamera *
cg_camera_new (void)
{
  CgCamera *camera = g_new0 (CgCamera, 1);
  camera->transport = CG_TRANSPORT_TCP;
  camera->funding = CG_FUNDING_UNKNOWN;
  camera->enabled = TRUE;
  camera->motion_sensitivity = -1;
  return camera;
}

CgCamera *
cg_camera_copy (const CgCamera *camera)
{
  CgCamera *c = g_new (CgCamera, 1);
  *c = *camera;
  c->name = g_strdup (camera->name);
  c->url = g_strdup (camera->url);
  c->username = g_strdup (camera->username);
  c->password = g_strdup (camera->password);
  c->substream_url = g_strdup (camera->substream_url);
  c->place = g_strdup (camera->place);
  c->host_name = g_strdup (camera->host_name);
  c->host_phone = g_strdup (camera->host_phone);
  c->power_by = g_strdup (camera->power_by);
  c->network_by = g_strdup (camera->network_by);
  c->installed_on = g_strdup (camera->installed_on);
  c->motion_mask = g_strdup (camera->motion_mask);
  c->donor = g_strdup (camera->donor);
  c->host_address = g_strdup (camera->host_address);
  c->network_plan = g_strdup (camera->network_plan);
  c->brand = g_strdup (camera->brand);
  c->model = g_strdup (camera->model);
  c->serial = g_strdup (camera->serial);
  c->warranty_until = g_strdup (camera->warranty_until);
  c->notes = g_strdup (camera->notes);
  return c;
}

static void
camera_clear (CgCamera *camera)
{
  g_free (camera->name);
  g_free (camera->url);
  g_free (camera->username);
  if (camera->password != NULL)
    {
      /* Do not leave the password lying in freed memory. */
      memset (camera->password, 0, strlen (camera->password));
      g_free (camera->password);
    }
  g_free (camera->substream_url);
  g_free (camera->place);
  g_free (camera->host_name);
  g_free (camera->host_phone);
  g_free (camera->power_by);
  g_free (camera->network_by);
  g_free (camera->installed_on);
  g_free (camera->motion_mask);
  g_free (camera->donor);
  g_free (camera->host_address);
  g_free (camera->network_plan);
  g_free (camera->brand);
  g_free (camera->model);
  g_free (camera->serial);
  g_free (camera->warranty_until);
  g_free (camera->notes);
}

void
cg_camera_free (CgCamera *camera)
{
  if (camera == NULL)
    return;
  camera_clear (camera);
  g_free (camera);
}

/* ---- enumerations ------------------------------------------------------ */

const char *
cg_transport_to_string (CgTransport transport)
{
  return transport == CG_TRANSPORT_UDP ? "udp" : "tcp";
}

gboolean
cg_transport_from_string (const char *text, CgTransport *out)
{
  if (text != NULL && g_ascii_strcasecmp (text, "tcp") == 0)
    *out = CG_TRANSPORT_TCP;
  else if (text != NULL && g_ascii_strcasecmp (text, "udp") == 0)
    *out = CG_TRANSPORT_UDP;
  else
    return FALSE;
  return TRUE;
}

const char *
cg_funding_to_string (CgFunding funding)
{
  switch (funding)
    {
    case CG_FUNDING_BUDGET: return "budget";
    case CG_FUNDING_COMMUNITY: return "community";
    case CG_FUNDING_UNKNOWN: break;
    }
  return NULL;
}

gboolean
cg_funding_from_string (const char *text, CgFunding *out)
{
  if (text == NULL || *text == '\0')
    *out = CG_FUNDING_UNKNOWN;
  else if (g_ascii_strcasecmp (text, "budget") == 0)
    *out = CG_FUNDING_BUDGET;
  else if (g_ascii_strcasecmp (text, "community") == 0)
    *out = CG_FUNDING_COMMUNITY;
  else
    return FALSE;
  return TRUE;
}

const char *
cg_host_kind_to_string (CgHostKind kind)
{
  switch (kind)
    {
    case CG_HOST_HOUSEHOLD: return "household";
    case CG_HOST_BUSINESS: return "business";
    case CG_HOST_UNKNOWN: break;
    }
  return NULL;
}

gboolean
cg_host_kind_from_string (const char *text, CgHostKind *out)
{
  if (text == NULL || *text == '\0')
    *out = CG_HOST_UNKNOWN;
  else if (g_ascii_strcasecmp (text, "household") == 0)
    *out = CG_HOST_HOUSEHOLD;
  else if (g_ascii_strcasecmp (text, "business") == 0)
    *out = CG_HOST_BUSINESS;
  else
    return FALSE;
  return TRUE;
}

/* ---- other fields ------------------------------------------------------ */

gboolean
cg_camera_name_valid (const char *name, GError **error)
{
  if (name == NULL || *name == '\0')
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED, N_("a camera needs a name"));
      return FALSE;
    }
  if (!g_utf8_validate (name, -1, NULL))
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("the camera name is not valid UTF-8 text; check the terminal's "
                            "character set"));
      return FALSE;
    }
  g_autofree char *shown = cg_text_printable (name);
  glong chars = g_utf8_strlen (name, -1);
  if (chars > NAME_MAX_CHARS)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("the camera name “%s” has %ld characters; at most %d are allowed"),
                         shown, chars, NAME_MAX_CHARS);
      return FALSE;
    }
  if (name[0] == '.')
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("the camera name “%s” cannot start with “.”"), shown);
      return FALSE;
    }
  gunichar first = g_utf8_get_char (name);
  gunichar last = g_utf8_get_char (g_utf8_find_prev_char (name, name + strlen (name)));
  if (g_unichar_isspace (first) || g_unichar_isspace (last))
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("the camera name “%s” cannot start or end with a space"), shown);
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '/')
        {
          cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                             N_("the camera name “%s” cannot contain “/” (it names the folder "
                                "of its recordings)"), shown);
          return FALSE;
        }
      if (!g_unichar_isprint (c) && !g_unichar_ismark (c))
        {
          cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                             N_("the camera name “%s” contains a control character"), shown);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
cg_camera_map_parse (const char *text, int *x, int *y, GError **error)
{
  g_auto (GStrv) parts = text != NULL ? g_strsplit (text, ",", -1) : NULL;
  guint64 v[2];
  gboolean ok = parts != NULL && g_strv_length (parts) == 2;
  for (int i = 0; ok && i < 2; i++)
    ok = g_ascii_string_to_unsigned (g_strstrip (parts[i]), 10, 0, G_MAXINT, &v[i], NULL);
  if (!ok)
    {
      g_autofree char *shown = cg_text_printable (text != NULL ? text : "");
      cg_error_set_text (error, CG_ERROR, CG_ERROR_USAGE,
                         N_("“%s” is not a map position: write X,Y with two whole numbers "
                            "of 0 or more, such as 120,45"), shown);
      return FALSE;
    }
  *x = (int) v[0];
  *y = (int) v[1];
  return TRUE;
}

/* A field's label (N_()) inside one of tidy_text()'s messages; the
 * refusal names the field (json, the API's parameter). */
static void
text_refused (GError **error, const char *json, const char *msgid, const char *label,
              CgMessage *more)
{
  cg_error_set_message (error, CG_ERROR, CG_ERROR_FAILED,
                        cg_message_compose (msgid, cg_message_compose (label, NULL), more, NULL));
  cg_error_set_field (error, json);
}

/* A free-text field: its member in JSON, its name in messages (N_()),
 * whether it may hold lines (the notes) and how long it may be. */
typedef struct {
  gsize offset;
  const char *json;
  const char *label;
  gboolean lines;
  int max_chars;
} TextRule;

#define TEXT(member, json, label) \
  { G_STRUCT_OFFSET (CgCamera, member), json, label, FALSE, CG_CAMERA_TEXT_MAX_CHARS }

static const TextRule text_rules[] = {
  TEXT (username, "user", N_("the user name")),
  TEXT (place, "place", N_("the place")),
  TEXT (donor, "donor", N_("the donor's name")),
  TEXT (host_name, "host_name", N_("the host household's name")),
  TEXT (host_address, "host_address", N_("the host's address")),
  TEXT (host_phone, "host_phone", N_("the host's phone number")),
  TEXT (power_by, "power_by", N_("who provides power")),
  TEXT (network_by, "network_by", N_("who provides the network")),
  TEXT (network_plan, "network_plan", N_("the line's plan")),
  TEXT (installed_on, "installed", N_("the installation date")),
  TEXT (brand, "brand", N_("the brand")),
  TEXT (model, "model", N_("the model")),
  TEXT (serial, "serial", N_("the serial number")),
  TEXT (warranty_until, "warranty_until", N_("the warranty's end")),
  { G_STRUCT_OFFSET (CgCamera, notes), "notes", N_("the note"), TRUE,
    CG_CAMERA_NOTES_MAX_CHARS },
};

/* Trims a free-text field in place; an empty one becomes NULL.  Line
 * ends typed on Windows or pasted from a web page become '\n' where
 * lines are allowed. */
static gboolean
tidy_text (CgCamera *c, const TextRule *rule, GError **error)
{
  char **field = G_STRUCT_MEMBER_P (c, rule->offset);
  if (*field == NULL)
    return TRUE;
  if (!g_utf8_validate (*field, -1, NULL))
    {
      text_refused (error, rule->json,
                    N_("%s is not valid UTF-8 text; check the terminal's character set"),
                    rule->label, NULL);
      return FALSE;
    }
  if (rule->lines)
    {
      g_auto (GStrv) parts = g_strsplit (*field, "\r\n", -1);
      g_free (*field);
      *field = g_strjoinv ("\n", parts);
    }
  char *nfc = g_utf8_normalize (g_strstrip (*field), -1, G_NORMALIZE_NFC);
  g_free (*field);
  *field = nfc;
  if (**field == '\0')
    {
      g_clear_pointer (field, g_free);
      return TRUE;
    }
  if (g_utf8_strlen (*field, -1) > rule->max_chars)
    {
      g_autofree char *most = g_strdup_printf ("%d", rule->max_chars);
      text_refused (error, rule->json, N_("%s is too long: at most %d characters"), rule->label,
                    cg_message_literal (most));
      return FALSE;
    }
  for (const char *p = *field; *p != '\0'; p++)
    if (((guchar) *p < 0x20 || *p == 0x7f) && !(rule->lines && *p == '\n'))
      {
        text_refused (error, rule->json,
                      rule->lines ? N_("%s contains a control character (only line breaks "
                                       "are allowed)")
                                  : N_("%s contains a control character or a line break; "
                                       "write it on one line"),
                      rule->label, NULL);
        return FALSE;
      }
  return TRUE;
}

static gboolean
phone_valid (const char *phone)
{
  int digits = 0;
  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr (" +-.()", *p) == NULL)
        return FALSE;
    }
  return digits >= 3;
}

static gboolean
date_valid (const char *text)
{
  guint64 y, m, d;
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  g_autofree char *ys = g_strndup (text, 4);
  g_autofree char *ms = g_strndup (text + 5, 2);
  g_autofree char *ds = g_strndup (text + 8, 2);
  return g_ascii_string_to_unsigned (ys, 10, 1900, 9999, &y, NULL)
         && g_ascii_string_to_unsigned (ms, 10, 1, 12, &m, NULL)
         && g_ascii_string_to_unsigned (ds, 10, 1, 31, &d, NULL)
         && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/* An ISO day as officers write it: 15/03/2025. */
static char *
day_text (const char *iso)
{
  return g_strdup_printf ("%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

static gboolean
same_or_unset (const char *given, const char *in_url)
{
  return given == NULL || in_url == NULL || strcmp (given, in_url) == 0;
}

/* Checks every field of c and brings it to the form kept in the
 * database (NFC text, URL without credentials, NULL for empty). */
gboolean
cg_camera_normalize (CgCamera *c, GError **error)
{
  if (!cg_camera_name_valid (c->name, error))
    return FALSE;
  char *nfc = g_utf8_normalize (c->name, -1, G_NORMALIZE_NFC);
  g_free (c->name);
  c->name = nfc;

  g_autofree char *url = NULL, *user = NULL, *pass = NULL;
  if (!cg_camera_url_parse (c->url, &url, &user, &pass, error))
    return FALSE;
  if (!same_or_unset (c->username, user) || !same_or_unset (c->password, pass))
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("the camera address holds a user name or password different from "
                            "the one given separately; give them only once"));
      return FALSE;
    }
  g_free (c->url);
  c->url = g_steal_pointer (&url);
  if (c->username == NULL)
    c->username = g_steal_pointer (&user);
  if (c->password == NULL)
    c->password = g_steal_pointer (&pass);

  if (c->username != NULL && *c->username == '\0')
    g_clear_pointer (&c->username, g_free);
  if (c->password != NULL && *c->password == '\0')
    g_clear_pointer (&c->password, g_free);
  if (c->password != NULL && !g_utf8_validate (c->password, -1, NULL))
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("the password is not valid UTF-8 text; check the terminal's "
                            "character set"));
      return FALSE;
    }

  if (c->substream_url != NULL && *g_strstrip (c->substream_url) == '\0')
    g_clear_pointer (&c->substream_url, g_free);
  if (c->substream_url != NULL)
    {
      g_autofree char *sub = NULL, *sub_user = NULL, *sub_pass = NULL;
      if (!cg_camera_url_parse (c->substream_url, &sub, &sub_user, &sub_pass, error))
        {
          cg_error_prefix_text (error, N_("sub-stream: %s"));
          return FALSE;
        }
      /* One camera, one login: the sub-stream is opened with the camera's
       * credentials, so it may only repeat them. */
      if ((sub_user != NULL && g_strcmp0 (sub_user, c->username) != 0)
          || (sub_pass != NULL && g_strcmp0 (sub_pass, c->password) != 0))
        {
          cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                             N_("the sub-stream address holds another user name or password "
                                "than the camera's; give it without them"));
          return FALSE;
        }
      g_free (c->substream_url);
      c->substream_url = g_steal_pointer (&sub);
    }

  if (c->transport != CG_TRANSPORT_TCP && c->transport != CG_TRANSPORT_UDP)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED, N_("the transport must be tcp or udp"));
      return FALSE;
    }
  if (c->funding != CG_FUNDING_UNKNOWN && c->funding != CG_FUNDING_BUDGET
      && c->funding != CG_FUNDING_COMMUNITY)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("the funding must be budget or community"));
      return FALSE;
    }
  if (c->has_map && (c->map_x < 0 || c->map_y < 0))
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("the map position %d,%d is outside the map: both numbers must be "
                            "0 or more"), c->map_x, c->map_y);
      return FALSE;
    }
  if (!c->has_map)
    c->map_x = c->map_y = 0;

  for (size_t i = 0; i < G_N_ELEMENTS (text_rules); i++)
    if (!tidy_text (c, &text_rules[i], error))
      return FALSE;
  if (c->host_kind != CG_HOST_UNKNOWN && c->host_kind != CG_HOST_HOUSEHOLD
      && c->host_kind != CG_HOST_BUSINESS)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("the host must be a household or a business"));
      cg_error_set_field (error, "host_kind");
      return FALSE;
    }
  if (c->donor != NULL && c->funding == CG_FUNDING_BUDGET)
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("a donor belongs to a community-funded camera, and this one is "
                            "bought from the commune budget: set the funding to community, or "
                            "leave the donor empty"));
      cg_error_set_field (error, "donor");
      return FALSE;
    }
  if (c->host_phone != NULL && !phone_valid (c->host_phone))
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("“%s” is not a phone number: use digits, spaces and + - . ( ) only"),
                         c->host_phone);
      cg_error_set_field (error, "host_phone");
      return FALSE;
    }
  if (c->installed_on != NULL && !date_valid (c->installed_on))
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("“%s” is not an installation date: write dd/mm/yyyy, such as "
                            "15/03/2025, or ISO 8601 YYYY-MM-DD"), c->installed_on);
      cg_error_set_field (error, "installed");
      return FALSE;
    }
  if (c->warranty_until != NULL && !date_valid (c->warranty_until))
    {
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("“%s” is not a date for the warranty's end: write dd/mm/yyyy, such "
                            "as 15/03/2027, or ISO 8601 YYYY-MM-DD"), c->warranty_until);
      cg_error_set_field (error, "warranty_until");
      return FALSE;
    }
  /* Both ISO: as text they sort as days do. */
  if (c->warranty_until != NULL && c->installed_on != NULL
      && strcmp (c->warranty_until, c->installed_on) < 0)
    {
      g_autofree char *until = day_text (c->warranty_until);
      g_autofree char *installed = day_text (c->installed_on);
      cg_error_set_text (error, CG_ERROR, CG_ERROR_FAILED,
                         N_("the warranty ends on %s, before the camera was installed (%s): "
                            "check both dates"), until, installed);
      cg_error_set_field (error, "warranty_until");
      return FALSE;
    }
  c->enabled = c->enabled != FALSE;
  return TRUE;
}

/* ---- the table --------------------------------------------------------- */
