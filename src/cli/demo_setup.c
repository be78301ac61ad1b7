/* demo_setup.c — the demo's commune set up through the daemon's API. */
#include "build-config.h"

#include "cli/demo_setup.h"

#include "common/error.h"
#include "common/i18n.h"
#include "common/jsonrpc.h"
#include "common/timeutil.h"

#define MINUTE (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)

gboolean
cg_demo_add_cameras (CgClient *client, GPtrArray *cameras, char **urls, char **passwords,
                     GError **error)
{
  for (guint i = 0; i < cameras->len; i++)
    {
      const CgDemoCamera *c = cameras->pdata[i];
      g_autoptr (JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      cg_json_add_string (b, "name", c->name);
      cg_json_add_string (b, "url", urls[i]);
      if (*passwords[i] != '\0')
        {
          cg_json_add_string (b, "user", "admin");
          cg_json_add_string (b, "password", passwords[i]);
        }
      for (int k = 0; c->keys[k] != NULL; k++)
        cg_json_add_string (b, c->keys[k], c->values[k]);
      json_builder_end_object (b);
      g_autoptr (JsonNode) params = json_builder_get_root (b);
      g_autoptr (JsonNode) r = cg_client_call (client, "camera.add", params, NULL, error);
      if (r == NULL)
        {
          g_prefix_error (error, "%s: ", c->name);
          return FALSE;
        }
    }
  return TRUE;
}

void
cg_demo_wait_recorded (CgClient *client, GPtrArray *cameras, double seconds, int timeout_s)
{
  /* Each camera seen recording once (a weak line's may stall again at
   * once), then the seconds wanted for all. */
  g_autofree gboolean *seen = g_new0 (gboolean, cameras->len);
  gint64 until = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    {
      g_autoptr (JsonNode) r = cg_client_call (client, "status", NULL, NULL, NULL);
      JsonObject *o = r != NULL && JSON_NODE_HOLDS_OBJECT (r) ? json_node_get_object (r) : NULL;
      JsonArray *list = o != NULL && json_object_has_member (o, "cameras")
                          ? json_object_get_array_member (o, "cameras") : NULL;
      gboolean all = TRUE;
      for (guint i = 0; i < cameras->len; i++)
        {
          const CgDemoCamera *c = cameras->pdata[i];
          for (guint k = 0; list != NULL && k < json_array_get_length (list) && !seen[i]; k++)
            {
              JsonObject *cam = json_array_get_object_element (list, k);
              seen[i] = g_strcmp0 (json_object_get_string_member_with_default (cam, "name", ""), c->name) == 0
                        && g_strcmp0 (json_object_get_string_member_with_default (cam, "state", ""),
                                      "recording") == 0;
            }
          all = all && seen[i];
        }
      if (all)
        break;
      g_usleep (300000);
    }
  g_usleep ((gulong) (seconds * G_USEC_PER_SEC));
}

/* ---- what officers recorded over the weeks ------------------------------ */

typedef struct {
  int days_ago;       /* the local day, counted back from today */
  int hour, minute;   /* when it began */
  int minutes;        /* how long */
  const char *kind, *place, *map, *description, *reporter, *phone;
  const char *cameras[3];
  const char *status; /* while open: new, verifying, transferred, resolved */
  const char *outcome;  /* closed with this outcome, or NULL: still open */
  gboolean helped;
  int export_minutes;   /* an export of this long from its start, or 0 */
} DemoIncident;

static const DemoIncident incidents[] = {
  { 33, 7, 40, 30, "trom_cap", "Cổng chính chợ", "20,9",
    "Mất xe máy Honda Wave đỏ dựng trước cổng chợ phiên.", "Nguyễn Văn Hải", "0915 208 331",
    { "Chợ Hoằng Kim – cổng chính", "Chợ Hoằng Kim – cổng sau" }, NULL,
    "Camera cổng sau ghi rõ người dắt xe đi về hướng thôn 3; đã thu hồi xe, trả cho chủ.", TRUE, 10 },
  { 30, 22, 10, 25, "gay_roi", "Ngã tư Quốc lộ 1A", "32,6",
    "Nhóm thanh niên đi xe máy nẹt pô, lạng lách qua ngã tư.", "Tổ tuần tra", NULL,
    { "Ngã tư Quốc lộ 1A" }, NULL,
    "Xác định được hai xe; đã mời phụ huynh lên làm việc, lập biên bản.", TRUE, 0 },
  { 19, 21, 15, 25, "danh_nhau", "Quán cà phê chị Hạnh, thôn 4", "53,13",
    "Xô xát giữa hai nhóm khách trước quán cà phê.", "Vũ Thị Hạnh", "0903 557 961",
    { "Thôn 4 – quán cà phê chị Hạnh" }, NULL,
    "Camera mất hình đúng lúc xô xát (đường truyền chập chờn); hai bên đã hòa giải.", FALSE, 0 },
  { 12, 6, 5, 25, "tai_nan", "Ngã tư Quốc lộ 1A", "32,6",
    "Va chạm giữa xe máy và xe tải rẽ vào đường trục xã; một người bị thương nhẹ.",
    "Lê Văn Toàn", "0987 440 152", { "Ngã tư Quốc lộ 1A", "Cây xăng Hoằng Kim" }, NULL,
    "Hình ảnh cho thấy xe máy vượt ẩu; đã chuyển hồ sơ cho CSGT huyện.", TRUE, 8 },
  { 8, 23, 10, 40, "trom_cap", "Xóm Đông, thôn 1", "5,3",
    "Mất trộm 6 con gà trong chuồng nhà ông Hùng.", "Trần Văn Hùng", "0965 402 318",
    { "Thôn 1 – nhà ông Hùng" }, "verifying", NULL, FALSE, 0 },
  { 3, 14, 0, 20, "cuop_giat", "Trước trường THCS", "20,5",
    "Giật túi xách của một phụ huynh đứng đón con.", "Phạm Thị Thu", "0934 661 209",
    { "Trường THCS", "Ngã tư Quốc lộ 1A" }, "transferred", NULL, FALSE, 0 },
  { 0, 7, 30, 15, "khac", "Thôn 3", "14,13",
    "Hai người lạ đi xe máy hỏi đường vào nhiều nhà trong xóm.", "Hoàng Văn Sơn", "0915 663 027",
    { "Thôn 3 – nhà ông Sơn" }, "new", NULL, FALSE, 5 },
};

typedef struct {
  int days_ago, hour;
  const char *camera, *kind, *note, *old_serial, *new_serial;
  gint64 cost;
} DemoMaintenance;

static const DemoMaintenance maintenance[] = {
  { 28, 9, "Chợ Hoằng Kim – cổng sau", "replace", "Camera cũ hỏng cảm biến sau hơn một năm; thay máy mới.",
    "DH-5J0123456", "DH-7K0456789", 1250000 },
  { 24, 8, "Cổng UBND xã", "inspection", "Vệ sinh ống kính, siết lại giá đỡ, kiểm tra nguồn.", NULL, NULL, -1 },
  { 16, 15, "Thôn 1 – nhà ông Hùng", "inspection",
    "Đường truyền yếu buổi tối; đã đề nghị hộ ông Hùng nâng gói cước.", NULL, NULL, -1 },
  { 10, 10, "Thôn 4 – quán cà phê chị Hạnh", "repair", "Thay đoạn dây mạng ra camera bị chuột cắn.", NULL,
    NULL, 150000 },
  { 6, 8, "Ngã ba Quốc lộ 1A – thôn 1", "fault", "Hộ dân báo camera mất hình từ tối hôm trước.", NULL,
    NULL, -1 },
  { 5, 14, "Ngã ba Quốc lộ 1A – thôn 1", "inspection",
    "Bộ nguồn 12V hỏng, camera hết bảo hành; đã báo UBND xin kinh phí thay.", NULL, NULL, -1 },
  { 1, 16, "Thôn 2 – xưởng mộc anh Dũng", "fault",
    "Xưởng mộc đã cài lại camera, đổi mật khẩu; cần hỏi mật khẩu mới.", NULL, NULL, -1 },
};

static gint64
local_time (gint64 today, int days_ago, int hour, int minute)
{
  return today - days_ago * DAY + hour * HOUR + minute * MINUTE;
}

static gboolean
known (GPtrArray *cameras, const char *name)
{
  return name == NULL || cg_demo_cameras_find (cameras, name) != NULL;
}

static JsonNode *
call (CgClient *client, const char *method, JsonBuilder *b, GError **error)
{
  g_autoptr (JsonNode) params = json_builder_get_root (b);
  JsonNode *r = cg_client_call (client, method, params, NULL, error);
  if (r == NULL)
    g_prefix_error (error, "%s: ", method);
  return r;
}

static gboolean
add_incident (CgClient *client, const DemoIncident *d, gint64 from, GError **error)
{
  gint64 to = from + d->minutes * MINUTE;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  cg_json_add_string (b, "kind", d->kind);
  cg_json_add_time (b, "from", from);
  cg_json_add_time (b, "to", to);
  cg_json_add_string (b, "description", d->description);
  cg_json_add_string (b, "place", d->place);
  cg_json_add_string (b, "map", d->map);
  cg_json_add_string (b, "reporter", d->reporter);
  if (d->phone != NULL)
    cg_json_add_string (b, "reporter_phone", d->phone);
  if (d->status != NULL)
    cg_json_add_string (b, "status", d->status);
  json_builder_set_member_name (b, "cameras");
  json_builder_begin_array (b);
  for (int i = 0; i < 3 && d->cameras[i] != NULL; i++)
    json_builder_add_string_value (b, d->cameras[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) r = call (client, "incident.create", b, error);
  if (r == NULL)
    return FALSE;
  JsonObject *o = json_node_get_object (r);
  gint64 id = json_object_get_int_member (o, "id");

  if (d->export_minutes > 0)
    {
      g_autoptr (JsonBuilder) e = json_builder_new ();
      json_builder_begin_object (e);
      cg_json_add_string (e, "camera", d->cameras[0]);
      cg_json_add_time (e, "from", from);
      cg_json_add_time (e, "to", from + d->export_minutes * MINUTE);
      cg_json_add_int (e, "incident", id);
      g_autofree char *note = g_strdup_printf ("%s", json_object_get_string_member (o, "code"));
      cg_json_add_string (e, "note", note);
      json_builder_end_object (e);
      /* The camera may have been down then: the incident stands without
       * an export, as it would at the post. */
      g_autoptr (GError) refused = NULL;
      g_autoptr (JsonNode) x = call (client, "export.create", e, &refused);
      if (x == NULL)
        g_debug ("%s", refused->message);
    }
  if (d->outcome == NULL)
    return TRUE;
  /* The version read again: an export made for it counts as a change. */
  g_autoptr (JsonBuilder) s = json_builder_new ();
  json_builder_begin_object (s);
  cg_json_add_int (s, "incident", id);
  json_builder_end_object (s);
  g_autoptr (JsonNode) shown = call (client, "incident.show", s, error);
  if (shown == NULL)
    return FALSE;
  gint64 version = json_object_get_int_member (json_node_get_object (shown), "version");
  g_autoptr (JsonBuilder) c = json_builder_new ();
  json_builder_begin_object (c);
  cg_json_add_int (c, "incident", id);
  cg_json_add_int (c, "version", version);
  cg_json_add_string (c, "outcome", d->outcome);
  json_builder_set_member_name (c, "footage_helped");
  json_builder_add_boolean_value (c, d->helped);
  json_builder_end_object (c);
  g_autoptr (JsonNode) closed = call (client, "incident.close", c, error);
  return closed != NULL;
}

static gboolean
add_maintenance (CgClient *client, const DemoMaintenance *m, gint64 at, GError **error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  cg_json_add_string (b, "camera", m->camera);
  cg_json_add_string (b, "kind", m->kind);
  cg_json_add_time (b, "at", at);
  cg_json_add_string (b, "note", m->note);
  if (m->cost >= 0)
    cg_json_add_int (b, "cost", m->cost);
  if (m->old_serial != NULL)
    cg_json_add_string (b, "old_serial", m->old_serial);
  if (m->new_serial != NULL)
    cg_json_add_string (b, "new_serial", m->new_serial);
  json_builder_end_object (b);
  g_autoptr (JsonNode) r = call (client, "maintenance.add", b, error);
  return r != NULL;
}

gboolean
cg_demo_add_events (CgClient *client, GPtrArray *cameras, int days, GError **error)
{
  gint64 now = cg_time_now_us ();
  g_autoptr (GDateTime) local = g_date_time_new_from_unix_local (now / G_USEC_PER_SEC);
  g_autoptr (GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (local),
                                                          g_date_time_get_month (local),
                                                          g_date_time_get_day_of_month (local), 0, 0, 0);
  gint64 today = g_date_time_to_unix (midnight) * G_USEC_PER_SEC;
  for (gsize i = 0; i < G_N_ELEMENTS (incidents); i++)
    {
      const DemoIncident *d = &incidents[i];
      gint64 from = local_time (today, d->days_ago, d->hour, d->minute);
      /* Only within the history, and over before the demo began. */
      if (d->days_ago >= days || from + d->minutes * MINUTE + 10 * MINUTE > now
          || !known (cameras, d->cameras[0]) || !known (cameras, d->cameras[1])
          || !known (cameras, d->cameras[2]))
        continue;
      if (!add_incident (client, d, from, error))
        return FALSE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (maintenance); i++)
    {
      const DemoMaintenance *m = &maintenance[i];
      gint64 at = local_time (today, m->days_ago, m->hour, 0);
      if (m->days_ago >= days || at > now || !known (cameras, m->camera))
        continue;
      if (!add_maintenance (client, m, at, error))
        return FALSE;
    }
  return TRUE;
}
